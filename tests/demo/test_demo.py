import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from careerdev.demo import services
from careerdev.demo.services import DEMO_PASSWORD, SCHOOL_NAME, create_demo_school, term_name
from careerdev.groups.models import GroupMember, GroupRound, RoundStatus
from careerdev.people.models import StudentProfile, User, VolunteerProfile
from careerdev.school.models import Cohort, Enrollment, Program, School, Term

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 14)  # a Wednesday


def snapshot() -> dict[str, set[int]]:
    """The ids of every row the demo makes."""
    models = [School, Program, Cohort, Term, User, StudentProfile, VolunteerProfile, Enrollment]
    return {m.__name__: set(m.objects.values_list("pk", flat=True)) for m in models}


def test_demo_school_has_the_student_body_of_a_term():
    summary = create_demo_school(today=TODAY)

    school = School.objects.get(name=SCHOOL_NAME)
    assert school.time_zone == "America/Denver"
    assert set(school.programs.values_list("code", flat=True)) == {"FE", "BE"}
    cohorts = Cohort.objects.filter(program__school=school)
    assert cohorts.count() == 8
    term = school.terms.get()
    modules = set(term.enrollments.values_list("module", "cohort__program__code").distinct())
    assert modules == {(m, p) for m in (1, 2, 3, 4) for p in ("FE", "BE")}
    # One cohort per module and program: each cohort sits one module.
    assert term.enrollments.values("cohort").distinct().count() == 8
    for cohort in cohorts:
        assert len(set(cohort.enrollments.values_list("module", flat=True))) == 1

    students = User.objects.students().filter(school=school)
    assert 230 <= students.count() <= 250
    assert term.enrollments.count() == students.count()
    assert User.objects.staff().filter(school=school, is_superuser=False).count() == 3
    assert User.objects.volunteers().filter(school=school).count() == 12
    assert (summary.students, summary.cohorts, summary.staff, summary.volunteers) == (
        students.count(),
        8,
        3,
        12,
    )


def test_cohort_codes_name_start_month_and_program_counting_back_by_module():
    create_demo_school(today=TODAY)
    term = Term.objects.get()
    for enrollment in Enrollment.objects.select_related("cohort__program").distinct():
        cohort = enrollment.cohort
        assert cohort.code == f"{cohort.start_date:%y%m}-{cohort.program.code}"
        assert cohort.start_date <= term.start_date
    mod_1 = Enrollment.objects.filter(module=1).first().cohort
    mod_4 = Enrollment.objects.filter(module=4).first().cohort
    assert (mod_1.start_date - mod_4.start_date).days == 3 * 7 * 7


def test_some_students_repeat_mostly_in_mod_4_and_a_few_opted_in():
    create_demo_school(today=TODAY)
    repeating = list(Enrollment.objects.filter(repeating=True).values_list("module", flat=True))
    assert len(repeating) == 6
    assert repeating.count(4) == 4
    opted_in = StudentProfile.objects.filter(less_represented_opt_in=True)
    assert opted_in.count() == 12
    assert opted_in.filter(user__enrollments__module=4).exists()


def test_every_student_has_a_filled_profile_and_every_volunteer_a_profile():
    create_demo_school(today=TODAY)
    students = User.objects.students()
    assert StudentProfile.objects.filter(user__in=students).count() == students.count()
    assert not StudentProfile.objects.filter(pronouns="").exists()
    assert not StudentProfile.objects.filter(slack_handle="").exists()
    assert StudentProfile.objects.exclude(preferred_name="").exists()
    for profile in StudentProfile.objects.all():
        profile.full_clean()  # well-formed URLs
        assert profile.github.startswith("https://github.com/example-")
        assert profile.linkedin.startswith("https://www.linkedin.com/in/example-")
    volunteers = VolunteerProfile.objects.all()
    assert volunteers.count() == 12
    assert {v.expertise for v in volunteers} == {"FE", "BE", "both", "non-technical"}
    assert all(v.company and v.title and v.bio for v in volunteers)


def test_every_email_is_unique_and_on_a_test_domain():
    create_demo_school(today=TODAY)
    emails = list(User.objects.values_list("email", flat=True))
    assert len(emails) == len({e.lower() for e in emails})
    assert all(e.endswith(".careerdev.test") for e in emails)
    assert User.objects.filter(email__endswith="@students.demo.careerdev.test").exists()
    assert User.objects.filter(email__endswith="@volunteers.demo.careerdev.test").exists()


def test_term_is_in_week_2_on_the_day_it_is_made():
    summary = create_demo_school(today=TODAY)
    term = Term.objects.get()
    assert term.start_date == dt.date(2026, 1, 5)
    assert term.start_date.weekday() == 0
    assert term.week_number_on(TODAY) == 2
    assert summary.week_today == 2
    assert term.name == "Winter 2026"


@pytest.mark.parametrize("today", [dt.date(2026, 3, 9), dt.date(2026, 3, 15)])
def test_week_2_from_monday_through_sunday(today):
    create_demo_school(today=today)
    assert Term.objects.get().week_number_on(today) == 2


def test_term_names_follow_the_season_of_the_start_date():
    assert term_name(dt.date(2025, 12, 1)) == "Winter 2025"
    assert term_name(dt.date(2026, 4, 6)) == "Spring 2026"
    assert term_name(dt.date(2026, 7, 6)) == "Summer 2026"
    assert term_name(dt.date(2026, 10, 5)) == "Fall 2026"


