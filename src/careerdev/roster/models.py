"""An uploaded roster file, kept between its preview and its confirmation."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RosterUpload(models.Model):
    """The exact bytes staff previewed, so that confirming imports what they
    saw and not a file chosen again."""

    school = models.ForeignKey(
        "school.School", on_delete=models.CASCADE, related_name="roster_uploads"
    )
    term = models.ForeignKey("school.Term", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(imported_at__isnull=True)
                | models.Q(imported_at__gte=models.F("created_at")),
                name="roster_upload_imported_after_created",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} for {self.term}"
