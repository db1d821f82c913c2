from django.urls import include, path

app_name = "groups"
urlpatterns = [
    # Prompts, exports and Slack (careerdev/groups/urls_extra.py).
    path("", include("careerdev.groups.urls_extra")),
]
