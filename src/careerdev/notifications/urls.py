from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("read/", views.mark_read, name="mark_read"),
    path("email/", views.email_settings, name="settings"),
    path("outbox/", views.outbox, name="outbox"),
    path(
        "outbox/undelivered/<int:pk>/dismiss/",
        views.dismiss_undelivered,
        name="dismiss_undelivered",
    ),
]
