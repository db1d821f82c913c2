from django.apps import AppConfig


class RepeatsConfig(AppConfig):
    name = "careerdev.repeats"
    verbose_name = "Repeat plans"
