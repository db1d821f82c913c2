"""Every write about the school itself: settings, programs, terms."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .models import Program, School, Term


@transaction.atomic
def update_school_settings(school: School, **fields) -> School:
    for name, value in fields.items():
        setattr(school, name, value)
    school.full_clean()
    school.save()
    return school


@transaction.atomic
def add_program(school: School, *, code: str, name: str) -> Program:
    program = Program(school=school, code=code.strip().upper(), name=name.strip())
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def add_term(school: School, *, name: str, start_date: dt.date) -> Term:
    term = Term(school=school, name=name.strip(), start_date=start_date)
    term.full_clean()
    term.save()
    return term
