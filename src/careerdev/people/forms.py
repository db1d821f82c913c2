from django import forms
from django.contrib.auth import password_validation

from .models import Role, StudentProfile


class InvitationForm(forms.Form):
    email = forms.EmailField()
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(
        choices=[(Role.STUDENT, "Student"), (Role.VOLUNTEER, "Volunteer"), (Role.STAFF, "Staff")]
    )


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        if p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class StudentProfileForm(forms.ModelForm):
    class Meta:
        model = StudentProfile
        fields = [
            "preferred_name",
            "pronouns",
            "slack_handle",
            "github",
            "linkedin",
            "resume_url",
            "less_represented_opt_in",
        ]
        help_texts = {
            "less_represented_opt_in": (
                "Private: only you and the Career Development staff can see this. It lets "
                "you choose the Mix It Up group for people who identify this way in the "
                "topic survey; you are placed in it only in a week you choose it."
            ),
            "github": "For example https://github.com/your-name",
        }
