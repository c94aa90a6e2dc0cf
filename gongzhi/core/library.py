"""The governing documents' library hook: an app that keeps a community's governing text of its own (its
convention, …) lists its adopted, in-force texts as library rows, so the library shows them without retyping.

An app registers a provider from its AppConfig.ready::

    library_source_register("notes", order=20, rows=lambda community: [...LibraryRow...])

`library_rows_of(community)` gathers every provider's rows (the kernel names no feature app).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LibraryRow:
    source: str  # the registering key
    title: str
    kind_label: str
    adopted_on: dt.date | None
    effective_on: dt.date | None
    url: str  # its public page


_SOURCES: dict[str, tuple[int, Callable[[Any], list[LibraryRow]]]] = {}


def library_source_register(key: str, *, order: int, rows: Callable[[Any], list[LibraryRow]]) -> None:
    _SOURCES[key] = (order, rows)


def library_rows_of(community) -> list[LibraryRow]:
    found: list[LibraryRow] = []
    for _order, rows in sorted(_SOURCES.values(), key=lambda pair: pair[0]):
        found.extend(rows(community))
    return found
