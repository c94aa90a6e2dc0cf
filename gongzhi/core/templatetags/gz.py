"""Template helpers for hot paths: plain markup where Django's widget templates cost most of a page."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext, ngettext

from gongzhi.core.nav import href_of

register = template.Library()


@register.simple_tag
def select(field, **attrs) -> SafeString:
    """A bound ChoiceField as <select>, like its widget would render it, without the widget templates.

    Rendering a select through Django's form renderer runs a template per
    option; filter bars render several selects on every list page. Values and
    labels are escaped here as the widget would.
    """
    value = field.value()
    selected = "" if value is None else str(value)
    parts = [f'<select name="{conditional_escape(field.html_name)}" id="{conditional_escape(field.auto_id)}"']
    for name, attr_value in attrs.items():
        parts.append(f' {conditional_escape(name.replace("_", "-"))}="{conditional_escape(attr_value)}"')
    parts.append(">")

    def options(choices) -> None:
        for option_value, label in choices:
            if isinstance(label, list | tuple):  # an optgroup
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">')
                options(label)
                parts.append("</optgroup>")
                continue
            option = "" if option_value is None else str(option_value)
            mark = " selected" if option == selected else ""
            parts.append(
                f'<option value="{conditional_escape(option)}"{mark}>{conditional_escape(label)}</option>'
            )

    options(field.field.choices)
    parts.append("</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


@register.filter
def pii_marked(text) -> SafeString:
    """`text` escaped, line breaks kept, with each piece of personal data in <mark> naming its kind."""
    from gongzhi.core.pii import pii_find

    text = str(text or "")
    parts: list[str] = []
    last = 0
    for finding in pii_find(text):
        parts.append(conditional_escape(text[last : finding.start]))
        parts.append(
            f'<mark class="gz-pii" data-kind="{finding.kind}" title="{conditional_escape(finding.label)}">'
            f"{conditional_escape(finding.text)}</mark>"
        )
        last = finding.end
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts).replace("\r\n", "\n").replace("\n", "<br>"))  # noqa: S308 (escaped above)


# --- The layout around every page (base.html): its links resolved once per process, its menu in one pass.


@register.simple_tag
def link(url_name: str) -> str:
    """{% url %} for a URL name without arguments, reversed once per process (gongzhi.core.nav.href_of)."""
    return href_of(url_name)


@register.simple_tag(takes_context=True)
def nav_items(context, prefix: str = "") -> SafeString:
    """The menu's items (gongzhi.core.nav, in the context as `nav`) and the logout button, as <li>s.

    The header shows them twice (a row of links, and folded into one button on a phone): a template loop
    with an include for each was most of the layout's cost.
    """
    unread = context.get("unread") or 0
    nav = context.get("nav") or ()
    key = (
        tuple(entry.key for entry in nav),
        prefix,
        unread,
        get_language(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )
    items = _NAV_HTML.get(key)
    if items is None:
        if len(_NAV_HTML) >= 4096:
            _NAV_HTML.clear()
        items = _NAV_HTML[key] = _nav_items_html(nav, prefix, unread)
    token = conditional_escape(context.get("csrf_token") or "")
    goodbye = gettext("退出（%(user)s）") % {"user": context.get("user")}
    return mark_safe(  # noqa: S308  (every value is escaped)
        f'{items}\n<li>\n  <form method="post" action="{conditional_escape(href_of("accounts:logout"))}" '
        f'class="gz-inline"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">\n'
        f'    <button type="submit" class="secondary outline gz-small" data-testid="{conditional_escape(prefix)}logout">'
        f"{conditional_escape(goodbye)}</button>\n  </form>\n</li>\n"
    )


# The menu's items as markup, by (entries, prefix, unread count, language, URL configuration): the same few
# menus for everyone of a role, so each is built once per process.
_NAV_HTML: dict[tuple, str] = {}


def _nav_items_html(nav, prefix: str, unread: int) -> str:
    parts = []
    for entry in nav:
        inbox = entry.url_name == "notices:inbox"
        parts.append(f'<li><a href="{conditional_escape(entry.href)}"')
        if inbox:
            parts.append(f' data-testid="{conditional_escape(prefix)}notices-link"')
        parts.append(f">{conditional_escape(entry.label)}")
        if inbox and unread:
            label = ngettext("%(n)s 条未读", "%(n)s 条未读", unread) % {"n": unread}
            parts.append(
                f' <span class="gz-badge" data-testid="{conditional_escape(prefix)}unread" '
                f'aria-label="{conditional_escape(label)}">{unread}</span>'
            )
        parts.append("</a></li>")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def language_links(context) -> SafeString:
    """The footer's languages, each named in itself; the current one marked, the others links back here."""
    current = get_language()
    request = context.get("request")
    here = quote(request.get_full_path(), safe="/") if request is not None else "/"
    switch = conditional_escape(href_of("core:language"))
    parts = []
    for code, _name in settings.LANGUAGES:
        name = conditional_escape(get_language_info(code)["name_local"])
        code_text = conditional_escape(code)
        if code == current:
            parts.append(f'<strong aria-current="true" lang="{code_text}">{name}</strong>')
        else:
            parts.append(
                f'<a href="{switch}?language={code_text}&amp;next={conditional_escape(here)}" lang="{code_text}" '
                f'data-testid="language-{code_text}">{name}</a>'
            )
    return mark_safe(" · ".join(parts))  # noqa: S308  (every value above is escaped)
