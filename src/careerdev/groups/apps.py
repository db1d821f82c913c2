from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "careerdev.groups"
    verbose_name = "Wednesday groups"
