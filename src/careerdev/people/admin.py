from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Invitation, StudentProfile, User, VolunteerProfile


class StudentProfileInline(admin.StackedInline):
    model = StudentProfile
    can_delete = False


class VolunteerProfileInline(admin.StackedInline):
    model = VolunteerProfile
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "school", "is_active"]
    list_filter = ["role", "school", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "role", "school"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "role", "school", "password1", "password2"]})]
    inlines = [StudentProfileInline, VolunteerProfileInline]

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        return (
            [StudentProfileInline]
            if obj.is_student
            else [VolunteerProfileInline]
            if obj.is_volunteer
            else []
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "invited_by", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]
