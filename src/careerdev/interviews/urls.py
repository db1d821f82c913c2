from django.urls import path

from . import views

app_name = "interviews"
urlpatterns = [
    path("", views.student, name="student"),
    path("book/", views.book, name="book"),
    path("move/", views.move, name="move"),
    path("cancel/", views.cancel, name="cancel"),
    path("volunteer/", views.volunteer, name="volunteer"),
    path("volunteer/windows/", views.add_window, name="add_window"),
    path("volunteer/windows/<int:pk>/remove/", views.remove_window, name="remove_window"),
    path("volunteer/cap/", views.set_cap, name="set_cap"),
    path("bookings/<int:pk>/", views.booking, name="booking"),
    path("bookings/<int:pk>/link/", views.video_link, name="video_link"),
    path("bookings/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("staff/", views.staff, name="staff"),
    path("staff/assign/", views.assign, name="assign"),
]
