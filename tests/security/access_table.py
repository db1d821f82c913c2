"""Who gets what on every URL of careerdev: the one declared table the access
matrix (test_access_matrix.py) checks every answer against.

One entry per URL name, one outcome per kind of visitor, in this order:

    anonymous, Ana (student), Ben (student, Ana's cohort and Homeroom),
    Cy (student, another cohort), a volunteer, staff of the school,
    staff of another school.

URL arguments name somebody else's records (tests/security/world.py): Ana is
pointed at Ben's, everyone else at Ana's (she is the one opted in to the
less-represented-in-tech group); the volunteer at the other volunteer's
window and bookings. So "ok" for a student on a record URL means a student
may see another student's record — which only group-mates' public profiles
and published portfolios (Ana's is; Ben's is a draft) allow. URLs about one
group round are walked with the Homeroom and with week 2's Mix It Up round;
their entry holds for both.

`page(...)` is a URL answered on GET; `action(...)` a URL that takes only
POST: its outcomes are the POST's, "acts" for a visitor allowed to act (not
posted by the matrix: the apps' own tests cover what acting does), and a
refusal ("login", "forbidden", "not_found") for the others, who then POST
and must change nothing. A GET on an action answers "login" to anonymous
visitors and 405 to everyone else unless the entry says otherwise.

A new URL must get an entry here, or the matrix fails naming it. Admin URLs
are the one part left out (SKIPPED).
"""

from __future__ import annotations

from dataclasses import dataclass

VISITORS = (
    "anonymous",
    "student_a",
    "student_b",
    "other_cohort",
    "volunteer",
    "staff",
    "other_school_staff",
)

OK = "ok"  # 200
LOGIN = "login"  # redirect to the sign-in page
FORBIDDEN = "forbidden"  # 403: this kind of visitor never may
NOT_FOUND = "not_found"  # 404: not theirs, and not theirs to know about
GONE = "gone"  # 410: an invitation link that is not (or no longer) valid
NOT_ALLOWED = "not_allowed"  # 405: wrong method
ACTS = "acts"  # may POST to this action

BY_STATUS = {200: OK, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED, 410: GONE}
REFUSALS = frozenset({LOGIN, FORBIDDEN, NOT_FOUND})


def to(url_name: str) -> str:
    """A redirect (not to the sign-in page) to the URL named `url_name`."""
    return f"redirect:{url_name}"


@dataclass(frozen=True)
class Entry:
    outcomes: dict[str, str]
    post_only: bool = False
    get_outcomes: dict[str, str] | None = None

    def get_outcome(self, visitor: str) -> str:
        if not self.post_only:
            return self.outcomes[visitor]
        if self.get_outcomes is not None:
            return self.get_outcomes[visitor]
        return LOGIN if visitor == "anonymous" else NOT_ALLOWED

    def get_post_outcome(self, visitor: str) -> str | None:
        return self.outcomes[visitor] if self.post_only else None


def _by_visitor(outcomes: tuple[str, ...]) -> dict[str, str]:
    if len(outcomes) != len(VISITORS):
        raise ValueError(f"one outcome per visitor {VISITORS}, got {outcomes}")
    return dict(zip(VISITORS, outcomes, strict=True))


def page(*outcomes: str) -> Entry:
    return Entry(_by_visitor(outcomes))


def action(*outcomes: str, get: tuple[str, ...] | None = None) -> Entry:
    return Entry(_by_visitor(outcomes), post_only=True, get_outcomes=get and _by_visitor(get))


# The usual rows. Staff of another school are staff, but of nothing here: they
# open their own school's lists and act there, and find none of our records.
EVERYONE = page(OK, OK, OK, OK, OK, OK, OK)
STAFF_PAGE = page(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)
STAFF_RECORD = page(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND)
STAFF_ACTION = action(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ACTS, ACTS)
STAFF_RECORD_ACTION = action(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ACTS, NOT_FOUND)
STUDENT_PAGE = page(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN)
STUDENT_ACTION = action(LOGIN, ACTS, ACTS, ACTS, FORBIDDEN, FORBIDDEN, FORBIDDEN)
SIGNED_IN_ACTION = action(LOGIN, ACTS, ACTS, ACTS, ACTS, ACTS, ACTS)
# Another student's job search record: students get 404, other roles 403
# (staff see per-student counts, never the records).
OTHERS_JOB_RECORD = page(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN)
OTHERS_JOB_ACTION = action(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN)
# A portfolio's public page and files. Ana's is published: everyone sees it,
# signed in or not (with its public parts, never her opt-in). Ana is pointed
# at Ben's, a draft in the review queue: to her, as to anyone but Ben and
# his school's staff, it does not exist.
PORTFOLIO_PAGE = page(OK, NOT_FOUND, OK, OK, OK, OK, OK)
# Another student's portfolio project or screenshot: students edit only their own.
OTHERS_PROJECT_ACTION = action(
    LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN
)
# Another student's mock interview: its student, its volunteer and staff only.
OTHERS_INTERVIEW_RUN = action(
    LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND
)

SKIPPED = {
    "admin/": "Django's admin: only superusers reach it (Django's own login and "
    "permissions); staff and everyone else work in the app",
}

