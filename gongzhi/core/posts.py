"""The people-in-posts hook: an app that keeps the one record of some post of a community (its roster of
法律明白人, …) lists the people in office, so a staffing page shows and counts them without retyping them.

An app registers a source from its AppConfig.ready::

    people_in_posts_register("savvy", order=10, label=_("…名册"), post="法律明白人", holders=holders_of)

`holders(community_ids)` returns the `PostHolder` rows in office today of the communities named (one call for
many communities: a township's table). A staffing catalogue links one of its posts to a source by the source's
key; `people_in_posts_of(key, community_ids)` reads them, `post_sources()` lists the sources (the kernel names no
feature app, and a source that is not installed simply lists nobody).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PostHolder:
    source: str  # the registering key
    community_id: int
    area_id: int  # the place the person serves (the community itself for a community-level post)
    resident_id: int | None  # on the register, or None (an outside lawyer …)
    name: str
    phone_masked: str  # 138****5678, or ""
    started_on: dt.date | None
    url: str  # the record's page in the app that keeps it (staff)


@dataclass(frozen=True)
class PostSource:
    key: str
    order: int
    label: Any  # where the record is kept, shown beside the post ("法律明白人名册")
    post: str  # the post's usual name, the one a catalogue links by default
    holders: Callable[[list[int]], list[PostHolder]]
    url_name: str = ""  # the page (taking a community id) where the keeping app records one


_SOURCES: dict[str, PostSource] = {}


def people_in_posts_register(
    key: str,
    *,
    order: int,
    label: Any,
    post: str,
    holders: Callable[[list[int]], list[PostHolder]],
    url_name: str = "",
) -> None:
    _SOURCES[key] = PostSource(key, order, label, post, holders, url_name)


def post_sources() -> list[PostSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.key))


def post_source(key: str) -> PostSource | None:
    return _SOURCES.get(key) if key else None


def people_in_posts_of(key: str, community_ids: list[int]) -> list[PostHolder]:
    """The people in office of the source `key` in the communities named; none for a source not registered."""
    source = post_source(key)
    if source is None or not community_ids:
        return []
    return list(source.holders(list(community_ids)))
