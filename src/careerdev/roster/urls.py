from django.urls import path

from . import views

app_name = "roster"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/sample.csv", views.sample, name="sample"),
    path("import/<int:pk>/", views.preview, name="preview"),
    path("import/<int:pk>/confirm/", views.confirm, name="confirm"),
]
