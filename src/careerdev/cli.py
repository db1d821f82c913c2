"""The `careerdev` command: every manage.py command, plus careerdev's own
(`careerdev demo`, `careerdev import-roster FILE`).

Commands are spelled with hyphens on the command line (`import-roster`) and
with underscores as Django modules (`import_roster`); both work.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerdev.settings.dev")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
