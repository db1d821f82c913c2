"""Forms check the shape of what people type (URLs, numbers, dates); the
rules of the job search (date order, whose contact) live in services."""

from django import forms

from .models import Contact, Decision, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_NEGATIVE = {"min_value": "This can't be negative."}
A_LINK = {"invalid": "Enter a full link, starting with https://."}


def _date(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE, help_text=help_text)


class CompanyNameInput(forms.TextInput):
    """A free-text company name that suggests the student's companies."""

    def __init__(self):
        super().__init__(attrs={"list": "company-names", "autocomplete": "off"})


class ApplicationStartForm(forms.Form):
    company = forms.CharField(max_length=120, widget=CompanyNameInput())
    title = forms.CharField(label="Job title", max_length=160)
    posting_url = forms.URLField(
        label="Posting link",
        required=False,
        max_length=500,
        error_messages=A_LINK,
        assume_scheme="https",
    )


class ApplicationDetailsForm(forms.Form):
    company = forms.CharField(max_length=120, widget=CompanyNameInput())
    title = forms.CharField(label="Job title", max_length=160)


class EvidenceForm(forms.Form):
    """The evidence of the five steps; a step is complete when its evidence is there."""

    posting_url = forms.URLField(
        label="Posting link",
        required=False,
        max_length=500,
        error_messages=A_LINK,
        assume_scheme="https",
    )
    research_notes = forms.CharField(
        label="Research notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mission, product, customers, blog, open-source work, people who work there.",
    )
    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        empty_label="— nobody yet —",
        label="The person you reached out to",
    )
    outreach_on = _date("Reached out on")
    conversation_on = _date("Talked on", "The coffee chat or call.")
    tailored_resume = forms.CharField(
        label="Tailored resume", required=False, help_text="A link to it, or a note."
    )
    cover_letter = forms.CharField(
        label="Cover letter",
        required=False,
        help_text="A link or a note; mention your contact.",
    )
    applied_on = _date("Applied on")
    told_contact_on = _date("Told my contact I applied on")

    def __init__(self, *args, contacts: list[Contact], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact"]
        field.queryset = Contact.objects.filter(pk__in=[c.pk for c in contacts])
        # Keep the order contacts_for() chose without another query per render.
        field.choices = [("", field.empty_label)] + [
            (c.pk, f"{c.name}{f' ({c.role})' if c.role else ''}") for c in contacts
        ]

    # Fieldsets in the order of the process, for the template.
    STEPS = (
        (1, "Find an opportunity", ("posting_url",)),
        (2, "Research the company", ("research_notes",)),
        (3, "Reach out to someone there", ("contact", "outreach_on", "conversation_on")),
        (4, "Apply, tailored", ("tailored_resume", "cover_letter", "applied_on")),
        (5, "Tell your contact you applied", ("told_contact_on",)),
    )

    def steps(self):
        return [(n, title, [self[f] for f in names]) for n, title, names in self.STEPS]


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, label="Move to")


class CompanyForm(forms.Form):
    name = forms.CharField(max_length=120)
    website = forms.URLField(required=False, error_messages=A_LINK, assume_scheme="https")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ContactForm(forms.Form):
    name = forms.CharField(max_length=120)
    role = forms.CharField(max_length=120, required=False, help_text="e.g. Senior developer")
    company = forms.CharField(max_length=120, required=False, widget=CompanyNameInput())
    email = forms.EmailField(required=False)
    linkedin = forms.URLField(
        label="LinkedIn", required=False, error_messages=A_LINK, assume_scheme="https"
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class OfferForm(forms.Form):
    base_salary = forms.IntegerField(
        label="Base salary (per year)", min_value=0, error_messages=NOT_NEGATIVE
    )
    bonus = forms.IntegerField(
        label="Bonus (per year)", min_value=0, required=False, error_messages=NOT_NEGATIVE
    )
    equity = forms.CharField(max_length=200, required=False, help_text="e.g. 0.05% over 4 years")
    benefits = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    pto_days = forms.IntegerField(
        label="Paid time off (days)",
        min_value=0,
        max_value=366,
        required=False,
        error_messages=NOT_NEGATIVE,
    )
    start_date = forms.DateField(required=False, widget=DATE)
    decision_deadline = forms.DateField(required=False, widget=DATE)


class NegotiationForm(forms.Form):
    on = forms.DateField(label="Date", widget=DATE)
    asked = forms.CharField(label="What I asked for", widget=forms.Textarea(attrs={"rows": 2}))
    got = forms.CharField(
        label="What I got", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, label="My decision")
    decided_on = forms.DateField(label="Decided on", required=False, widget=DATE)
