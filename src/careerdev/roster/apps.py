from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "careerdev.roster"
    verbose_name = "Roster import"
