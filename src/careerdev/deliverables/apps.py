from django.apps import AppConfig


class DeliverablesConfig(AppConfig):
    name = "careerdev.deliverables"
    verbose_name = "Deliverables"

    def ready(self) -> None:
        from careerdev.school import shared

        from .models import Deliverable, DeliverableOverride

        # What every student's list of deliverables shares (school/shared.py).
        shared.watch(Deliverable, "(SELECT school_id FROM school_term WHERE id = {row}.term_id)")
        shared.watch(
            DeliverableOverride,
            "(SELECT t.school_id FROM deliverables_deliverable d"
            " JOIN school_term t ON t.id = d.term_id WHERE d.id = {row}.deliverable_id)",
        )
