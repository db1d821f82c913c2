"""The demo school: a realistic, generated student body to click through.

`create_demo_school()` makes "Turing Demo School" with a running term, eight
cohorts in Mods 1–4, about 240 students, Career Development staff and
employer volunteers. Everyone is invented (see names.py) from a seeded random
generator, so every run builds the same school; every address is on the
reserved `.test` domain, so no mail can reach a real person.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from careerdev import policies
from careerdev.people.models import Role, StudentProfile, User, VolunteerProfile
from careerdev.school.models import Cohort, Enrollment, Program, School, Term

from . import names
from .groups import form_demo_groups
from .progress import seed_demo_progress
from .schedule import seed_demo_schedule

SCHOOL_NAME = "Turing Demo School"
TIME_ZONE = "America/Denver"
# For the demo accounts only: never use it for a real school.
DEMO_PASSWORD = "careerdev-demo"  # noqa: S105  # nosec B105  # the published demo login
SEED = 2405

STAFF_EMAIL = "staff@demo.careerdev.test"
STUDENT_EMAIL = "student@demo.careerdev.test"
STUDENT2_EMAIL = "student2@demo.careerdev.test"
VOLUNTEER_EMAIL = "volunteer@demo.careerdev.test"
ADMIN_EMAIL = "admin@demo.careerdev.test"
STUDENT_DOMAIN = "students.demo.careerdev.test"
STAFF_DOMAIN = "staff.demo.careerdev.test"
VOLUNTEER_DOMAIN = "volunteers.demo.careerdev.test"

# Students per (module, program) cohort: uneven, as real cohorts are; 240 in all.
COHORT_SIZES = {
    (4, "BE"): 31,
    (4, "FE"): 29,
    (3, "BE"): 30,
    (3, "FE"): 32,
    (2, "BE"): 28,
    (2, "FE"): 30,
    (1, "BE"): 33,
    (1, "FE"): 27,
}
# A module and the break after it: how far apart cohorts one module apart started.
WEEKS_PER_MODULE = 7
REPEATING_IN_MOD_4 = 4
REPEATING_ELSEWHERE = (3, 2)  # one repeating student in each of these modules
OPTED_IN_MOD_4 = 4  # the well-known Mod 4 student among them
OPTED_IN_ELSEWHERE = 8
PREFERRED_NAME_SHARE = 0.6  # of students whose first name has a usual short form


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    note: str


@dataclass(frozen=True)
class DemoSummary:
    """What the demo school holds, and the accounts to sign in with."""

    school: str
    term: str
    term_starts_on: dt.date
    week_today: int | None
    created: bool
    students: int
    cohorts: int
    staff: int
    volunteers: int
    repeating: int
    logins: tuple[DemoLogin, ...]
    password: str = DEMO_PASSWORD


class DemoAccountTaken(Exception):
    """A well-known demo address already belongs to someone outside the demo."""


def create_demo_school(*, today: dt.date | None = None) -> DemoSummary:
    """Create the demo school, or find it if it is already there.

    The school is found by its name. Once it has students nothing is changed
    — not even the term, whose dates were fixed on the first run (week 1 is
    the Monday on or before `today` minus 7 days, so that day is in week 2).
    A term that has since ended stays as it is; a fresh database gives a
    running one. `today` defaults to today in the school's time zone.

    Everything is created in one transaction: a run that fails leaves nothing.
    """
    with transaction.atomic():
        school, _ = School.objects.get_or_create(
            name=SCHOOL_NAME, defaults={"time_zone": TIME_ZONE}
        )
        today = today or timezone.localdate(timezone=school.zone)
        # The demo term is the school's first: running again on a later day
        # must find it, not compute a new start date.
        term = school.terms.order_by("start_date").first()
        if term is not None and term.enrollments.exists():
            return _summarise(school, term, today=today, created=False)
        if term is None:
            start = _monday_on_or_before(today - dt.timedelta(days=7))
            term = Term.objects.create(school=school, name=term_name(start), start_date=start)
        _populate(school, term)
        return _summarise(school, term, today=today, created=True)


def term_name(start: dt.date) -> str:
    """The term's name from the season and year of its start, such as "Winter 2026"."""
    season = {12: "Winter", 1: "Winter", 2: "Winter", 3: "Spring", 4: "Spring", 5: "Spring"}
    season |= {6: "Summer", 7: "Summer", 8: "Summer", 9: "Fall", 10: "Fall", 11: "Fall"}
    return f"{season[start.month]} {start.year}"


