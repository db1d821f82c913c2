from django import forms

from .models import Competency, Grade


class SelfEvaluationForm(forms.Form):
    """A grade and evidence for each of the five competencies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for competency in Competency:
            self.fields[f"{competency.value}_grade"] = forms.TypedChoiceField(
                choices=Grade.choices,
                coerce=int,
                widget=forms.RadioSelect,
                label=competency.label,
            )
            self.fields[f"{competency.value}_evidence"] = forms.CharField(
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                label=f"{competency.label}: your evidence",
            )

    def ratings(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {
            c.value: (data[f"{c.value}_grade"], data[f"{c.value}_evidence"]) for c in Competency
        }

    def pairs(self):
        """(grade field, evidence field) per competency, for the template."""
        return [(self[f"{c.value}_grade"], self[f"{c.value}_evidence"]) for c in Competency]
