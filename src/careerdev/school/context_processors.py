from .selectors import school_of


def school(request):
    """The viewer's school, for the page header."""
    return {"school": school_of(getattr(request, "user", None))}
