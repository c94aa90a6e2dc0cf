"""Ids as they arrive from outside: in URL paths, query strings and API parameters.

Every table's key is a signed 64-bit integer (BigAutoField on SQLite and
PostgreSQL). A longer number is no id at all: SQLite cannot even bind it
(OverflowError) and PostgreSQL refuses it ("bigint out of range"), so it is
turned away where it arrives — a URL that does not match (404), a filter
that is ignored, an API parameter that fails validation (422) — and never
reaches a query.
"""

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1

# An id in an API path, query or body: 1 .. 2**63 - 1, else a 422 naming the parameter.
ApiId = Annotated[int, Field(ge=1, le=MAX_ID)]


def id_from(raw: object) -> int | None:
    """The id `raw` spells (digits only, within 64 bits), or None."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in URL patterns: `<int:…>` limited to the 64-bit range, so a longer number is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond 64 bits")  # the resolver takes this as "no match"
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


class YearConverter:
    """`<year:year>`: four digits."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):04d}"
