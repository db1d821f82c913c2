from django.urls import path

from . import views

app_name = "repeats"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("goals/<int:goal_id>/check-in/", views.check_in, name="check_in"),
    path("meeting/<int:slot_id>/book/", views.book_meeting, name="book_meeting"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:pk>/", views.staff_plan, name="staff_plan"),
]
