"""The menu, registered by the apps that own its entries (the kernel names no feature app).

Each app adds its entries from its `AppConfig.ready`::

    nav_register("notes.queue", order=40, label=_("民情办理"), url_name="notes:queue",
                 perm="notes.view_queue")

An entry is shown to a signed-in user who holds `perm` (or for whom
`visible(user)` is true; with neither, to everyone signed in), in `order`.
Its link is resolved once per process and URL configuration, not on every
request: the menu is on every page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavEntry:
    key: str
    order: int
    label: str | Promise
    url_name: str
    perm: str = ""
    visible: Callable[[Any], bool] | None = None
    hrefs: dict[Any, str] = field(default_factory=dict, compare=False, repr=False)

    def shown_to(self, user) -> bool:
        if self.visible is not None:
            return self.visible(user)
        return not self.perm or user.has_perm(self.perm)

    @property
    def href(self) -> str:
        """The entry's link, reversed once per URL configuration and script prefix (tests swap them)."""
        key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        href = self.hrefs.get(key)
        if href is None:
            href = self.hrefs[key] = reverse(self.url_name)
        return href


_ENTRIES: dict[str, NavEntry] = {}
_ORDERED: list[NavEntry] = []


def nav_register(
    key: str, *, order: int, label: str | Promise, url_name: str, perm: str = "",
    visible: Callable[[Any], bool] | None = None,
) -> None:  # fmt: skip
    _ENTRIES[key] = NavEntry(key, order, label, url_name, perm, visible)
    _ORDERED[:] = sorted(_ENTRIES.values(), key=lambda entry: (entry.order, entry.key))


def nav_for(user) -> list[NavEntry]:
    """The entries `user` sees, in their order (none for a visitor who is not signed in)."""
    if user is None or not user.is_authenticated:
        return []
    return [entry for entry in _ORDERED if entry.shown_to(user)]
