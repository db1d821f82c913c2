import datetime as dt

from django import forms

from .models import Program, School, Term


class SchoolSettingsForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "time_zone",
            "pd_weekday",
            "pd_start_time",
            "pd_end_time",
            "weeks_in_module",
            "first_pd_week",
            "last_pd_week",
        ]
        widgets = {
            "pd_start_time": forms.TimeInput(attrs={"type": "time"}),
            "pd_end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, instance=school, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("pd_start_time"), data.get("pd_end_time")
        if start and end and end <= start:
            self.add_error("pd_end_time", "PD time must end after it starts.")
        first, last, weeks = (
            data.get("first_pd_week"),
            data.get("last_pd_week"),
            data.get("weeks_in_module"),
        )
        if first and last and last < first:
            self.add_error("last_pd_week", "The last PD week cannot come before the first.")
        if weeks and last and last > weeks:
            self.add_error("last_pd_week", f"A module has {weeks} weeks.")
        return data


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["code", "name"]

    def __init__(self, *args, school: School, **kwargs):
        self.school = school
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if Program.objects.filter(school=self.school, code__iexact=code).exists():
            raise forms.ValidationError(f"The school already has a program {code}.")
        return code


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["name", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, school: School, **kwargs):
        self.school = school
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Term.objects.filter(school=self.school, name__iexact=name).exists():
            raise forms.ValidationError(f"There is already a term called {name}.")
        return name

    def clean_start_date(self):
        start: dt.date = self.cleaned_data["start_date"]
        if start.weekday() != 0:
            raise forms.ValidationError(
                f"{start:%A %-d %B} is not a Monday: a term starts on the Monday of week 1."
            )
        if Term.objects.filter(school=self.school, start_date=start).exists():
            raise forms.ValidationError("Another term starts on that day.")
        return start
