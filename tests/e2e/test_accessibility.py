"""Every main page of each role, checked by axe-core against WCAG 2 A/AA in
the light and the dark colour scheme: no serious or critical violation may
remain. Each page is its own subtest, so a report
names the page; a failure lists rule, impact, where and how to fix it.
Pages are subtests rather than parametrised tests: the seeded term (groups
formed by the engine) takes seconds to build, and each test's database is
flushed, so each role's pages share one build.

To check a new page: add a row to the role's table below (its name and a
function from the seeded term to its path)."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from careerdev.school.models import Term
from tests.factories import PASSWORD
from tests.groups.conftest import student_body  # noqa: F401 (fixture)

from . import axe
from .busy_term import BusyTerm, seed_busy_term
from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STAFF_PAGES = {
    "home": lambda t: "/",
    "term-overview": lambda t: "/school/term/",
    "cohort-roster": lambda t: f"/school/cohorts/{t.be_cohort.pk}/",
    "roster-import": lambda t: "/roster/import/",
    "roster-preview-with-errors": lambda t: f"/roster/import/{t.roster_upload.pk}/",
    "invite": lambda t: "/people/invite/",
    "school-setup": lambda t: "/school/setup/",
    "groups-term-topics-survey": lambda t: "/groups/",
    "groups-round-mix-it-up": lambda t: f"/groups/rounds/{t.mix_it_up.pk}/",
    "groups-round-homeroom": lambda t: f"/groups/rounds/{t.homeroom.pk}/",
    "prompts": lambda t: "/groups/prompts/",
    "prompt-edit": lambda t: f"/groups/prompts/{t.prompt.pk}/",
    "deliverables-matrix": lambda t: "/deliverables/",
    "deliverables-setup": lambda t: "/deliverables/setup/",
    "reviews": lambda t: "/reviews/staff/",
    "portfolio-queue": lambda t: "/portfolios/review/",
    "portfolio-review": lambda t: f"/portfolios/review/{t.portfolio_in_review.pk}/",
    "job-search-summaries": lambda t: "/jobs/students/",
    "self-evaluation-distribution": lambda t: "/self-evaluation/cohorts/",
    "self-evaluation-of-student": lambda t: f"/self-evaluation/students/{t.student.pk}/",
    "sessions-schedule": lambda t: "/sessions/",
    "session-detail": lambda t: f"/sessions/{t.session.pk}/",
    "session-attendance": lambda t: f"/sessions/{t.session.pk}/attendance/",
    "session-add": lambda t: "/sessions/add/",
    "interviews": lambda t: "/interviews/staff/",
    "interview-booking": lambda t: f"/interviews/bookings/{t.interview.pk}/",
    "outbox": lambda t: "/notifications/outbox/",
    "audit-trail": lambda t: "/audit/",
    "repeaters": lambda t: "/repeat/staff/",
    "repeat-plan": lambda t: f"/repeat/staff/{t.plan.pk}/",
    "graduation-requests": lambda t: "/graduation/requests/",
    "graduation-request": lambda t: f"/graduation/requests/{t.graduation_request.pk}/",
    "student-profile": lambda t: f"/people/students/{t.student.pk}/",
}
STUDENT_PAGES = {
    "home": lambda t: "/",
    "survey": lambda t: "/groups/survey/",
    "groupmate-profile": lambda t: f"/people/students/{t.groupmate.pk}/",
    "my-profile": lambda t: "/people/me/",
    "deliverables": lambda t: "/deliverables/mine/",
    "exit-ticket": lambda t: "/deliverables/exit-ticket/",
    "review-booking": lambda t: "/reviews/",
    "portfolio": lambda t: "/portfolios/me/",
    "portfolio-project": lambda t: "/portfolios/me/projects/new/",
    "job-board": lambda t: "/jobs/",
    "job-application": lambda t: f"/jobs/applications/{t.application.pk}/",
    "job-application-new": lambda t: "/jobs/applications/new/",
    "job-companies": lambda t: "/jobs/companies/",
    "job-contacts": lambda t: "/jobs/contacts/",
    "job-offers": lambda t: "/jobs/offers/",
    "self-evaluation": lambda t: "/self-evaluation/",
    "interview-booking": lambda t: "/interviews/",
    "sessions": lambda t: "/sessions/mine/",
    "calendar": lambda t: "/calendar/",
    "email-settings": lambda t: "/notifications/email/",
    "graduation-request": lambda t: "/graduation/",
}
# Pages only some students have: (who, path).
OTHER_STUDENT_PAGES = {
    "repeat-plan": (lambda t: t.repeater, lambda t: "/repeat/"),
    "graduation-request-open": (lambda t: t.classmate, lambda t: "/graduation/"),
    "offers-signed": (lambda t: t.classmate, lambda t: "/jobs/offers/"),
}
VOLUNTEER_PAGES = {
    "home": lambda t: "/",
    "availability-and-bookings": lambda t: "/interviews/volunteer/",
    "booking": lambda t: f"/interviews/bookings/{t.interview.pk}/",
    "feedback": lambda t: f"/interviews/bookings/{t.interview.pk}/feedback/",
    "calendar": lambda t: "/calendar/",
}
NOT_FOUND = "/no-such-page/"
USED_INVITATION = "/people/invitation/used-or-unknown/"
# Pages that answer with an error status on purpose (the rest answer 200).
STATUS = {NOT_FOUND: 404, USED_INVITATION: 410}


def password_reset_path(user) -> str:
    """The link a password-reset email carries (Django then redirects to the form)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/password-reset/{uid}/{default_token_generator.make_token(user)}/"


