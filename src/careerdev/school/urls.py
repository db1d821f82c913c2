from django.urls import path

from . import views

app_name = "school"
urlpatterns = [
    path("term/", views.term_overview, name="term_overview"),
    path("cohorts/<int:pk>/", views.cohort_roster, name="cohort_roster"),
    path("setup/", views.school_setup, name="setup"),
]
