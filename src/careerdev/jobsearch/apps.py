from django.apps import AppConfig


class JobsearchConfig(AppConfig):
    name = "careerdev.jobsearch"
    verbose_name = "Job search"
