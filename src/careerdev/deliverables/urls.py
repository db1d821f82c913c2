from django.urls import path

from . import views

app_name = "deliverables"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("progress.csv", views.matrix_csv, name="matrix_csv"),
    path("remind/", views.remind, name="remind"),
    path("setup/", views.setup, name="setup"),
    path("mine/", views.mine, name="mine"),
    path("exit-ticket/", views.exit_ticket, name="exit_ticket"),
    path("<int:pk>/complete/", views.complete, name="complete"),
]
