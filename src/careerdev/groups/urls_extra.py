"""Prompts, exports and Slack: mounted under /groups/ with app_name "groups"."""

from django.urls import path, re_path

from . import views_export, views_prompts, views_slack

urlpatterns = [
    path("prompts/", views_prompts.prompt_list, name="prompts"),
    path("prompts/preview/", views_prompts.prompt_preview, name="prompt_preview"),
    path("prompts/<int:pk>/", views_prompts.prompt_edit, name="prompt_edit"),
    path("prompts/<int:pk>/restore/", views_prompts.prompt_restore, name="prompt_restore"),
    re_path(
        r"^rounds/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$",
        views_export.export_round,
        name="export",
    ),
    re_path(
        r"^rounds/(?P<pk>[0-9]+)/export-confidential\.(?P<fmt>csv|xlsx)$",
        views_export.export_confidential,
        name="export_confidential",
    ),
    path("rounds/<int:pk>/slack/", views_slack.slack_retry, name="slack_retry"),
]
