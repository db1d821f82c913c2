from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "careerdev.calendars"
    verbose_name = "Calendar feeds"
