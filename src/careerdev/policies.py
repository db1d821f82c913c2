"""Who may see or do what: the one place access is decided.

Views call these before they read or write; templates use them through the
`policies` template filters (careerdev/templatetags/policies.py). Nothing
else re-derives access inline. Every rule is scoped to the viewer's school.

The private "less represented in tech" opt-in is read only through
`private_opt_in()`, which returns None to anyone but its owner and staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

if TYPE_CHECKING:
    from careerdev.people.models import User
    from careerdev.school.models import Cohort, School, Term


def _is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_staff_of(user, school: School | None) -> bool:
    """Career Development staff of `school` (superusers count as staff of every school)."""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return user.is_school_staff and school is not None and user.school_id == school.pk


def is_staff(user) -> bool:
    """Staff of their own school: may see and change everything in it."""
    return _is_signed_in(user) and (user.is_superuser or (user.is_school_staff and user.school_id))


def is_student(user) -> bool:
    return _is_signed_in(user) and user.is_student


def is_volunteer(user) -> bool:
    return _is_signed_in(user) and user.is_volunteer


def same_school(user, other: User) -> bool:
    return user.is_superuser or (user.school_id is not None and user.school_id == other.school_id)


def shares_a_group(viewer, student: User) -> bool:
    """Whether `viewer` and `student` are in the same published Homeroom or
    Mix It Up group (draft groups are not yet anyone's)."""
    from careerdev.groups.models import GroupMember

    return GroupMember.objects.filter(
        student=student,
        round__status="published",
        group__members__student=viewer,
    ).exists()


def can_view_student(viewer, student: User) -> bool:
    """The full student record: the student themself and their school's staff."""
    if not _is_signed_in(viewer) or not student.is_student:
        return False
    if viewer.pk == student.pk:
        return True
    return is_staff(viewer) and same_school(viewer, student)


def can_view_public_profile(viewer, student: User) -> bool:
    """Name, pronouns and links: also visible to people in the student's groups."""
    return can_view_student(viewer, student) or (
        is_student(viewer) and same_school(viewer, student) and shares_a_group(viewer, student)
    )


def can_edit_own_profile(viewer, student: User) -> bool:
    return _is_signed_in(viewer) and viewer.pk == student.pk


def can_see_private_opt_in(viewer, student: User) -> bool:
    """The less-represented-in-tech opt-in: its owner and staff, nobody else."""
    return can_view_student(viewer, student)


def private_opt_in(viewer, student: User) -> bool | None:
    """The student's opt-in if `viewer` may know it, else None."""
    if not can_see_private_opt_in(viewer, student):
        return None
    profile = getattr(student, "student_profile", None)
    return bool(profile and profile.less_represented_opt_in)


def opted_in_for_grouping(student_ids) -> set[int]:
    """Which of these students opted in: read by careerdev itself to form the
    less-represented Mix It Up group (only opted-in students may be placed
    in it). Never shown to anyone by this path."""
    from careerdev.people.models import StudentProfile

    return set(
        StudentProfile.objects.filter(
            user_id__in=student_ids, less_represented_opt_in=True
        ).values_list("user_id", flat=True)
    )


def consented_to_restricted_topic(
    rankings: Mapping[int, Iterable[int]], restricted_topic_ids: Iterable[int]
) -> set[int]:
    """Who may be placed in the less-represented group this round: students
    who opted in on their profile AND ranked that topic in this round's
    survey. Only those who ranked it are asked about, so the opt-in of anyone
    else never reaches the engine and cannot change any grouping."""
    restricted = set(restricted_topic_ids)
    ranked = {sid for sid, ranking in rankings.items() if restricted.intersection(ranking)}
    return opted_in_for_grouping(ranked) if ranked else set()


def can_see_group_topics_and_leaders(user, school: School | None) -> bool:
    """Every group's topic and leaders side by side (the round page, the
    confidential export): they tell who is in the less-represented group, so
    that school's staff only. Nothing with them may leave staff's screen."""
    return is_staff_of(user, school)


def can_manage_school(user, school: School) -> bool:
    """Terms, cohorts, rosters, invitations: staff of that school."""
    return is_staff_of(user, school)


def can_view_cohort(user, cohort: Cohort) -> bool:
    return is_staff_of(user, cohort.program.school)


def can_view_term(user, term: Term) -> bool:
    return is_staff_of(user, term.school)


def can_invite(user) -> bool:
    return is_staff(user)


# Views call these to turn a "no" into the right answer: 403 for a role that
# never may, 404 where even knowing the object exists would say too much.


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_visible(allowed: bool) -> None:
    if not allowed:
        raise Http404


def school_managed_by(user) -> School:
    """The school `user` runs as staff; 403 for anyone else. Staff pages start here."""
    from careerdev.school.selectors import school_of

    school = school_of(user)
    require(school is not None and can_manage_school(user, school))
    return school


# --- Job search
# A student's tracker (companies, contacts, applications, offers) is theirs
# alone; staff of the school see per-student summaries, never the contents.


def can_keep_job_search(user) -> bool:
    """Only students keep a job search tracker."""
    return is_student(user)


def owns_job_search_record(user, record) -> bool:
    """Companies, contacts, applications and offers carry their student; only
    that student may see or change them (others get 404, not 403)."""
    return _is_signed_in(user) and getattr(record, "student_id", None) == user.pk


def can_view_job_search_summary(user, school: School | None) -> bool:
    """Counts per student (applications by status, five steps, offers): staff only."""
    return is_staff_of(user, school)


# --- Document reviews


def can_manage_reviews(user, school: School | None) -> bool:
    """Publish and delete slots, see every booking, mark held or no-show."""
    return is_staff_of(user, school)


def can_book_review(user) -> bool:
    """Book, move or cancel one's own document review."""
    return is_student(user)


def can_see_review_notes(viewer, school: School | None) -> bool:
    """A Career Specialist's private notes on a review: that school's staff only,
    never the student the notes are about."""
    return is_staff_of(viewer, school)


# --- Portfolios


def can_edit_portfolio(user, student: User) -> bool:
    """A portfolio is written by its student alone; staff review, never edit."""
    return is_student(user) and user.pk == student.pk


def can_view_portfolio(viewer, portfolio) -> bool:
    """Published: anyone, signed in or not. Until then: its student and their
    school's staff; to anyone else it does not exist (views answer 404)."""
    if portfolio.is_published:
        return True
    return can_view_student(viewer, portfolio.student)


def can_review_portfolio(user, portfolio) -> bool:
    """Publish, ask for changes or unpublish: staff of the student's school."""
    return is_staff(user) and same_school(user, portfolio.student)


def can_unpublish_portfolio(user, portfolio) -> bool:
    """The student may take their own portfolio down; so may their school's staff."""
    return can_edit_portfolio(user, portfolio.student) or can_review_portfolio(user, portfolio)


# --- Sessions and attendance
# Staff of the school run the schedule and take attendance; a student sees
# their own sessions and their own attendance, never anyone else's.


def can_manage_sessions(user, school: School | None) -> bool:
    """Add, change, drop or move sessions; take attendance; see every rate."""
    return is_staff_of(user, school)


def can_see_own_sessions(user) -> bool:
    """A student's own upcoming sessions and attendance rate."""
    return is_student(user)


# --- Mock interviews
# Volunteers give availability and see only their own interviews; Mod 4
# students book their own; feedback is seen by its student, the volunteer
# who wrote it and the school's staff, never by other students.


def can_give_interview_availability(user) -> bool:
    """Windows, cap, video links and feedback: volunteers only."""
    return is_volunteer(user)


def can_book_mock_interview(user) -> bool:
    """Book, move or cancel one's own mock interview."""
    return is_student(user)


def can_manage_mock_interviews(user, school: School | None) -> bool:
    """Coverage, overdue links, assigning everyone left: staff of the school."""
    return is_staff_of(user, school)


def runs_mock_interview(user, booking) -> bool:
    """The volunteer holding the booked slot."""
    return is_volunteer(user) and booking.slot.volunteer_id == user.pk


def can_view_mock_interview(viewer, booking) -> bool:
    """A booking and its feedback: its student, its volunteer and staff of its
    school; to anyone else it does not exist (views answer 404)."""
    if not _is_signed_in(viewer):
        return False
    return (
        viewer.pk == booking.student_id
        or runs_mock_interview(viewer, booking)
        or is_staff_of(viewer, booking.term.school)
    )


# --- Early graduation
# A student asks for it and sees their own request; staff of the school see
# every request, tick "first project finished" and decide.


def can_request_early_graduation(user) -> bool:
    """Request early graduation and submit the 30/60/90-day plan: students only."""
    return is_student(user)


def can_manage_early_graduation(user, school: School | None) -> bool:
    """See the school's requests, tick the first project, approve or decline."""
    return is_staff_of(user, school)


def may_see_early_graduation(user) -> bool:
    """The roles that ever see a request (others get 403): students and staff."""
    return is_student(user) or is_staff(user)


def can_view_early_graduation_request(viewer, request_) -> bool:
    """A request: its student and staff of its school; to anyone else it does
    not exist (views answer 404)."""
    if not _is_signed_in(viewer):
        return False
    return viewer.pk == request_.student_id or is_staff_of(viewer, request_.term.school)
