from django.urls import include, path

from . import views

app_name = "groups"
urlpatterns = [
    path("", views.term_groups, name="term"),
    path("topics/", views.topics, name="topics"),
    path("form/", views.form_round, name="form_round"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/move/", views.move, name="move"),
    path("rounds/<int:pk>/publish/", views.publish, name="publish"),
    path("rounds/<int:pk>/absences/", views.absences, name="absences"),
    path("survey/", views.survey, name="survey"),
    # Prompts, exports and Slack (careerdev/groups/urls_extra.py).
    path("", include("careerdev.groups.urls_extra")),
]
