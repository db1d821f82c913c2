"""Ids a request names. What a form posts or a query string carries is text
that anyone can change; only a plain whole number in the database's range
names a row. Anything else names none, so the page says "not found" or
ignores it instead of failing (`"²".isdigit()` is true, `int("²")` fails,
and 10**30 overflows the database's integer)."""

from collections.abc import Iterable

# The largest value of a 64-bit signed id (BigAutoField).
MAX_ID = 2**63 - 1


def as_id(value: str | None) -> int | None:
    """The id `value` spells, or None."""
    if value and value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def as_ids(values: Iterable[str]) -> list[int]:
    """The ids among `values`, in their order; the rest left out."""
    return [i for i in map(as_id, values) if i is not None]
