"""Forms for the mock-interview pages. Dates and times are the school's
wall-clock time; services.py turns them into moments in the school's zone."""

from django import forms

from .models import InterviewKind, Track


class WindowForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="From", widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label="Until", widget=forms.TimeInput(attrs={"type": "time"}))
    kind = forms.ChoiceField(label="Interview kind", choices=InterviewKind.choices)
    track = forms.ChoiceField(label="Track", choices=Track.choices, initial=Track.ANY)


class CapForm(forms.Form):
    cap = forms.IntegerField(label="Most interviews I will do", min_value=1, max_value=50)


class VideoLinkForm(forms.Form):
    video_link = forms.URLField(label="Video-call link", max_length=500, assume_scheme="https")


RATINGS = [("", "Not given")] + [(str(n), str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    behavioural_rating = forms.TypedChoiceField(
        label="Behavioural part (1–5)",
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    technical_rating = forms.TypedChoiceField(
        label="Technical part (1–5)", choices=RATINGS, coerce=int, empty_value=None, required=False
    )
    strengths = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    to_work_on = forms.CharField(
        label="One thing to work on", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the parts the interview gave are rated.
        if kind == InterviewKind.BEHAVIOURAL:
            del self.fields["technical_rating"]
        elif kind == InterviewKind.TECHNICAL:
            del self.fields["behavioural_rating"]
