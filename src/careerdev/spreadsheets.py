"""What every export shares: cells a spreadsheet would run as a formula are
shown as written instead."""

# A cell starting with one of these is run as a formula by Excel, LibreOffice
# or Google Sheets (tab and carriage return too, through some importers).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet would treat as a formula, prefixed with an apostrophe
    so it is shown as written; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
