"""`{% load group_prompts %}` then `{{ prompt.body|markdown }}`: a prompt's
Markdown as sanitised HTML (careerdev.groups.prompts.render_markdown)."""

from django import template

from careerdev.groups.prompts import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text) -> str:
    return render_markdown(str(text or ""))
