"""Checks every template's source can answer without rendering it."""

import re
from pathlib import Path

import careerdev

TEMPLATES = sorted(Path(careerdev.__file__).parent.glob("**/templates/**/*.html"))
TITLE = re.compile(r"{%\s*block title\s*%}(.*?){%\s*endblock", re.S)


def test_every_page_title_is_one_line_of_plain_text():
    # A title block left open swallows markup up to the next endblock: the
    # browser tab (and a screen reader's first words) then read raw HTML.
    wrong = [
        f"{path.relative_to(Path(careerdev.__file__).parent)}: {title.strip()[:60]!r}"
        for path in TEMPLATES
        for title in TITLE.findall(path.read_text())
        if "<" in title or "\n" in title.strip()
    ]
    assert len(TEMPLATES) > 50
    assert wrong == []
