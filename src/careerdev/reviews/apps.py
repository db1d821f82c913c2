from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "careerdev.reviews"
    verbose_name = "Document reviews"
