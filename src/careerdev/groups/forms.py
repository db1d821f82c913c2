from django import forms

from .models import MixItUpTopic, TopicKind

CHOICES_ASKED = 3  # students rank their top three topics


class TopicForm(forms.Form):
    name = forms.CharField(max_length=100)
    kind = forms.ChoiceField(choices=TopicKind.choices, initial=TopicKind.STANDARD)


class SurveyAnswerForm(forms.Form):
    """Ranked topics, an industry interest, the private opt-in; for Mod 4, the
    topic they will lead."""

    industry_interest = forms.CharField(
        max_length=120,
        required=False,
        help_text="An industry you would like to work in, such as health care or games.",
    )
    opt_in = forms.BooleanField(
        required=False,
        label="I identify as someone less represented in tech",
        help_text="Private: only you and the Career Development staff see this answer.",
    )

    def __init__(self, *args, topics: list[MixItUpTopic], can_lead: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {str(t.pk): t for t in topics}
        names = [("", "—")] + [(str(t.pk), t.name) for t in topics]
        labels = ["First choice", "Second choice", "Third choice"]
        for i in range(min(CHOICES_ASKED, len(topics))):
            self.fields[f"choice_{i + 1}"] = forms.ChoiceField(
                choices=names, required=i == 0, label=labels[i]
            )
        self.order_fields([f"choice_{i + 1}" for i in range(CHOICES_ASKED)])
        if can_lead:
            leadable = [("", "—")] + [(str(t.pk), t.name) for t in topics if not t.is_restricted]
            self.fields["leads_topic"] = forms.ChoiceField(
                choices=leadable,
                required=False,
                label="The topic I will lead (Mod 4)",
                help_text="As a Mod 4 student you lead a group: share your job search and "
                "drive the talk.",
            )

    def clean(self):
        data = super().clean()
        picked = [data.get(f"choice_{i + 1}") for i in range(CHOICES_ASKED)]
        picked = [p for p in picked if p]
        if len(set(picked)) != len(picked):
            raise forms.ValidationError("Choose each topic at most once.")
        data["ranking"] = [self.topics[p] for p in picked]
        lead = data.get("leads_topic")
        data["leads"] = self.topics.get(lead) if lead else None
        return data


class MoveForm(forms.Form):
    student = forms.IntegerField(min_value=1)
    to_group = forms.IntegerField(min_value=1, label="Move to group")