ANONYMOUS_PAGES = {
    "sign-in": lambda t: "/login/",
    "password-reset": lambda t: "/password-reset/",
    "password-reset-sent": lambda t: "/password-reset/sent/",
    "password-reset-new-password": lambda t: password_reset_path(t.staff),
    "portfolio-directory": lambda t: "/portfolios/",
    "public-portfolio": lambda t: f"/portfolios/{t.published_portfolio.slug}/",
    "accept-invitation": lambda t: f"/people/invitation/{t.invitation_token}/",
    "invitation-no-longer-valid": lambda t: USED_INVITATION,
    "not-found": lambda t: NOT_FOUND,
}


@pytest.fixture
def busy_term(small_school, student_body, monkeypatch, settings, tmp_path) -> BusyTerm:  # noqa: F811
    # Uploads go to a temporary MEDIA_ROOT, as in the portfolio tests.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    # The student's home shows the next Wednesday's groups: make that week 2.
    monkeypatch.setattr(Term, "next_pd_week", lambda self, now: self.week(2))
    return seed_busy_term(small_school, student_body)


def check(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    expected = STATUS.get(path, 200)
    assert response.status == expected, f"{path} answered {response.status}"
    expect(page.locator("h1").first).to_be_visible()
    # Pico follows the visitor's light or dark setting: both must be legible.
    # Reduced motion turns Pico's colour transitions off, so axe measures the
    # scheme's colours, not a blend half-way through the switch.
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
        axe.assert_no_blocking_violations(page, f"{path} ({scheme} colour scheme)")


def check_each(page, subtests, pages: dict, busy_term: BusyTerm) -> None:
    """Each page in its own subtest: one page's failure does not hide the next's."""
    for name, path_of in pages.items():
        with subtests.test(msg=name):
            check(page, path_of(busy_term))


def test_staff_pages_have_no_serious_accessibility_violation(page, busy_term, subtests):
    sign_in(page, busy_term.staff.email, PASSWORD)
    check_each(page, subtests, STAFF_PAGES, busy_term)


def test_student_pages_have_no_serious_accessibility_violation(page, busy_term, subtests):
    sign_in(page, busy_term.student.email, PASSWORD)
    check_each(page, subtests, STUDENT_PAGES, busy_term)
    # Pages only some students have, each seen as that student.
    for name, (who, path_of) in OTHER_STUDENT_PAGES.items():
        with subtests.test(msg=name):
            page.context.clear_cookies()
            sign_in(page, who(busy_term).email, PASSWORD)
            check(page, path_of(busy_term))


def test_volunteer_pages_have_no_serious_accessibility_violation(page, busy_term, subtests):
    sign_in(page, busy_term.volunteer.email, PASSWORD)
    check_each(page, subtests, VOLUNTEER_PAGES, busy_term)


def test_public_pages_have_no_serious_accessibility_violation(page, busy_term, subtests):
    check_each(page, subtests, ANONYMOUS_PAGES, busy_term)
