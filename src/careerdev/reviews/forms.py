"""Forms for the document-review pages. Dates and times are the school's
wall-clock time; services.py turns them into moments in the school's zone."""

from django import forms

from careerdev.people.models import User

from .models import BookingStatus
from .services import DEFAULT_LENGTH_MINUTES


class _SlotDetails(forms.Form):
    held_by = forms.ModelChoiceField(queryset=User.objects.none(), label="Held by")
    length_minutes = forms.IntegerField(
        label="Length (minutes)", initial=DEFAULT_LENGTH_MINUTES, min_value=5, max_value=240
    )
    place = forms.CharField(max_length=200, required=False, help_text="A room, for example.")
    video_link = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="A video-call link, if the review is online.",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_by"].queryset = staff
        self.fields["held_by"].label_from_instance = lambda u: u.display_name


class SlotRunForm(_SlotDetails):
    """A day's run of back-to-back slots between two times."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    from_time = forms.TimeField(label="From", widget=forms.TimeInput(attrs={"type": "time"}))
    to_time = forms.TimeField(label="Until", widget=forms.TimeInput(attrs={"type": "time"}))

    field_order = ["day", "from_time", "to_time", "length_minutes", "held_by", "place"]


class SlotForm(_SlotDetails):
    """One slot."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}))

    field_order = ["day", "start_time", "length_minutes", "held_by", "place"]


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(BookingStatus.HELD, "Held"), (BookingStatus.NO_SHOW, "No-show")]
    )


class NotesForm(forms.Form):
    staff_notes = forms.CharField(
        label="Private notes", required=False, max_length=5000, widget=forms.Textarea
    )
