from django.utils import timezone

from .selectors import school_of


class SchoolTimeZoneMiddleware:
    """Show every date and time in the viewer's school's zone, as people there
    read them; stored times stay UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        school = school_of(request.user)
        if school is not None:
            timezone.activate(school.zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
