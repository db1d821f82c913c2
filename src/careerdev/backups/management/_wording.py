"""How the backup commands say counts, sizes and database errors."""


def files(n: int) -> str:
    return f"{n} uploaded file{'' if n == 1 else 's'}"


def one_line(error: Exception) -> str:
    """A database error's first line: the one that says what is wrong."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def size(n: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError("unreachable")
