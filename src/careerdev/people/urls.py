from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("invite/", views.invite, name="invite"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("students/<int:pk>/", views.student_profile, name="student_profile"),
    path("me/", views.my_profile, name="my_profile"),
]
