from django.contrib import admin

from .models import Cohort, Enrollment, Program, School, Term


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "pd_weekday", "pd_start_time", "pd_end_time"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "school"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["code", "program", "start_date"]
    list_filter = ["program"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "start_date"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["student", "term", "cohort", "module", "repeating"]
    list_filter = ["term", "module", "repeating", "cohort"]
    search_fields = ["student__email", "student__last_name"]
    raw_id_fields = ["student"]
