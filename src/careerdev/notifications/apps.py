from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "careerdev.notifications"
    verbose_name = "Notifications"