def _monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _populate(school: School, term: Term) -> None:
    rng = random.Random(SEED)  # nosec B311  # seeded so every demo is the same; not a secret
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing 270 times takes seconds
    emails = _EmailBook(
        User.objects.filter(email__endswith=".demo.careerdev.test").values_list("email", flat=True)
    )
    taken = User.objects.filter(
        email__in=[STAFF_EMAIL, STUDENT_EMAIL, STUDENT2_EMAIL, VOLUNTEER_EMAIL, ADMIN_EMAIL]
    ).values_list("email", flat=True)
    if taken:
        raise DemoAccountTaken(
            f"{', '.join(taken)} already belong to accounts outside {SCHOOL_NAME}."
        )
    people = _people(rng)

    def user(role: str, first: str, last: str, email: str, **fields) -> User:
        return User(
            email=email,
            first_name=first,
            last_name=last,
            role=role,
            school=school,
            password=password,
            **fields,
        )

    staff = []
    for i in range(len(names.STAFF_TITLES)):
        first, last, _ = next(people)
        email = STAFF_EMAIL if i == 0 else emails.new(first, last, STAFF_DOMAIN)
        staff.append(user(Role.STAFF, first, last, email))
    admin = user(Role.STAFF, "Demo", "Admin", ADMIN_EMAIL, is_staff=True, is_superuser=True)

    volunteers = []
    for i in range(len(names.VOLUNTEERS)):
        first, last, _ = next(people)
        email = VOLUNTEER_EMAIL if i == 0 else emails.new(first, last, VOLUNTEER_DOMAIN)
        volunteers.append(user(Role.VOLUNTEER, first, last, email))

    cohorts = _cohorts(school, term)
    # (user, profile fields, cohort, module) per student, enrolled below.
    students: list[tuple[User, dict, Cohort, int]] = []
    for (module, code), size in COHORT_SIZES.items():
        for i in range(size):
            first, last, pronouns = next(people)
            email = emails.new(first, last, STUDENT_DOMAIN)
            handle = email.split("@")[0]
            if i == 0 and (module, code) == (4, "BE"):
                email = STUDENT_EMAIL
            elif i == 0 and (module, code) == (2, "FE"):
                email = STUDENT2_EMAIL
            nickname = names.NICKNAMES.get(first, "")
            if rng.random() >= PREFERRED_NAME_SHARE:
                nickname = ""
            profile = {
                "preferred_name": nickname,
                "pronouns": pronouns,
                "slack_handle": handle,
                "github": f"https://github.com/example-{handle.replace('.', '-')}",
                "linkedin": f"https://www.linkedin.com/in/example-{handle.replace('.', '-')}",
            }
            student = user(Role.STUDENT, first, last, email)
            students.append((student, profile, cohorts[module, code], module))

    repeating, opted_in = _pick_repeating_and_opted_in(rng, students)

    User.objects.bulk_create([*staff, admin, *volunteers, *(s[0] for s in students)])
    VolunteerProfile.objects.bulk_create(
        VolunteerProfile(user=v, company=company, title=title, expertise=expertise, bio=bio)
        for v, (company, title, expertise, bio) in zip(volunteers, names.VOLUNTEERS, strict=True)
    )
    StudentProfile.objects.bulk_create(
        StudentProfile(user=s, less_represented_opt_in=i in opted_in, **profile)
        for i, (s, profile, _, _) in enumerate(students)
    )
    Enrollment.objects.bulk_create(
        Enrollment(student=s, term=term, cohort=cohort, module=module, repeating=i in repeating)
        for i, (s, _, cohort, module) in enumerate(students)
    )
    form_demo_groups(term, staff[0], rng)
    seed_demo_progress(term, rng)
    seed_demo_schedule(term)


def _cohorts(school: School, term: Term) -> dict[tuple[int, str], Cohort]:
    """The programs and the cohort in each module, coded by start month.

    A cohort in Mod N started about N-1 modules before the term did.
    """
    programs = {
        code: Program.objects.get_or_create(school=school, code=code, defaults={"name": name})[0]
        for code, name in names.PROGRAMS
    }
    cohorts = {}
    for module, code in COHORT_SIZES:
        start = term.start_date - dt.timedelta(weeks=WEEKS_PER_MODULE * (module - 1))
        cohorts[module, code], _ = Cohort.objects.get_or_create(
            program=programs[code],
            code=f"{start:%y%m}-{code}",
            defaults={"start_date": start},
        )
    return cohorts


