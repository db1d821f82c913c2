from django.apps import AppConfig


class SchoolConfig(AppConfig):
    name = "careerdev.school"
    verbose_name = "School"
