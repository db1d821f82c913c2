from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "careerdev.audit"
    verbose_name = "Audit trail"