def test_running_twice_creates_nothing_even_on_a_later_day():
    first = create_demo_school(today=TODAY)
    before = snapshot()

    again = create_demo_school(today=TODAY + dt.timedelta(days=40))

    assert snapshot() == before
    assert not again.created and first.created
    assert Term.objects.get().start_date == dt.date(2026, 1, 5)
    assert again.week_today is None  # the kept term has ended by then
    assert (again.students, again.cohorts, again.staff, again.volunteers) == (
        first.students,
        first.cohorts,
        first.staff,
        first.volunteers,
    )
    assert again.logins == first.logins


def test_the_demo_is_the_same_on_every_fresh_database():
    create_demo_school(today=TODAY)
    first = sorted(User.objects.values_list("email", "first_name", "last_name"))
    GroupRound.objects.all().delete()
    User.objects.all().delete()
    Enrollment.objects.all().delete()
    Cohort.objects.all().delete()
    School.objects.all().delete()

    create_demo_school(today=TODAY)

    assert sorted(User.objects.values_list("email", "first_name", "last_name")) == first


def test_a_failed_run_leaves_nothing_behind(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Enrollment.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        create_demo_school(today=TODAY)
    monkeypatch.undo()

    assert not School.objects.exists()
    assert not User.objects.exists()
    create_demo_school(today=TODAY)
    assert Enrollment.objects.count() == User.objects.students().count()


def test_printed_logins_sign_in_with_the_demo_password():
    summary = create_demo_school(today=TODAY)
    roles = [login.role for login in summary.logins]
    assert roles == ["staff", "student", "student", "volunteer", "admin"]
    for login in summary.logins:
        user = authenticate(None, email=login.email, password=DEMO_PASSWORD)
        assert user is not None, login.email
        assert user.school.name == SCHOOL_NAME
    admin = authenticate(None, email="admin@demo.careerdev.test", password=DEMO_PASSWORD)
    assert admin.is_superuser and admin.is_staff
    # Any generated account signs in too: they all share the one hash.
    someone = User.objects.volunteers().exclude(email=services.VOLUNTEER_EMAIL).first()
    assert authenticate(None, email=someone.email, password=DEMO_PASSWORD) == someone


def test_well_known_students_are_a_mod_4_who_opted_in_and_a_mod_2():
    create_demo_school(today=TODAY)
    student = User.objects.get(email="student@demo.careerdev.test")
    assert student.enrollments.get().module == 4
    assert student.student_profile.less_represented_opt_in
    assert not student.enrollments.get().repeating
    student2 = User.objects.get(email="student2@demo.careerdev.test")
    assert student2.enrollments.get().module == 2
    assert User.objects.get(email="staff@demo.careerdev.test").is_school_staff
    assert User.objects.get(email="volunteer@demo.careerdev.test").volunteer_profile.company


def test_demo_is_built_in_bulk_not_one_query_per_student(django_assert_max_num_queries):
    # About 65 for the school, mostly get_or_create of programs and cohorts,
    # about 110 to form and publish its groups (a few per cohort) and about 30
    # for the term's sessions (a few each); one query per student would be
    # hundreds more.
    with django_assert_max_num_queries(260):
        create_demo_school(today=TODAY)


def test_a_well_known_address_held_outside_the_demo_is_refused():
    User.objects.create_user("student@demo.careerdev.test", role="student")
    with pytest.raises(services.DemoAccountTaken):
        create_demo_school(today=TODAY)
    assert not School.objects.filter(name=SCHOOL_NAME).exists()


def test_command_prints_the_logins_and_password_and_can_run_again():
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert f'Demo school "{SCHOOL_NAME}" is ready' in text
    assert "careerdev-demo" in text
    for email in [
        "staff@demo.careerdev.test",
        "student@demo.careerdev.test",
        "student2@demo.careerdev.test",
        "volunteer@demo.careerdev.test",
        "admin@demo.careerdev.test",
    ]:
        assert email in text
    assert "week 2" in text

    before = snapshot()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert snapshot() == before
    assert "nothing was changed" in out.getvalue()
    assert "student@demo.careerdev.test" in out.getvalue()


def test_the_demo_term_has_published_homeroom_and_week_2_groups():
    create_demo_school(today=TODAY)
    rounds = {(r.kind, r.week): r for r in GroupRound.objects.all()}
    assert set(rounds) == {("homeroom", None), ("mix_it_up", 2)}
    for round_ in rounds.values():
        assert round_.status == RoundStatus.PUBLISHED
        assert round_.report["ok"]
        assert GroupMember.objects.filter(round=round_).count() == Enrollment.objects.count()
    student = User.objects.get(email="student@demo.careerdev.test")
    assert GroupMember.objects.filter(student=student).count() == 2


def test_the_demo_matrix_shows_some_students_under_way():
    from careerdev.deliverables.selectors import progress_matrix
    from careerdev.deliverables.status import Status

    create_demo_school(today=TODAY)
    matrix = progress_matrix(Term.objects.get(), now=dt.datetime(2026, 1, 14, tzinfo=dt.UTC))
    statuses = {c.status for r in matrix.rows for c in r.cells if c}
    assert {Status.DONE, Status.NOT_STARTED} <= statuses


def test_the_demo_term_has_its_sessions_and_a_panel_for_every_cohort():
    from careerdev.sessions.selectors import cohorts_without_panel

    create_demo_school(today=TODAY)
    term = Term.objects.get()
    assert term.pd_sessions.count() > 10
    assert cohorts_without_panel(term) == []
