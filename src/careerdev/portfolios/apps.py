from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "careerdev.portfolios"
    verbose_name = "Portfolios"
