from django.urls import path

from . import views

app_name = "jobsearch"
urlpatterns = [
    path("", views.board, name="board"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/move/", views.move, name="move"),
    path("applications/<int:pk>/change/", views.application_change, name="application_change"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application_delete"),
    path("applications/<int:pk>/offer/", views.offer, name="offer"),
    path("offers/", views.offers, name="offers"),
    path("offers/<int:pk>/negotiation/", views.negotiation_add, name="negotiation_add"),
    path("offers/<int:pk>/decision/", views.offer_decision, name="offer_decision"),
    path("companies/", views.companies, name="companies"),
    path("companies/<int:pk>/", views.company_detail, name="company"),
    path("companies/<int:pk>/delete/", views.company_delete, name="company_delete"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("students/", views.staff_summary, name="staff_summary"),
]
