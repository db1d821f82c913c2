"""Hypothesis strategies for bad input: what a careless, curious or hostile
person can type into a form, put in a query string or upload."""

from __future__ import annotations

from hypothesis import strategies as st

# Markup that runs if a page prints it as it came. A page that shows stored
# text must never contain one of these as written.
SCRIPT = '<script>alert("xss")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'
SVG = "'><svg/onload=alert(1)>"
MARKUP = (SCRIPT, IMAGE, SVG)
# What a link made of a stored address must never become.
SCRIPT_LINK = "javascript:alert(1)"

# Cells a spreadsheet would run as a formula.
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1"]

NASTY = [
    *MARKUP,
    SCRIPT_LINK,
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    *FORMULAS,
    # Control characters, NUL among them (PostgreSQL refuses it in text).
    "\x00",
    "a\x00b",
    "\x1b[31m\x07\r\n\x0b\x0c",
    # Unicode that trips up lengths, sorting and rendering.
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u200b\ufeff",  # marks, zero-width space, BOM
    "e" + "\u0301" * 50,  # a letter under fifty combining accents
    "😀🧑🏽‍💻𝕏\U0010fffd",  # astral: emoji, ZWJ sequence, maths letter, private use
    "Ａｎａ",  # full-width letters
    "\ufdd0\uffff",  # non-characters
    # Text where numbers, dates, times and ids are expected.
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "0x10",
    "٣",  # an Arabic-Indic three: isdigit() but not what a date parser expects
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "25:61",
    "null",
    "[]",
    "{}",
    "../../etc/passwd",
    "'; DROP TABLE people_user; --",
    "%s%n{0}{{ 7*7 }}",
    "a" * 255,
    "b" * 5000,
]

# Any Unicode the transport can carry: UTF-8 has no lone surrogates (they
# come in as raw bytes instead, see `raw_bytes`).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
nasty_text = st.one_of(st.sampled_from(NASTY), any_text, st.just("x" * 20_000))
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)

# Bytes that are not UTF-8: a lone surrogate as UTF-8 would write it, a stray
# continuation byte, an overlong NUL.
raw_bytes = st.sampled_from([b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff\xfe", b"\x80", b"\xc0\x80"])


def bad_value() -> st.SearchStrategy[str]:
    return st.one_of(nasty_text, numbers)


# File contents: junk, the start of a real format followed by junk, and text.
FILE_STARTS = [
    b"",
    b"%PDF-1.4\n",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0",
    b"GIF89a",
    b"PK\x03\x04",  # a ZIP: XLSX, DOCX
    b"email,first_name,last_name,program,cohort,module\n",
    b"\xef\xbb\xbf",
]
FILE_NAMES = [
    "resume.pdf",
    "photo.png",
    "roster.csv",
    "roster.xlsx",
    "../../../etc/passwd",
    "a" * 300 + ".png",
    '<script>alert("x")</script>.pdf',
    "shell.php.png",
    "no-extension",
    ".png",
    "😀.pdf",
    "nul\x00.pdf",
]


@st.composite
def upload(draw) -> tuple[str, bytes]:
    """A file as (name, content): a start drawn from real formats, then junk
    or a line of bad text."""
    start = draw(st.sampled_from(FILE_STARTS))
    rest = draw(
        st.one_of(
            st.binary(max_size=2000),
            bad_value().map(lambda s: s.encode("utf-8", "surrogatepass")),
        )
    )
    return draw(st.sampled_from(FILE_NAMES)), start + rest
