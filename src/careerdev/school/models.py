"""The school's calendar and who sits which module.

A Term is the period in which a set of cohorts each sit one module; the
cohorts of one term together are its "student body". Week N of a term and the
Wednesday PD session of that week are computed from the term's start date and
the school's settings, never stored.
"""

import datetime as dt
import secrets
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as America/Denver.")


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def _new_token() -> str:
    return secrets.token_hex(16)


class School(models.Model):
    name = models.CharField(max_length=200, unique=True)
    time_zone = models.CharField(
        max_length=64, default="America/Denver", validators=[validate_time_zone]
    )
    pd_weekday = models.PositiveSmallIntegerField(
        "PD weekday", choices=Weekday.choices, default=Weekday.WEDNESDAY
    )
    pd_start_time = models.TimeField("PD starts", default=dt.time(13, 0))
    pd_end_time = models.TimeField("PD ends", default=dt.time(14, 0))
    weeks_in_module = models.PositiveSmallIntegerField(default=6)
    first_pd_week = models.PositiveSmallIntegerField("first PD week", default=1)
    last_pd_week = models.PositiveSmallIntegerField("last PD week", default=5)
    # Names the state of everything the school's students share (its terms,
    # deliverables, groups…): a new random value whenever any of it changes,
    # set by database triggers in the same transaction (school/shared.py).
    # Each worker keeps what it read under this name. Random, not a counter:
    # a restored backup or a reused id can never bring back a name a worker
    # still holds for other data.
    data_token = models.CharField(max_length=32, default=_new_token, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pd_weekday__gte=0, pd_weekday__lte=6),
                name="school_pd_weekday_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(pd_end_time__gt=models.F("pd_start_time")),
                name="school_pd_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(weeks_in_module__gte=1, weeks_in_module__lte=26),
                name="school_weeks_in_module_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    first_pd_week__gte=1,
                    last_pd_week__gte=models.F("first_pd_week"),
                    last_pd_week__lte=models.F("weeks_in_module"),
                ),
                name="school_pd_weeks_within_module",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A change to the school's own settings (its zone, its PD times)
        # changes what its pages share; and a form holding an older copy of
        # the row must not write back a token a worker may still hold.
        self.data_token = _new_token()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "data_token"}
        super().save(*args, **kwargs)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def pd_weeks(self) -> range:
        return range(self.first_pd_week, self.last_pd_week + 1)


class Program(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="programs")
    code = models.CharField(max_length=16, help_text="Short code such as FE or BE.")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                "school", Lower("code"), name="program_code_unique_per_school_ci"
            ),
            models.CheckConstraint(condition=~models.Q(code=""), name="program_code_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Cohort(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="cohorts")
    code = models.CharField(max_length=32, help_text="Start and program, such as 2405-BE.")
    start_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint("program", Lower("code"), name="cohort_code_unique_ci"),
            models.CheckConstraint(condition=~models.Q(code=""), name="cohort_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class TermWeek:
    """Week N of a term: its dates and, for PD weeks, the PD session's moment."""

    number: int
    starts_on: dt.date
    ends_on: dt.date
    pd_starts_at: dt.datetime | None
    pd_ends_at: dt.datetime | None

    @property
    def is_pd_week(self) -> bool:
        return self.pd_starts_at is not None


class Term(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=100, help_text="For example “Spring 2027”.")
    start_date = models.DateField(help_text="The Monday of week 1.")

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint("school", "start_date", name="term_start_unique_per_school"),
            models.UniqueConstraint("school", Lower("name"), name="term_name_unique_per_school_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def end_date(self) -> dt.date:
        return self.start_date + dt.timedelta(weeks=self.school.weeks_in_module, days=-1)

    def week(self, number: int) -> TermWeek:
        """Week `number` (1-based) of this term, with its PD session when it has one."""
        school = self.school
        if not 1 <= number <= school.weeks_in_module:
            raise ValueError(f"A term has weeks 1–{school.weeks_in_module}, not {number}.")
        starts_on = self.start_date + dt.timedelta(weeks=number - 1)
        ends_on = starts_on + dt.timedelta(days=6)
        pd_start = pd_end = None
        if number in school.pd_weeks:
            pd_day = starts_on + dt.timedelta(days=(school.pd_weekday - starts_on.weekday()) % 7)
            pd_start = dt.datetime.combine(pd_day, school.pd_start_time, tzinfo=school.zone)
            pd_end = dt.datetime.combine(pd_day, school.pd_end_time, tzinfo=school.zone)
        return TermWeek(number, starts_on, ends_on, pd_start, pd_end)

    def weeks(self) -> list[TermWeek]:
        return [self.week(n) for n in range(1, self.school.weeks_in_module + 1)]

    def next_pd_week(self, now: dt.datetime) -> TermWeek | None:
        """The first PD week whose session has not yet ended at `now`."""
        for week in self.weeks():
            if week.is_pd_week and week.pd_ends_at > now:
                return week
        return None

    def week_number_on(self, day: dt.date) -> int | None:
        """Which week of the term `day` falls in, or None outside the term."""
        if not self.start_date <= day <= self.end_date:
            return None
        return (day - self.start_date).days // 7 + 1


class Enrollment(models.Model):
    """A student sitting one module in one term, in one cohort."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="enrollments")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrollments")
    module = models.PositiveSmallIntegerField()
    repeating = models.BooleanField(default=False)

    class Meta:
        ordering = ["cohort__code", "student__last_name", "student__first_name"]
        constraints = [
            models.UniqueConstraint("student", "term", name="enrollment_one_per_student_per_term"),
            models.CheckConstraint(
                condition=models.Q(module__gte=1, module__lte=4), name="enrollment_module_1_to_4"
            ),
        ]
        indexes = [models.Index(fields=["term", "module"]), models.Index(fields=["cohort", "term"])]

    def __str__(self) -> str:
        return f"{self.student} in {self.cohort} (Mod {self.module}, {self.term})"
