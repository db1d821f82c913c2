"""Where each kind of deliverable finds its evidence.

One provider per kind: given a deliverable and the students in view, it
returns their Evidence in a query or two, whatever the number of students.
A provider may return more students than asked (the whole term, filtered
by the term in SQL rather than by thousands of ids); callers look up theirs.
The other apps own their evidence (document reviews, portfolios, the job
search tracker, self-evaluations) and expose it through their selectors;
this module only reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from careerdev.jobsearch import selectors as jobsearch
from careerdev.portfolios import selectors as portfolios
from careerdev.reviews import selectors as reviews
from careerdev.school.models import Term
from careerdev.selfevaluation import selectors as selfevaluation

from .models import CustomCompletion, Deliverable, DeliverableKind, NegotiationExitTicket
from .status import Evidence

# A provider's third argument is `shared`: one dict for a pass over several
# deliverables, so that kinds reading the same records read them once.
Provider = Callable[[Deliverable, Collection[int], dict], dict[int, Evidence]]


def _submitted(moments: dict) -> dict[int, Evidence]:
    return {sid: Evidence(started=True, done=True, done_at=at) for sid, at in moments.items()}


def exit_tickets(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    tickets = NegotiationExitTicket.objects.filter(term=deliverable.term)
    if (few := _few(students)) is not None:
        tickets = tickets.filter(student_id__in=few)
    return _submitted(dict(tickets.values_list("student_id", "submitted_at")))


def self_evaluations(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    return _submitted(selfevaluation.submitted_at(deliverable.term, _few(students)))


def custom(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    return _submitted(
        dict(
            CustomCompletion.objects.filter(deliverable=deliverable).values_list(
                "student_id", "completed_at"
            )
        )
    )


def document_reviews(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    """Held is done; booked, or a no-show (who must book again), is started."""
    out = {}
    for sid, state in reviews.review_states(deliverable.term, _few(students)).items():
        if state != reviews.ReviewState.NONE:
            held = state == reviews.ReviewState.HELD
            out[sid] = Evidence(started=True, done=held, detail=state.label.lower())
    return out


def portfolio_reviews(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    """Done once the student has asked for a review (even if changes followed)."""
    out = {}
    for sid, p in _portfolio_states(deliverable, students, shared).items():
        if p.state == portfolios.PortfolioState.NOT_STARTED:
            continue
        requested = p.first_review_requested_at
        out[sid] = Evidence(
            started=True, done=requested is not None, done_at=requested, detail=_words(p.state)
        )
    return out


def published_portfolios(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    """Done while the portfolio is published: unpublishing undoes it."""
    out = {}
    for sid, p in _portfolio_states(deliverable, students, shared).items():
        if p.state == portfolios.PortfolioState.NOT_STARTED:
            continue
        published = p.state == portfolios.PortfolioState.PUBLISHED
        out[sid] = Evidence(
            started=True, done=published, done_at=p.published_at, detail=_words(p.state)
        )
    return out


def five_step_applications(
    deliverable: Deliverable, students: Collection[int], shared: dict
) -> dict[int, Evidence]:
    out = {}
    for sid, s in jobsearch.five_step_states(_few_or_term(deliverable, students)).items():
        if s.state == "none":
            continue
        out[sid] = Evidence(started=True, done=s.state == "done", detail=_words(s.state))
    return out


# A student's own page asks for one id: reading the whole term's evidence to
# pick theirs out of it would cost the home page more than everything else.
FEW = 50


def _few_or_term(deliverable: Deliverable, students: Collection[int]):
    """A handful of ids as they are; many, as the term (a subquery)."""
    few = _few(students)
    return deliverable.term if few is None else few


def _portfolio_states(deliverable: Deliverable, students: Collection[int], shared: dict):
    """The portfolio review and the publication read the same portfolios:
    once per pass."""
    wanted = _few_or_term(deliverable, students)
    key = ("portfolios", wanted.pk if isinstance(wanted, Term) else frozenset(wanted))
    if key not in shared:
        shared[key] = portfolios.portfolio_states(wanted)
    return shared[key]


def _few(students: Collection[int]) -> Collection[int] | None:
    """A handful of ids to filter by; None for many (the whole term is read)."""
    return students if len(students) <= FEW else None


def _words(state: str) -> str:
    return state.replace("_", " ")


PROVIDERS: dict[str, Provider] = {
    DeliverableKind.DOCUMENT_REVIEW: document_reviews,
    DeliverableKind.PORTFOLIO_REVIEW: portfolio_reviews,
    DeliverableKind.PORTFOLIO_PUBLISHED: published_portfolios,
    DeliverableKind.FIVE_STEP_APPLICATION: five_step_applications,
    DeliverableKind.NEGOTIATION_EXIT_TICKET: exit_tickets,
    DeliverableKind.SELF_EVALUATION: self_evaluations,
    DeliverableKind.CUSTOM_LINK: custom,
    DeliverableKind.CUSTOM_TICK: custom,
}


def evidence_for(
    deliverable: Deliverable, students: Collection[int], shared: dict | None = None
) -> dict[int, Evidence]:
    """The evidence of `students` (and maybe others) for `deliverable`. Pass
    the same `shared` dict for every deliverable of one page."""
    return PROVIDERS[deliverable.kind](deliverable, students, {} if shared is None else shared)
