"""A student's job search: companies, contacts, applications through the
status pipeline, the five steps of the process with their evidence, offers
and the negotiation on each.

Every row carries its student, so "theirs alone" is one filter. Whether a
step is complete is derived from its evidence by the database (generated
columns), so a page and a bulk selector can never disagree about it.
"""

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.db.models.functions import Lower


class Company(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_companies"
    )
    name = models.CharField(max_length=120)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        constraints = [
            models.UniqueConstraint(
                "student", Lower("name"), name="jobsearch_company_name_unique_per_student"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="jobsearch_company_name_set"),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_contacts"
    )
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    linkedin = models.URLField("LinkedIn", blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="jobsearch_contact_name_set"),
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    INTERESTED = "interested", "Interested"
    APPLIED = "applied", "Applied"
    PHONE_SCREEN = "phone_screen", "Phone screen"
    CODE_CHALLENGE = "code_challenge", "Code challenge"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=models.BooleanField())


# The evidence each of the five steps needs (text is stored stripped, so
# "not empty" means "written").
STEP_EVIDENCE = {
    1: Q(posting_url__gt=""),
    2: Q(research_notes__gt=""),
    3: Q(contact__isnull=False, outreach_on__isnull=False, conversation_on__isnull=False),
    4: Q(tailored_resume__gt="", cover_letter__gt="", applied_on__isnull=False),
    5: Q(contact__isnull=False, told_contact_on__isnull=False),
}


def _generated_step(n: int) -> models.GeneratedField:
    return models.GeneratedField(
        expression=_flag(STEP_EVIDENCE[n]),
        output_field=models.BooleanField(),
        db_persist=True,  # PostgreSQL has stored generated columns only
    )


class JobApplication(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_applications"
    )
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField("Job title", max_length=160)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INTERESTED)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    # Step 1: an opportunity that interests them.
    posting_url = models.URLField("Posting link", max_length=500, blank=True)
    # Step 2: research on the company.
    research_notes = models.TextField(blank=True)
    # Step 3: someone there, reached out to, and the conversation.
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    outreach_on = models.DateField("Reached out on", null=True, blank=True)
    conversation_on = models.DateField("Talked on", null=True, blank=True)
    # Step 4: the tailored application.
    tailored_resume = models.TextField("Tailored resume (link or note)", blank=True)
    cover_letter = models.TextField("Cover letter (link or note)", blank=True)
    applied_on = models.DateField("Applied on", null=True, blank=True)
    # Step 5: back to the contact.
    told_contact_on = models.DateField("Told my contact on", null=True, blank=True)

    step_1_done = _generated_step(1)
    step_2_done = _generated_step(2)
    step_3_done = _generated_step(3)
    step_4_done = _generated_step(4)
    step_5_done = _generated_step(5)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["student", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="jobsearch_application_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="jobsearch_application_title_set"),
            models.CheckConstraint(
                condition=Q(conversation_on__gte=F("outreach_on"))
                | Q(conversation_on__isnull=True)
                | Q(outreach_on__isnull=True),
                name="jobsearch_conversation_after_outreach",
            ),
            models.CheckConstraint(
                condition=Q(told_contact_on__gte=F("applied_on"))
                | Q(told_contact_on__isnull=True)
                | Q(applied_on__isnull=True),
                name="jobsearch_told_contact_after_applying",
            ),
            models.CheckConstraint(
                condition=Q(told_contact_on__gte=F("outreach_on"))
                | Q(told_contact_on__isnull=True)
                | Q(outreach_on__isnull=True),
                name="jobsearch_told_contact_after_outreach",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"

    @property
    def steps(self) -> list[bool]:
        return [
            self.step_1_done,
            self.step_2_done,
            self.step_3_done,
            self.step_4_done,
            self.step_5_done,
        ]

    @property
    def steps_done(self) -> int:
        return sum(self.steps)

    @property
    def all_steps_done(self) -> bool:
        return all(self.steps)


class Decision(models.TextChoices):
    PENDING = "pending", "Still deciding"
    ACCEPTED = "accepted", "Accepted and signed"
    DECLINED = "declined", "Declined"


class Offer(models.Model):
    application = models.OneToOneField(
        JobApplication, on_delete=models.CASCADE, related_name="offer"
    )
    # Denormalised from the application so "theirs alone" stays one filter.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_offers"
    )
    base_salary = models.PositiveIntegerField("Base salary (per year)")
    bonus = models.PositiveIntegerField("Bonus (per year)", default=0)
    equity = models.CharField(max_length=200, blank=True)
    benefits = models.TextField(blank=True)
    pto_days = models.PositiveSmallIntegerField("Paid time off (days)", null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    decision_deadline = models.DateField(null=True, blank=True)
    # Early graduation asks whether the student signed an offer.
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_salary__gte=0) & Q(bonus__gte=0), name="jobsearch_offer_money_ok"
            ),
            models.CheckConstraint(
                condition=Q(start_date__gte=F("decision_deadline"))
                | Q(start_date__isnull=True)
                | Q(decision_deadline__isnull=True),
                name="jobsearch_offer_start_after_deadline",
            ),
            models.CheckConstraint(
                condition=Q(decision=Decision.PENDING, decided_on__isnull=True)
                | Q(decision__in=[Decision.ACCEPTED, Decision.DECLINED], decided_on__isnull=False),
                name="jobsearch_offer_decided_on_iff_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"Offer: {self.application}"

    @property
    def is_signed(self) -> bool:
        return self.decision == Decision.ACCEPTED

    @property
    def total_cash(self) -> int:
        return self.base_salary + self.bonus


class NegotiationEntry(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="negotiation")
    on = models.DateField("Date")
    asked = models.TextField("What I asked for")
    got = models.TextField("What I got", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name_plural = "negotiation entries"
        constraints = [
            models.CheckConstraint(condition=~Q(asked=""), name="jobsearch_negotiation_asked_set"),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.asked[:40]}"
