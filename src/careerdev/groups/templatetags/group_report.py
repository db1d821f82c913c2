from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.934 → "93%"; None → "—"."""
    if value is None:
        return "—"
    return f"{round(float(value) * 100)}%"
