from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SchoolConfig(AppConfig):
    name = "careerdev.school"
    verbose_name = "School"

    def ready(self) -> None:
        from . import shared
        from .models import Cohort, Enrollment, Program, Term

        term_school = "(SELECT school_id FROM school_term WHERE id = {row}.term_id)"
        shared.watch(Term, "{row}.school_id")
        shared.watch(Program, "{row}.school_id")
        shared.watch(Cohort, "(SELECT school_id FROM school_program WHERE id = {row}.program_id)")
        shared.watch(Enrollment, term_school)
        post_migrate.connect(_install_triggers, sender=self)


def _install_triggers(using: str = "default", **kwargs) -> None:
    from . import shared

    shared.install_triggers(using)
