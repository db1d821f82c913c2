from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "careerdev.people"
    verbose_name = "People"
