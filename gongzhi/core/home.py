"""What the start pages show, registered by the apps that own it (the kernel names no feature app).

Two registries, filled from each app's `AppConfig.ready`:

- `home_section_register`: a section of the signed-in home page, "what you
  can do now". Its `build(viewer)` reads through the app's own selectors
  (already scoped to the viewer) and returns the template's context, or
  None when the section has nothing for this viewer (a resident has no
  queue). Sections count what waits and what is overdue; they never count
  logins or clicks and never rank people.
- `public_link_register`: a link that every community has on the public
  start page (its wish wall, its convention), by URL name taking the
  community id.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class HomeSection:
    key: str
    order: int
    template: str
    build: Callable[[Any], dict | None]


@dataclass(frozen=True)
class PublicLink:
    key: str
    order: int
    label: str | Promise
    url_name: str


_SECTIONS: dict[str, HomeSection] = {}
_PUBLIC_LINKS: dict[str, PublicLink] = {}


def home_section_register(key: str, *, order: int, template: str, build: Callable[[Any], dict | None]) -> None:
    _SECTIONS[key] = HomeSection(key, order, template, build)


def public_link_register(key: str, *, order: int, label: str | Promise, url_name: str) -> None:
    _PUBLIC_LINKS[key] = PublicLink(key, order, label, url_name)


def home_sections_for(viewer) -> list[tuple[str, dict]]:
    """[(template, context)] of the sections that have something for `viewer`, in their order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.build(viewer)
        if context is not None:
            shown.append((section.template, context))
    return shown


def public_links() -> list[PublicLink]:
    return sorted(_PUBLIC_LINKS.values(), key=lambda link: (link.order, link.key))
