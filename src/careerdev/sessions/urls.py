from django.urls import path

from . import views

app_name = "sessions"
urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("usual/", views.add_usual_schedule, name="add_usual_schedule"),
    path("add/", views.add, name="add"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/drop/", views.drop, name="drop"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/speakers/", views.add_speaker, name="add_speaker"),
    path("<int:pk>/speakers/<int:speaker_pk>/remove/", views.remove_speaker, name="remove_speaker"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
]
