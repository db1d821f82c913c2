from django.urls import path

from . import views

app_name = "selfevaluation"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("students/<int:student_id>/", views.of_student, name="of_student"),
    path("cohorts/", views.distribution, name="distribution"),
]
