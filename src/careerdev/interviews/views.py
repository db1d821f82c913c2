"""Mock-interview pages: volunteers give availability, add video links and
write feedback; Mod 4 students book, move or cancel; staff see coverage and
assign everyone left in one step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careerdev import policies
from careerdev.ids import as_id
from careerdev.school.selectors import chosen_term, current_term, school_of

from . import selectors, services
from .forms import CapForm, FeedbackForm, VideoLinkForm, WindowForm
from .models import AvailabilityWindow


def _term_of(request):
    school = school_of(request.user)
    term = current_term(school) if school else None
    policies.require_visible(term is not None)
    return term


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Students -------------------------------------------------------------------


def _student_term(request):
    policies.require(policies.can_book_mock_interview(request.user))
    return _term_of(request)


@login_required
def student(request):
    if policies.is_staff(request.user):
        return redirect("interviews:staff")
    if policies.is_volunteer(request.user):
        return redirect("interviews:volunteer")
    term = _student_term(request)
    mine = selectors.student_interview(request.user, term)
    show_slots = mine.eligible and (mine.booking is None or mine.can_change)
    return render(
        request,
        "interviews/student.html",
        {
            "term": term,
            "mine": mine,
            "week": services.interview_week(term),
            "slots": list(selectors.bookable_slots(term, mine.track)) if show_slots else [],
            "show_slots": show_slots,
            "cutoff": services.cutoff_text(),
        },
    )


def _slot_id(request) -> int:
    value = request.POST.get("slot", "")
    return as_id(value) or 0


def _student_action(request, action, success):
    term = _student_term(request)
    try:
        booking = action(term)
    except services.BookingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success(booking, term))
    return redirect("interviews:student")


@login_required
@require_POST
def book(request):
    return _student_action(
        request,
        lambda term: services.book_slot(request.user, term, _slot_id(request)),
        lambda b, term: (
            "Booked: your mock interview is on "
            f"{services.when_text(b.slot.starts_at, term)}. Check your email for the invitation."
        ),
    )


@login_required
@require_POST
def move(request):
    return _student_action(
        request,
        lambda term: services.move_booking(request.user, term, _slot_id(request)),
        lambda b, term: (
            f"Moved: your mock interview is now on {services.when_text(b.slot.starts_at, term)}."
        ),
    )


@login_required
@require_POST
def cancel(request):
    return _student_action(
        request,
        lambda term: services.cancel_booking(request.user, term),
        lambda b, term: "Cancelled. Book another slot when you are ready.",
    )


# --- Volunteers -----------------------------------------------------------------


def _volunteer_term(request):
    policies.require(policies.can_give_interview_availability(request.user))
    return _term_of(request)


def _volunteer_page(request, term, *, window_form=None, cap_form=None, status=200):
    page = selectors.volunteer_page(request.user, term)
    return render(
        request,
        "interviews/volunteer.html",
        {
            "term": term,
            "week": services.interview_week(term),
            "page": page,
            "window_form": window_form or WindowForm(),
            "cap_form": cap_form
            or CapForm(initial={"cap": page.cap.cap if page.cap else services.DEFAULT_CAP}),
        },
        status=status,
    )


@login_required
def volunteer(request):
    return _volunteer_page(request, _volunteer_term(request))


@login_required
@require_POST
def add_window(request):
    term = _volunteer_term(request)
    form = WindowForm(request.POST)
    if form.is_valid():
        try:
            window = services.add_window(term, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = window.slots.count()
            messages.success(request, f"Added {count} interview slot{'s' if count != 1 else ''}.")
            return redirect("interviews:volunteer")
    messages.error(request, "Nothing was added: see the form below.")
    return _volunteer_page(request, term, window_form=form, status=400)


@login_required
@require_POST
def remove_window(request, pk):
    term = _volunteer_term(request)
    window = get_object_or_404(AvailabilityWindow, pk=pk, volunteer=request.user, term=term)
    try:
        services.remove_window(window)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Window removed.")
    return redirect("interviews:volunteer")


@login_required
@require_POST
def set_cap(request):
    term = _volunteer_term(request)
    form = CapForm(request.POST)
    if form.is_valid():
        try:
            services.set_cap(term, request.user, form.cleaned_data["cap"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved.")
            return redirect("interviews:volunteer")
    return _volunteer_page(request, term, cap_form=form, status=400)


def _visible_booking(request, pk):
    booking = selectors.booking_for_viewer(pk)
    policies.require_visible(
        booking is not None and policies.can_view_mock_interview(request.user, booking)
    )
    return booking


def _run_booking(request, pk):
    booking = _visible_booking(request, pk)
    policies.require(policies.runs_mock_interview(request.user, booking))
    return booking


@login_required
def booking(request, pk):
    """One interview and its feedback: its student, its volunteer, staff."""
    booking = _visible_booking(request, pk)
    return render(
        request,
        "interviews/booking.html",
        {
            "booking": booking,
            "feedback": getattr(booking, "feedback", None),
            "runs_it": policies.runs_mock_interview(request.user, booking),
            "term": booking.term,
        },
    )


@login_required
@require_POST
def video_link(request, pk):
    booking = _run_booking(request, pk)
    form = VideoLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a full link, such as https://meet.example.com/abc.")
    else:
        try:
            services.set_video_link(booking, form.cleaned_data["video_link"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, f"Link saved: {booking.student.display_name} sees it now.")
    return redirect("interviews:volunteer")


@login_required
def feedback(request, pk):
    booking = _run_booking(request, pk)
    existing = getattr(booking, "feedback", None)
    initial = (
        {
            "behavioural_rating": existing.behavioural_rating,
            "technical_rating": existing.technical_rating,
            "strengths": existing.strengths,
            "to_work_on": existing.to_work_on,
        }
        if existing
        else None
    )
    form = FeedbackForm(request.POST or None, kind=booking.slot.kind, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {"behavioural_rating": None, "technical_rating": None, **form.cleaned_data}
            try:
                services.give_feedback(booking, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Thank you: your feedback is saved.")
                return redirect("interviews:volunteer")
        status = 400
    return render(
        request,
        "interviews/feedback.html",
        {"booking": booking, "form": form, "term": booking.term},
        status=status,
    )


# --- Staff ----------------------------------------------------------------------


def _staff_term(request):
    school = policies.school_managed_by(request.user)
    policies.require(policies.can_manage_mock_interviews(request.user, school))
    term = chosen_term(school, request.GET.get("term", "") or request.POST.get("term", ""))
    policies.require_visible(term is not None)
    return term


@login_required
def staff(request):
    term = _staff_term(request)
    return render(
        request,
        "interviews/staff.html",
        {
            "term": term,
            "terms": term.school.terms.all(),
            "week": services.interview_week(term),
            "coverage": selectors.coverage(term),
        },
    )


@login_required
@require_POST
def assign(request):
    term = _staff_term(request)
    made = services.assign_unbooked(term, by=request.user)
    left = selectors.coverage(term).unbooked
    text = f"Assigned {len(made)} student{'s' if len(made) != 1 else ''}."
    if left:
        text += f" {left} could not be placed: more slots of their track are needed."
        messages.warning(request, text)
    else:
        messages.success(request, text)
    return redirect(f"{reverse('interviews:staff')}?term={term.pk}")
