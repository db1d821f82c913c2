from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "careerdev.home"
    verbose_name = "Home pages"
