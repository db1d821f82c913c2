from django import forms

from careerdev.selfevaluation.models import Competency


class GoalForm(forms.Form):
    competency = forms.ChoiceField(choices=Competency.choices)
    action = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.CharField(max_length=300)
    target_week = forms.IntegerField(min_value=1, max_value=12)


class CheckInForm(forms.Form):
    progress = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    on_track = forms.BooleanField(required=False, label="On track")
    achieved = forms.BooleanField(required=False, label="Goal met")


class MeetingForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    with_staff = forms.ModelChoiceField(queryset=None, label="With")
    place = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["with_staff"].queryset = staff
