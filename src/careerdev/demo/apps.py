from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "careerdev.demo"
    verbose_name = "Demo school"
