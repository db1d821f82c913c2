from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.student, name="student"),
    path("book/", views.book, name="book"),
    path("move/", views.move, name="move"),
    path("cancel/", views.cancel, name="cancel"),
    path("staff/", views.staff, name="staff"),
    path("staff/slots/run/", views.publish_run, name="publish_run"),
    path("staff/slots/one/", views.publish_slot, name="publish_slot"),
    path("staff/slots/<int:pk>/delete/", views.delete_slot, name="delete_slot"),
    path("staff/bookings/<int:pk>/mark/", views.mark, name="mark"),
    path("staff/bookings/<int:pk>/notes/", views.notes, name="notes"),
    path("staff/bookings/<int:pk>/cancel/", views.cancel_for_student, name="cancel_for_student"),
]
