from django import forms


class PlanForm(forms.Form):
    """The 30/60/90-day plan: text, a link, or both (the service checks which)."""

    plan_text = forms.CharField(
        label="30/60/90-day plan", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    # A CharField: the service says clearly when a link is not one.
    plan_url = forms.CharField(label="…or a link to it", required=False, max_length=1000)


class FirstProjectForm(forms.Form):
    finished = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    note = forms.CharField(
        label="Note to the student", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
