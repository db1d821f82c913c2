from django.contrib import admin

from .models import RosterUpload


@admin.register(RosterUpload)
class RosterUploadAdmin(admin.ModelAdmin):
    list_display = ["filename", "school", "term", "uploaded_by", "created_at", "imported_at"]
    list_filter = ["school", "term"]
    # The file itself holds personal data and is only ever read by the import.
    exclude = ["content"]
    readonly_fields = ["school", "term", "uploaded_by", "filename", "created_at", "imported_at"]

    def has_add_permission(self, request):
        return False
