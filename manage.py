#!/usr/bin/env python
"""Django's manage.py; `careerdev` (installed into .venv) does the same."""

from careerdev.cli import main

if __name__ == "__main__":
    main()
