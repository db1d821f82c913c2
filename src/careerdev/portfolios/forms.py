from django import forms

from . import uploads
from .models import Portfolio, PortfolioProject

MAX_ABOUT_LENGTH = 5_000
MAX_DESCRIPTION_LENGTH = 2_000
IMAGE_ACCEPT = "image/png,image/jpeg,image/gif,image/webp"


class PortfolioForm(forms.ModelForm):
    """The portfolio's details. Uploads are checked here, so a bad file is
    reported next to its field and nothing at all is saved."""

    photo = forms.FileField(
        label="Professional photo",
        required=False,
        help_text="PNG, JPEG, GIF or WebP; it is resized and its metadata (EXIF, GPS) removed.",
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_photo = forms.BooleanField(label="Remove the photo", required=False)
    resume = forms.FileField(
        label="Résumé",
        required=False,
        help_text="A PDF, up to 5 MB.",
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_resume = forms.BooleanField(label="Remove the résumé", required=False)

    class Meta:
        model = Portfolio
        fields = ["title", "about", "email", "github", "linkedin"]
        widgets = {"about": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "about": "A few paragraphs about you. Markdown works: *emphasis*, lists, links.",
            "email": "Where employers can write to you; shown on your public page.",
            "github": "For example https://github.com/your-name",
            "linkedin": "For example https://www.linkedin.com/in/your-name",
        }

    def clean_about(self):
        about = self.cleaned_data["about"]
        if len(about) > MAX_ABOUT_LENGTH:
            raise forms.ValidationError(
                f"Keep it under {MAX_ABOUT_LENGTH:,} characters (this is {len(about):,})."
            )
        return about

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return uploads.checked_image(upload, max_side=uploads.PHOTO_MAX_SIDE, what="photo").content

    def clean_resume(self):
        upload = self.cleaned_data.get("resume")
        if not upload:
            return None
        return uploads.checked_resume(upload)


class ProjectForm(forms.ModelForm):
    screenshot = forms.FileField(
        label="Add a screenshot",
        required=False,
        help_text="PNG, JPEG, GIF or WebP; resized to at most 1600 pixels a side.",
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    caption = forms.CharField(
        label="What the screenshot shows",
        max_length=200,
        required=False,
        help_text="Read aloud by screen readers in place of the picture.",
    )

    class Meta:
        model = PortfolioProject
        fields = ["title", "description", "repository_url", "live_url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"repository_url": "Code (repository link)", "live_url": "Live site"}

    def clean_description(self):
        description = self.cleaned_data["description"]
        if len(description) > MAX_DESCRIPTION_LENGTH:
            raise forms.ValidationError(
                f"Keep it under {MAX_DESCRIPTION_LENGTH:,} characters "
                f"(this is {len(description):,})."
            )
        return description

    def clean_screenshot(self):
        upload = self.cleaned_data.get("screenshot")
        if not upload:
            return None
        return uploads.checked_image(
            upload, max_side=uploads.SCREENSHOT_MAX_SIDE, what="screenshot"
        ).content


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("publish", "Publish"), ("changes", "Request changes")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="The student sees this. Required when you ask for changes.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "changes" and not data.get("comment", "").strip():
            self.add_error("comment", "Say what needs to change: the student sees this comment.")
        return data
