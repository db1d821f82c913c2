from django.urls import path

from . import views

app_name = "graduation"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("requests/", views.staff_list, name="staff_list"),
    path("requests/<int:pk>/", views.detail, name="detail"),
    path("requests/<int:pk>/plan/", views.plan, name="plan"),
    path("requests/<int:pk>/first-project/", views.first_project, name="first_project"),
    path("requests/<int:pk>/decide/", views.decide, name="decide"),
]
