from django.apps import AppConfig


class DeliverablesConfig(AppConfig):
    name = "careerdev.deliverables"
    verbose_name = "Deliverables"
