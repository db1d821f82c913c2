from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from careerdev.school.models import School, Term
from careerdev.school.selectors import current_term


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file",
        help_text="CSV (UTF-8; commas, semicolons or tabs) or XLSX.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-"
                "officedocument.spreadsheetml.sheet"
            }
        ),
    )
    term = forms.ModelChoiceField(
        queryset=Term.objects.none(),
        empty_label=None,
        help_text="The term these students sit their module in.",
    )

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = school.terms.all()
        self.fields["term"].initial = current_term(school)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.ROSTER_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(file.size)}; the largest roster accepted is "
                f"{filesizeformat(settings.ROSTER_MAX_BYTES)}."
            )
        return file
