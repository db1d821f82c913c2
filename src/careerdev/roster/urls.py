from django.urls import path

from . import views

app_name = "roster"
urlpatterns = [
    path("import/", views.upload, name="upload"),
]
