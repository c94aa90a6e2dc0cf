"""What the start pages show, registered by the apps that own it (the kernel names no feature app).

Registries filled from each app's `AppConfig.ready`:

- `home_section_register`: a section of the signed-in home page, "what you
  can do now". Its `build(viewer)` reads through the app's own selectors
  (already scoped to the viewer) and returns the template's context, or
  None when the section has nothing for this viewer (a resident has no
  queue). Sections count what waits and what is overdue; they never count
  logins or clicks and never rank people.
- `public_link_register`: a link that every community has on the public
  start page (its public wall, its rules), by URL name taking the
  community id.
- `public_page_register`: a township-wide page that needs no account; the
  login page shows it to whoever has none yet.
- `robots_register`: the app's lines of /robots.txt (Allow for its public
  pages, Disallow for what lies below them behind a login).
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


@dataclass(frozen=True)
class RobotsLines:
    key: str
    order: int
    lines: tuple[str, ...]


_SECTIONS: dict[str, HomeSection] = {}
_PUBLIC_LINKS: dict[str, PublicLink] = {}
_PUBLIC_PAGES: dict[str, PublicLink] = {}
_ROBOTS: dict[str, RobotsLines] = {}


def home_section_register(
    key: str, *, order: int, template: str, build: Callable[[Any], dict | None]
) -> None:
    _SECTIONS[key] = HomeSection(key, order, template, build)


def public_link_register(key: str, *, order: int, label: str | Promise, url_name: str) -> None:
    _PUBLIC_LINKS[key] = PublicLink(key, order, label, url_name)


def public_page_register(key: str, *, order: int, label: str | Promise, url_name: str) -> None:
    _PUBLIC_PAGES[key] = PublicLink(key, order, label, url_name)


def robots_register(key: str, *, order: int, lines: list[str] | tuple[str, ...]) -> None:
    """`lines` as robots.txt says them ("Allow: /notes/c/", "Disallow: /notes/mine/"), in their order."""
    _ROBOTS[key] = RobotsLines(key, order, tuple(lines))


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


def public_pages() -> list[PublicLink]:
    return sorted(_PUBLIC_PAGES.values(), key=lambda link: (link.order, link.key))


def robots_lines() -> list[str]:
    return [
        line for entry in sorted(_ROBOTS.values(), key=lambda r: (r.order, r.key)) for line in entry.lines
    ]
