import os
from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, CommandError

from careerdev.demo.services import DemoAccountTaken, create_demo_school


class Command(BaseCommand):
    help = (
        "Create the demo school “Turing Demo School”: a running term, 8 cohorts in\n"
        "Mods 1–4, about 240 generated students, 3 staff and 12 volunteers, all on\n"
        ".test addresses.\n\n"
        "Safe to run at every start: once the school has students, nothing is changed.\n"
        "The term is fixed on the first run (that day is in its week 2) and kept on\n"
        "later runs, so after some weeks it will have ended; start from a fresh\n"
        "database for a running term.\n\n"
        "Every demo account has the password careerdev-demo: for the demo only."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Keep the help's own line breaks, so the password is never split at its hyphen.
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def handle(self, *args, **options):
        try:
            summary = create_demo_school()
        except DemoAccountTaken as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f'Demo school "{summary.school}" is ready: {summary.students} students, '
            f"{summary.cohorts} cohorts, {summary.staff} staff, {summary.volunteers} volunteers."
        )
        if not summary.created:
            self.stdout.write("It was already there; nothing was changed.")
        if summary.week_today is None:
            self.stdout.write(
                f"Its term {summary.term} (from {summary.term_starts_on:%d %b %Y}) is not "
                "running today; start from a fresh database for a running term."
            )
        else:
            self.stdout.write(
                f"Term {summary.term} started {summary.term_starts_on:%a %d %b %Y}; "
                f"today is in week {summary.week_today}."
            )
        self.stdout.write(
            # ./run serves on $PORT (8000 unless set); say the address it will use.
            f"Sign in at http://127.0.0.1:{os.environ.get('PORT', '8000')}/ "
            f"with password {summary.password} "
            "(demo accounts only) as:"
        )
        width = max((len(login.email) for login in summary.logins), default=0)
        for login in summary.logins:
            self.stdout.write(f"  {login.role:<10} {login.email:<{width}}  {login.note}")
