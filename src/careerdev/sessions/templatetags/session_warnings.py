"""The term overview's link to the schedule, and its warning of cohorts
whose module run has no guest speaker or panel.
Used as `{% load session_warnings %}{% panel_warning term %}`."""

from django import template

from careerdev.sessions import selectors

register = template.Library()


@register.inclusion_tag("sessions/_term_overview.html")
def panel_warning(term):
    return {"term": term, "without_panel": selectors.cohorts_without_panel(term) if term else []}
