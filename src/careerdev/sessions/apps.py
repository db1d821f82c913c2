from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "careerdev.sessions"
    # "sessions" is django.contrib.sessions' label.
    label = "pd_sessions"
    verbose_name = "Sessions and attendance"
