from django import forms

from .models import PanelTopic, SessionKind


class SessionForm(forms.Form):
    kind = forms.ChoiceField(choices=SessionKind.choices)
    title = forms.CharField(max_length=120)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label="Ends", widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(max_length=200, required=False)
    # Checked by the service (a clear message, http/https only).
    video_link = forms.CharField(max_length=500, required=False, label="Video link")
    topic = forms.ChoiceField(
        choices=[("", "—"), *PanelTopic.choices], required=False, label="Panel topic"
    )
    cohorts = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None chosen: every cohort of the term.",
    )
    description = forms.CharField(
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohorts"].queryset = cohorts


class MoveForCohortForm(forms.Form):
    cohort = forms.ModelChoiceField(queryset=None)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label="Ends", widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts


class SpeakerForm(forms.Form):
    name = forms.CharField(max_length=120)
    title = forms.CharField(max_length=120, required=False)
    company = forms.CharField(max_length=120, required=False)
    bio = forms.CharField(max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
