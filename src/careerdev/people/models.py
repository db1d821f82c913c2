"""Users, their roles and profiles.

One custom user model from the start: everyone signs in by email, and a role
says what they are to the programme. The private "less represented in tech"
opt-in lives on StudentProfile and is read only through careerdev.policies.
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Role(models.TextChoices):
    STAFF = "staff", "Staff"
    STUDENT = "student", "Student"
    VOLUNTEER = "volunteer", "Volunteer"


class UserQuerySet(models.QuerySet):
    def students(self):
        return self.filter(role=Role.STUDENT)

    def staff(self):
        return self.filter(role=Role.STAFF)

    def volunteers(self):
        return self.filter(role=Role.VOLUNTEER)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **fields)
        if password:
            user.set_password(password)
        else:
            # Roster-imported and invited people have no password until they
            # accept an invitation or reset it.
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", Role.STAFF)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


def normalize_email(email: str) -> str:
    """Emails are compared and stored lower-cased and stripped, so that
    `Ana@School.edu ` and `ana@school.edu` are one person."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.STUDENT)
    school = models.ForeignKey(
        "school.School", on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    is_active = models.BooleanField(default=True)
    # Only superusers reach the Django admin; staff work in the app itself.
    is_staff = models.BooleanField("admin access", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(email__contains="@"), name="user_email_has_at"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name people call them by: the preferred name when a student
        has one, then their first and last name, then their email."""
        preferred = ""
        if self.role == Role.STUDENT:
            profile = getattr(self, "student_profile", None)
            preferred = profile.preferred_name if profile else ""
        first = preferred or self.first_name
        name = f"{first} {self.last_name}".strip()
        return name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_school_staff(self) -> bool:
        return self.role == Role.STAFF

    @property
    def is_student(self) -> bool:
        return self.role == Role.STUDENT

    @property
    def is_volunteer(self) -> bool:
        return self.role == Role.VOLUNTEER


class StudentProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="student_profile")
    preferred_name = models.CharField(max_length=150, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    slack_handle = models.CharField(max_length=80, blank=True)
    github = models.URLField("GitHub", max_length=300, blank=True)
    linkedin = models.URLField("LinkedIn", max_length=300, blank=True)
    resume_url = models.URLField("resume link", max_length=500, blank=True)
    # Private: only the student and staff may ever see this. Read it through
    # careerdev.policies.private_opt_in(), never directly in a view.
    less_represented_opt_in = models.BooleanField(
        "identifies as less represented in tech", default=False
    )

    def __str__(self) -> str:
        return f"Student profile of {self.user.email}"


class Expertise(models.TextChoices):
    FRONT_END = "FE", "Front-end"
    BACK_END = "BE", "Back-end"
    BOTH = "both", "Front-end and back-end"
    NON_TECHNICAL = "non-technical", "Non-technical"


class VolunteerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="volunteer_profile")
    company = models.CharField(max_length=150, blank=True)
    title = models.CharField(max_length=150, blank=True)
    expertise = models.CharField(max_length=16, choices=Expertise.choices, default=Expertise.BOTH)
    bio = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expertise__in=Expertise.values),
                name="volunteer_expertise_valid",
            )
        ]

    def __str__(self) -> str:
        return f"Volunteer profile of {self.user.email}"


class Invitation(models.Model):
    """A link that lets a person set their password and sign in.

    Only a hash of the token is stored, so a database leak gives no working
    links; the token itself is in the email alone.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gte=models.F("created_at")),
                name="invitation_expires_not_before_created",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.user.email}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and now < self.expires_at