def _pick_repeating_and_opted_in(
    rng: random.Random, students: list[tuple[User, dict, Cohort, int]]
) -> tuple[set[int], set[int]]:
    """Indexes into `students` of those repeating their module and those who
    opted in. The two well-known students are kept typical: neither repeats;
    the Mod 4 one has opted in, the Mod 2 one has not."""
    fixed = {STUDENT_EMAIL, STUDENT2_EMAIL}
    mod_4 = [i for i, s in enumerate(students) if s[3] == 4 and s[0].email not in fixed]
    repeating = set(rng.sample(mod_4, REPEATING_IN_MOD_4))
    for module in REPEATING_ELSEWHERE:
        pool = [i for i, s in enumerate(students) if s[3] == module and s[0].email not in fixed]
        repeating.add(rng.choice(pool))

    well_known = next(i for i, s in enumerate(students) if s[0].email == STUDENT_EMAIL)
    others = [i for i, s in enumerate(students) if s[3] != 4 and s[0].email not in fixed]
    opted_in = {well_known, *rng.sample(mod_4, OPTED_IN_MOD_4 - 1)}
    opted_in |= set(rng.sample(others, OPTED_IN_ELSEWHERE))
    return repeating, opted_in


def _people(rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """A seeded stream of invented (first name, last name, pronouns), no full
    name twice: two Maya Jacksons in one demo would only confuse."""
    groups = [
        (names.SHE_FIRST_NAMES, ("she/her",)),
        (names.HE_FIRST_NAMES, ("he/him",)),
        (names.NEUTRAL_FIRST_NAMES, names.NEUTRAL_PRONOUNS),
    ]
    seen = set()
    while True:
        first_names, pronouns = rng.choices(groups, weights=[45, 45, 10])[0]
        first, last = rng.choice(first_names), rng.choice(names.LAST_NAMES)
        if (first, last) not in seen:
            seen.add((first, last))
            yield first, last, rng.choice(pronouns)


class _EmailBook:
    """Hands out `first.last@domain` addresses, numbered when one is taken."""

    def __init__(self, taken) -> None:
        self.taken = set(taken)

    def new(self, first: str, last: str, domain: str) -> str:
        local = f"{_ascii_slug(first)}.{_ascii_slug(last)}"
        email, n = f"{local}@{domain}", 1
        while email in self.taken:
            n += 1
            email = f"{local}{n}@{domain}"
        self.taken.add(email)
        return email


def _ascii_slug(name: str) -> str:
    """`Lucía` → `lucia`, `O'Brien` → `obrien`: what fits in an address."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


def _summarise(school: School, term: Term, *, today: dt.date, created: bool) -> DemoSummary:
    people = school.people.all()
    return DemoSummary(
        school=school.name,
        term=term.name,
        term_starts_on=term.start_date,
        week_today=term.week_number_on(today),
        created=created,
        students=people.students().count(),
        cohorts=Cohort.objects.filter(program__school=school).count(),
        staff=people.staff().filter(is_superuser=False).count(),
        volunteers=people.volunteers().count(),
        repeating=term.enrollments.filter(repeating=True).count(),
        logins=_logins(term),
    )


def _logins(term: Term) -> tuple[DemoLogin, ...]:
    """The well-known demo accounts, each with a line on who they are."""
    order = [STAFF_EMAIL, STUDENT_EMAIL, STUDENT2_EMAIL, VOLUNTEER_EMAIL, ADMIN_EMAIL]
    users = {
        u.email: u
        for u in User.objects.filter(email__in=order).select_related(
            "student_profile", "volunteer_profile"
        )
    }
    enrollments = {
        e.student_id: e
        for e in term.enrollments.filter(student__email__in=order).select_related("cohort")
    }
    logins = []
    for email in order:
        user = users.get(email)
        if user is None:  # removed by hand since the demo was made
            continue
        if user.is_superuser:
            logins.append(DemoLogin("admin", email, "superuser, for /admin/"))
        elif user.is_school_staff:
            logins.append(
                DemoLogin("staff", email, f"{user.display_name}, {names.STAFF_TITLES[0]}")
            )
        elif user.is_volunteer:
            profile = user.volunteer_profile
            note = f"{user.display_name}, {profile.title} at {profile.company}"
            logins.append(DemoLogin("volunteer", email, note))
        else:
            note = user.display_name
            enrollment = enrollments.get(user.pk)
            if enrollment is not None:
                note += f", Mod {enrollment.module} in {enrollment.cohort}"
            # The student's own view of their private opt-in.
            if policies.private_opt_in(user, user):
                note += ", opted in to the less-represented-in-tech group"
            logins.append(DemoLogin("student", email, note))
    return tuple(logins)
