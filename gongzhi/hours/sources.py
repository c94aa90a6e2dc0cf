"""Where service hours come from: each feature registers its sources when it starts.

A feature that credits hours (a confirmed wish, a served micro-service, and
later events and visits to paired households) registers a source name in its
`AppConfig.ready`, with the label people read and the permission its
crediting action already checked (the credit is checked against it again, on
the same object). The kernel names no feature.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class HoursSource:
    name: str
    label: str | Promise
    permission: str  # who may credit: the permission of the feature's crediting move, on its object


_SOURCES: dict[str, HoursSource] = {}

NAME_MAX = 20  # ServiceCredit.source


def hours_source_register(name: str, *, label: str | Promise, permission: str) -> HoursSource:
    if not name or len(name) > NAME_MAX:
        raise ValueError(f"an hours source name has 1 to {NAME_MAX} characters: {name!r}")
    source = HoursSource(name, label, permission)
    if _SOURCES.get(name, source) != source:
        raise ValueError(f"hours source {name!r} is already registered differently")
    _SOURCES[name] = source
    return source


def hours_source(name: str) -> HoursSource:
    try:
        return _SOURCES[name]
    except KeyError:
        raise LookupError(
            f"unknown hours source {name!r}: register it in the feature's AppConfig.ready"
        ) from None


def hours_sources() -> list[HoursSource]:
    return list(_SOURCES.values())
