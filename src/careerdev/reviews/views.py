"""Document-review pages: a student books, moves or cancels their review;
staff publish slots, see the bookings, mark them and keep private notes."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_POST

from careerdev import policies
from careerdev.ids import as_id
from careerdev.school.selectors import chosen_term, current_term, enrollment_of, school_of

from . import selectors, services
from .forms import MarkForm, NotesForm, SlotForm, SlotRunForm
from .models import ReviewBooking, ReviewSlot

# --- Student ------------------------------------------------------------------


def _student_term(request):
    policies.require(policies.can_book_review(request.user))
    school = school_of(request.user)
    term = current_term(school) if school else None
    return school, term


@login_required
def student(request):
    """The student's booking, or the free slots to book one."""
    if policies.is_staff(request.user):
        return redirect("reviews:staff")
    school, term = _student_term(request)
    enrollment = enrollment_of(request.user, term)
    if enrollment is None:
        return render(request, "reviews/student.html", {"term": term, "enrolled": False})
    mine = selectors.student_reviews(request.user, term)
    show_slots = mine.state != selectors.ReviewState.HELD and (
        mine.upcoming is None or mine.can_change
    )
    return render(
        request,
        "reviews/student.html",
        {
            "term": term,
            "enrolled": True,
            "mine": mine,
            "slots": list(selectors.open_slots(term)) if show_slots else [],
            "show_slots": show_slots,
            "cutoff": services.cutoff_text(),
        },
    )


def _slot_id(request, school) -> int:
    """The posted slot id; 404 when it names another school's slot."""
    value = request.POST.get("slot", "")
    slot_id = as_id(value) or 0
    policies.require_visible(
        not ReviewSlot.objects.filter(pk=slot_id).exclude(term__school=school).exists()
    )
    return slot_id


@login_required
@require_POST
def book(request):
    school, term = _student_term(request)
    try:
        booking = services.book_slot(request.user, _slot_id(request, school))
    except services.BookingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Booked: your document review is on {_when(booking.slot)}.")
    return redirect("reviews:student")


@login_required
@require_POST
def move(request):
    school, term = _student_term(request)
    try:
        booking = services.move_booking(request.user, term, _slot_id(request, school))
    except services.BookingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Moved: your document review is now on {_when(booking.slot)}.")
    return redirect("reviews:student")


@login_required
@require_POST
def cancel(request):
    school, term = _student_term(request)
    try:
        services.cancel_booking(request.user, term)
    except services.BookingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Cancelled. Book another slot when you are ready.")
    return redirect("reviews:student")


def _when(slot: ReviewSlot) -> str:
    local = timezone.localtime(slot.starts_at, slot.term.school.zone)
    return dateformat.format(local, r"l j F \a\t g:i a")


# --- Staff --------------------------------------------------------------------


def _staff_term(request):
    school = policies.school_managed_by(request.user)
    policies.require(policies.can_manage_reviews(request.user, school))
    term = chosen_term(school, request.GET.get("term", "") or request.POST.get("term", ""))
    return school, term


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _staff_page(request, term, *, run_form=None, slot_form=None, status=200):
    day = _day(request.GET.get("day", ""))
    staff = selectors.staff_of_school(term)
    initial = {"held_by": request.user.pk if request.user.is_school_staff else None}
    return render(
        request,
        "reviews/staff.html",
        {
            "term": term,
            "terms": term.school.terms.all(),
            "day": day,
            "reviews": selectors.staff_reviews(term, day),
            "run_form": run_form or SlotRunForm(prefix="run", staff=staff, initial=initial),
            "slot_form": slot_form or SlotForm(prefix="one", staff=staff, initial=initial),
            "mark_choices": MarkForm.base_fields["status"].choices,
        },
        status=status,
    )


def _back(term):
    return redirect(f"{reverse('reviews:staff')}?term={term.pk}")


@login_required
def staff(request):
    """The term's slots and bookings, by day; forms to publish more."""
    school, term = _staff_term(request)
    if term is None:
        messages.error(request, "Add a term first.")
        return redirect("school:setup")
    return _staff_page(request, term)


def _publish(request, form_class, prefix, publish, form_key):
    school, term = _staff_term(request)
    form = form_class(request.POST, prefix=prefix, staff=selectors.staff_of_school(term))
    if form.is_valid():
        try:
            created = publish(term, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(created) if isinstance(created, list) else 1
            messages.success(request, f"Published {count} slot{'s' if count != 1 else ''}.")
            return _back(term)
    messages.error(request, "Nothing was published: see the form below.")
    return _staff_page(request, term, **{form_key: form}, status=400)


@login_required
@require_POST
def publish_run(request):
    return _publish(request, SlotRunForm, "run", services.publish_run, "run_form")


@login_required
@require_POST
def publish_slot(request):
    return _publish(request, SlotForm, "one", services.publish_slot, "slot_form")


@login_required
@require_POST
def delete_slot(request, pk):
    school = policies.school_managed_by(request.user)
    slot = get_object_or_404(ReviewSlot.objects.select_related("term"), pk=pk, term__school=school)
    try:
        services.delete_slot(slot)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Slot deleted.")
    return _back(slot.term)


def _booking(request, pk) -> ReviewBooking:
    school = policies.school_managed_by(request.user)
    booking = get_object_or_404(
        ReviewBooking.objects.select_related("term__school", "student__student_profile"),
        pk=pk,
        term__school=school,
    )
    policies.require(policies.can_see_review_notes(request.user, booking.term.school))
    return booking


def _row(request, booking: ReviewBooking, error: str | None = None, saved: str = ""):
    """The booking's row again for htmx, or back to the page."""
    if request.headers.get("HX-Request"):
        slot = selectors.staff_slot(booking.slot_id)
        return render(
            request,
            "reviews/_slot_row.html",
            {
                "slot": slot,
                "term": booking.term,
                "row_error": error,
                "row_saved": "" if error else saved,
                "mark_choices": MarkForm.base_fields["status"].choices,
            },
        )
    if error:
        messages.error(request, error)
    elif saved:
        messages.success(request, saved)
    return _back(booking.term)


@login_required
@require_POST
def mark(request, pk):
    booking = _booking(request, pk)
    form = MarkForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.mark_booking(booking, form.cleaned_data["status"], by=request.user)
        except ValidationError as e:
            error = " ".join(e.messages)
    else:
        error = "Mark the review held or no-show."
    return _row(request, booking, error, saved="Marked.")


@login_required
@require_POST
def notes(request, pk):
    booking = _booking(request, pk)
    form = NotesForm(request.POST)
    error = None
    if form.is_valid():
        services.save_notes(booking, form.cleaned_data["staff_notes"])
    else:
        error = " ".join(form.errors["staff_notes"])
    return _row(request, booking, error, saved="Notes saved.")


@login_required
@require_POST
def cancel_for_student(request, pk):
    booking = _booking(request, pk)
    error = None
    try:
        services.cancel_for_student(booking)
    except ValidationError as e:
        error = " ".join(e.messages)
    if error is None and not request.headers.get("HX-Request"):
        messages.success(request, f"Cancelled {booking.student.display_name}'s review.")
        return _back(booking.term)
    return _row(request, booking, error, saved="Cancelled: the slot is free again.")
