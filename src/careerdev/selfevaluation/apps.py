from django.apps import AppConfig


class SelfEvaluationConfig(AppConfig):
    name = "careerdev.selfevaluation"
    verbose_name = "Self-evaluation"
