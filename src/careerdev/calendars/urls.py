from django.urls import path

from . import views

app_name = "calendars"
urlpatterns = [
    path("", views.calendar_page, name="page"),
    path("renew/", views.renew, name="renew"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("events/<slug:uid>.ics", views.one_event, name="event"),
]
