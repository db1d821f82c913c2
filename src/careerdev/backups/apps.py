from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "careerdev.backups"
    verbose_name = "Backups"
