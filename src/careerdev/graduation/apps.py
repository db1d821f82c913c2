from django.apps import AppConfig


class GraduationConfig(AppConfig):
    name = "careerdev.graduation"
    verbose_name = "Early graduation"
