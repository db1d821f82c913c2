"""Portfolio test data: real images made with Pillow, a minimal PDF, and
portfolios filled in as far as a test needs."""

import itertools

from careerdev.people.models import User

_seq = itertools.count(1)


def png_bytes(size: tuple[int, int] = (40, 30), color: str = "teal", **save_kw) -> bytes:
    """A real PNG made with Pillow."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG", **save_kw)
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def portfolio(student_: User, *, complete: bool = True, projects: int = 2, **kw):
    """A portfolio in draft; `complete` fills every checklist item, files included."""
    from django.core.files.base import ContentFile

    from careerdev.portfolios.models import Portfolio, PortfolioProject, ProjectScreenshot

    kw.setdefault("slug", f"portfolio-{next(_seq)}")
    if complete:
        kw.setdefault("title", "Back-end developer")
        kw.setdefault("about", "I build *reliable* web services.")
        kw.setdefault("email", student_.email)
        kw.setdefault("github", "https://github.com/example")
        kw.setdefault("linkedin", "https://www.linkedin.com/in/example")
    p = Portfolio(student=student_, **kw)
    if complete:
        p.photo.save("photo.png", ContentFile(png_bytes()), save=False)
        p.resume.save("resume.pdf", ContentFile(PDF_BYTES), save=False)
    p.save()
    for n in range(1, (projects if complete else 0) + 1):
        project = PortfolioProject.objects.create(
            portfolio=p, position=n, title=f"Project {n}", description="What it does."
        )
        shot = ProjectScreenshot(project=project, caption=f"Project {n} home page")
        shot.image.save("screenshot.png", ContentFile(png_bytes()), save=False)
        shot.save()
    return p
