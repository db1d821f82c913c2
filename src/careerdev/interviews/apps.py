from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "careerdev.interviews"
    verbose_name = "Mock interviews"
