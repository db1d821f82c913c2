import datetime as dt

from django import forms

from .models import WEEKDAYS, DeliverableKind

MODULE_CHOICES = [(str(m), f"Mod {m}") for m in (1, 2, 3, 4)]


class DueMomentFields(forms.Form):
    due_week = forms.IntegerField(min_value=1, max_value=12, label="Week")
    due_weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, initial=4, label="Day")
    due_time = forms.TimeField(
        initial=dt.time(23, 59), label="Time", widget=forms.TimeInput(attrs={"type": "time"})
    )


class DeliverableForm(DueMomentFields):
    title = forms.CharField(max_length=120)
    modules = forms.MultipleChoiceField(
        choices=MODULE_CHOICES, widget=forms.CheckboxSelectMultiple, initial=["4"]
    )
    description = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(
        attrs={"rows": 2}))  # fmt: skip
    field_order = ["title", "due_week", "due_weekday", "due_time", "modules", "description"]


class CustomDeliverableForm(DeliverableForm):
    kind = forms.ChoiceField(
        choices=[
            (DeliverableKind.CUSTOM_LINK, "The student gives a link"),
            (DeliverableKind.CUSTOM_TICK, "The student ticks it off"),
        ]
    )


class OverrideForm(forms.Form):
    """Excuse, or move the due moment, for a cohort or one student."""

    cohort = forms.ModelChoiceField(queryset=None, required=False)
    student_email = forms.EmailField(required=False, label="or one student (email)")
    excused = forms.BooleanField(required=False, label="Excused")
    due_week = forms.IntegerField(min_value=1, max_value=12, required=False, label="New week")
    due_weekday = forms.TypedChoiceField(
        choices=[("", "—"), *WEEKDAYS], coerce=int, required=False, empty_value=None, label="Day"
    )
    due_time = forms.TimeField(
        required=False, label="Time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts

    def clean(self):
        data = super().clean()
        if bool(data.get("cohort")) == bool(data.get("student_email")):
            raise forms.ValidationError("Choose a cohort or give one student's email.")
        return data


class ExitTicketForm(forms.Form):
    learned = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="The most useful thing you learned about negotiating",
    )
    will_ask = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What you will ask for in your next offer conversation",
    )


class CompletionForm(forms.Form):
    link = forms.URLField(max_length=500, required=False)
