from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from careerdev.notifications.reminders import deliverable_reminders
from careerdev.notifications.services import queue, send_pending


class Command(BaseCommand):
    help = (
        "Queue the reminders that are due (deliverables due within three days, "
        "and overdue) and send every queued email. Run it from cron every "
        "15 minutes; running it twice sends nothing twice. Exits non-zero when "
        "the mail server could not be reached (the emails wait for the next run)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        queued = queue(deliverable_reminders(now))
        result = send_pending(now=now)
        self.stdout.write(
            f"{queued} new notification{'s' if queued != 1 else ''}; "
            f"{result.sent} email{'s' if result.sent != 1 else ''} sent"
            + (f", {result.failed} failed" if result.failed else "")
            + "."
        )
        if result.stopped:
            raise CommandError(result.stopped + " Queued emails wait for the next run.")