ACCESS: dict[str, Entry] = {
    # --- Project: sign-in, health, home
    "health": EVERYONE,
    "home": page(
        LOGIN,
        OK,
        OK,
        OK,
        to("interviews:volunteer"),
        to("school:term_overview"),
        to("school:term_overview"),
    ),
    "login": page(OK, to("home"), to("home"), to("home"), to("home"), to("home"), to("home")),
    # Signing out is POST only; anyone may, and lands on the sign-in page.
    "logout": action(ACTS, ACTS, ACTS, ACTS, ACTS, ACTS, ACTS, get=(NOT_ALLOWED,) * len(VISITORS)),
    "password_reset": EVERYONE,
    "password_reset_done": EVERYONE,
    # A made-up token: the "link is not valid" page, for anyone.
    "password_reset_confirm": EVERYONE,
    "password_reset_complete": EVERYONE,
    # --- People
    "people:invite": STAFF_PAGE,
    "people:accept_invitation": page(GONE, GONE, GONE, GONE, GONE, GONE, GONE),
    # Ana and Ben share a published Homeroom: each sees the other's public
    # profile (never the opt-in); Cy and the volunteer are not told it exists.
    "people:student_profile": page(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
    "people:my_profile": STUDENT_PAGE,
    # --- School and roster
    "school:term_overview": STAFF_PAGE,
    "school:cohort_roster": page(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
    "school:setup": STAFF_PAGE,
    "roster:upload": STAFF_PAGE,
    "roster:sample": STAFF_PAGE,
    "roster:preview": STAFF_RECORD,
    "roster:confirm": STAFF_RECORD_ACTION,
    # --- Wednesday groups
    "groups:term": STAFF_PAGE,
    "groups:topics": STAFF_ACTION,
    "groups:form_round": STAFF_ACTION,
    "groups:round": STAFF_RECORD,
    "groups:move": STAFF_RECORD_ACTION,
    "groups:publish": STAFF_RECORD_ACTION,
    "groups:absences": STAFF_RECORD_ACTION,
    "groups:survey": STUDENT_PAGE,
    "groups:prompts": STAFF_PAGE,
    "groups:prompt_preview": STAFF_ACTION,
    "groups:prompt_edit": STAFF_RECORD,
    "groups:prompt_restore": STAFF_RECORD_ACTION,
    "groups:export": STAFF_RECORD,
    "groups:export_confidential": STAFF_RECORD,
    # Without a Slack token the feature does not exist (404 for staff too).
    "groups:slack_retry": action(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND
    ),
    # --- Document reviews
    "reviews:student": page(LOGIN, OK, OK, OK, FORBIDDEN, to("reviews:staff"), to("reviews:staff")),
    "reviews:book": STUDENT_ACTION,
    "reviews:move": STUDENT_ACTION,
    "reviews:cancel": STUDENT_ACTION,
    "reviews:staff": STAFF_PAGE,
    "reviews:publish_run": STAFF_ACTION,
    "reviews:publish_slot": STAFF_ACTION,
    "reviews:delete_slot": STAFF_RECORD_ACTION,
    "reviews:mark": STAFF_RECORD_ACTION,
    "reviews:notes": STAFF_RECORD_ACTION,
    "reviews:cancel_for_student": STAFF_RECORD_ACTION,
    # --- Portfolios
    # Lists Ana's published portfolio, not Ben's draft.
    "portfolios:directory": EVERYONE,
    "portfolios:mine": STUDENT_PAGE,
    "portfolios:request_review": STUDENT_ACTION,
    # Cy has no portfolio to take down.
    "portfolios:unpublish_mine": action(
        LOGIN, ACTS, ACTS, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN
    ),
    "portfolios:project_new": STUDENT_PAGE,
    "portfolios:project_edit": page(
        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN
    ),
    "portfolios:project_move": OTHERS_PROJECT_ACTION,
    "portfolios:project_delete": OTHERS_PROJECT_ACTION,
    "portfolios:screenshot_delete": OTHERS_PROJECT_ACTION,
    "portfolios:queue": STAFF_PAGE,
    "portfolios:review": STAFF_RECORD,
    "portfolios:review_student": page(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, to("portfolios:review"), NOT_FOUND
    ),
    "portfolios:staff_unpublish": STAFF_RECORD_ACTION,
    "portfolios:public": PORTFOLIO_PAGE,
    "portfolios:photo": PORTFOLIO_PAGE,
    "portfolios:resume": PORTFOLIO_PAGE,
    "portfolios:screenshot": PORTFOLIO_PAGE,
    # --- Job search: each student's own; staff see per-student counts only.
    "jobsearch:board": page(
        LOGIN, OK, OK, OK, FORBIDDEN, to("jobsearch:staff_summary"), to("jobsearch:staff_summary")
    ),
    "jobsearch:application_new": STUDENT_PAGE,
    "jobsearch:application": OTHERS_JOB_RECORD,
    "jobsearch:move": OTHERS_JOB_ACTION,
    "jobsearch:application_change": OTHERS_JOB_ACTION,
    "jobsearch:application_delete": OTHERS_JOB_ACTION,
    "jobsearch:offer": OTHERS_JOB_RECORD,
    "jobsearch:offers": STUDENT_PAGE,
    "jobsearch:negotiation_add": OTHERS_JOB_ACTION,
    "jobsearch:offer_decision": OTHERS_JOB_ACTION,
    "jobsearch:companies": STUDENT_PAGE,
    "jobsearch:company": OTHERS_JOB_RECORD,
    "jobsearch:company_delete": OTHERS_JOB_ACTION,
    "jobsearch:contacts": STUDENT_PAGE,
    "jobsearch:contact": OTHERS_JOB_RECORD,
    "jobsearch:contact_delete": OTHERS_JOB_ACTION,
    "jobsearch:staff_summary": STAFF_PAGE,
    # --- Deliverables
    "deliverables:matrix": STAFF_PAGE,
    "deliverables:matrix_csv": STAFF_PAGE,
    "deliverables:remind": STAFF_ACTION,
    "deliverables:setup": STAFF_PAGE,
    "deliverables:mine": STUDENT_PAGE,
    "deliverables:exit_ticket": STUDENT_PAGE,
    # A Mod 4 deliverable: Cy (Mod 2) is not told it exists.
    "deliverables:complete": action(LOGIN, ACTS, ACTS, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # --- Self-evaluation
    "selfevaluation:mine": STUDENT_PAGE,
    "selfevaluation:of_student": STAFF_RECORD,
    "selfevaluation:distribution": STAFF_PAGE,
    # --- Sessions
    "sessions:schedule": STAFF_PAGE,
    "sessions:add_usual_schedule": STAFF_ACTION,
    "sessions:add": STAFF_PAGE,
    "sessions:mine": STUDENT_PAGE,
    "sessions:detail": STAFF_RECORD,
    "sessions:drop": STAFF_RECORD_ACTION,
    "sessions:restore": STAFF_RECORD_ACTION,
    "sessions:move": STAFF_RECORD_ACTION,
    "sessions:delete": STAFF_RECORD_ACTION,
    "sessions:add_speaker": STAFF_RECORD_ACTION,
    "sessions:remove_speaker": STAFF_RECORD_ACTION,
    "sessions:attendance": STAFF_RECORD,
    # --- Mock interviews
    "interviews:student": page(
        LOGIN,
        OK,
        OK,
        OK,
        to("interviews:volunteer"),
        to("interviews:staff"),
        to("interviews:staff"),
    ),
    "interviews:book": STUDENT_ACTION,
    "interviews:move": STUDENT_ACTION,
    "interviews:cancel": STUDENT_ACTION,
    "interviews:volunteer": page(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
    "interviews:add_window": action(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ACTS, FORBIDDEN, FORBIDDEN
    ),
    # The other volunteer's window: not the visiting volunteer's to remove.
    "interviews:remove_window": action(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN
    ),
    "interviews:set_cap": action(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ACTS, FORBIDDEN, FORBIDDEN
    ),
    "interviews:booking": page(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
    # Links and feedback are the holding volunteer's alone; staff read them.
    "interviews:video_link": OTHERS_INTERVIEW_RUN,
    "interviews:feedback": page(
        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND
    ),
    "interviews:staff": STAFF_PAGE,
    "interviews:assign": STAFF_ACTION,
    # --- Notifications
    "notifications:mark_read": SIGNED_IN_ACTION,
    "notifications:settings": page(LOGIN, OK, OK, OK, OK, OK, OK),
    "notifications:outbox": STAFF_PAGE,
    "notifications:dismiss_undelivered": STAFF_RECORD_ACTION,
    # --- Calendars
    "calendars:page": page(LOGIN, OK, OK, OK, OK, OK, OK),
    "calendars:renew": SIGNED_IN_ACTION,
    # The feed's secret token is its key (calendar apps cannot sign in): the
    # other student's token works for whoever holds it, signed in or not.
    "calendars:feed": EVERYONE,
    # The other student's review as one event: only among one's own events.
    # Staff hold that review, so it is theirs too.
    "calendars:event": page(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
    # --- Early graduation
    "graduation:mine": page(
        LOGIN, OK, OK, OK, FORBIDDEN, to("graduation:staff_list"), to("graduation:staff_list")
    ),
    "graduation:staff_list": STAFF_PAGE,
    "graduation:detail": page(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, OK, NOT_FOUND),
    # The plan is the student's to write, not staff's.
    "graduation:plan": action(
        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN
    ),
    "graduation:first_project": action(
        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, ACTS, NOT_FOUND
    ),
    "graduation:decide": action(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, ACTS, NOT_FOUND),
    # --- Repeat plans
    "repeats:mine": STUDENT_PAGE,
    # A goal of another student's plan: nobody else checks in on it.
    "repeats:check_in": action(
        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND
    ),
    # Cy repeats nothing: he has no plan to book a meeting for.
    "repeats:book_meeting": action(LOGIN, ACTS, ACTS, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "repeats:staff_list": STAFF_PAGE,
    "repeats:staff_plan": STAFF_RECORD,
    # --- Audit trail
    "audit:trail": STAFF_PAGE,
}
