"""The menu, registered by the apps that own its entries (the kernel names no feature app).

Each app adds its entries from its `AppConfig.ready`::

    nav_register("notes.queue", order=40, label=_("民情办理"), url_name="notes:queue",
                 perm="notes.view_queue")

An entry is shown to a signed-in user who holds `perm` (or for whom
`visible(user)` is true; with neither, to everyone signed in), in `order`.
Both may depend on the user's roles only (the menu is worked out once per
set of roles and process).
Its link is resolved once per process and URL configuration, not on every
request: the menu is on every page.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
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

    def shown_to(self, user) -> bool:
        if self.visible is not None:
            return self.visible(user)
        return not self.perm or user.has_perm(self.perm)

    @property
    def href(self) -> str:
        return href_of(self.url_name)


_HREFS: dict[tuple[str, str, str], str] = {}


def href_of(url_name: str) -> str:
    """The link of a URL name without arguments, reversed once per process, URL configuration and script
    prefix (tests swap the configuration with override_settings)."""
    key = (url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    href = _HREFS.get(key)
    if href is None:
        href = _HREFS[key] = reverse(url_name)
    return href


_ENTRIES: dict[str, NavEntry] = {}
_ORDERED: list[NavEntry] = []


def nav_register(
    key: str,
    *,
    order: int,
    label: str | Promise,
    url_name: str,
    perm: str = "",
    visible: Callable[[Any], bool] | None = None,
) -> None:
    _ENTRIES[key] = NavEntry(key, order, label, url_name, perm, visible)
    _ORDERED[:] = sorted(_ENTRIES.values(), key=lambda entry: (entry.order, entry.key))
    _SEEN.clear()


_SEEN: dict[Hashable, list[NavEntry]] = {}
_SEEN_MAX = 4096


def nav_for(user, *, memo_key: Hashable = None) -> list[NavEntry]:
    """The entries `user` sees, in their order (none for a visitor who is not signed in).

    `memo_key` says what the entries' permissions depend on (the user's roles): users with the same key
    see the same menu, which this process then works out once.
    """
    if user is None or not user.is_authenticated:
        return []
    if memo_key is None:
        return [entry for entry in _ORDERED if entry.shown_to(user)]
    seen = _SEEN.get(memo_key)
    if seen is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        seen = _SEEN[memo_key] = [entry for entry in _ORDERED if entry.shown_to(user)]
    return seen


# --- The footer: links on every page, for everyone (signed in or not) -------------------------------------

_FOOTER: dict[str, NavEntry] = {}


def footer_register(key: str, *, order: int, label: str | Promise, url_name: str) -> None:
    """A link in every page's footer (an app registers it from its AppConfig.ready); the page it is clicked on
    travels along as `?from=` (the path only)."""
    _FOOTER[key] = NavEntry(key, order, label, url_name)


def footer_links() -> list[NavEntry]:
    return sorted(_FOOTER.values(), key=lambda entry: (entry.order, entry.key))
