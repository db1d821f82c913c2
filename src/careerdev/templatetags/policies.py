"""Template access to careerdev.policies, so templates never re-derive access.

Loaded as a builtin (settings TEMPLATES.OPTIONS.builtins), e.g.
`{% if request.user|may_see_private_opt_in:student %}`.
"""

from django import template

from careerdev import policies

register = template.Library()


@register.filter
def is_staff(user) -> bool:
    return policies.is_staff(user)


@register.filter
def is_student(user) -> bool:
    return policies.is_student(user)


@register.filter
def is_volunteer(user) -> bool:
    return policies.is_volunteer(user)


@register.filter
def may_see_private_opt_in(user, student) -> bool:
    return policies.can_see_private_opt_in(user, student)


@register.filter
def may_view_student(user, student) -> bool:
    return policies.can_view_student(user, student)
