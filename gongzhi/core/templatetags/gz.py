"""Template helpers for hot paths: plain markup where Django's widget templates cost most of a page."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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
            parts.append(f'<option value="{conditional_escape(option)}"{mark}>{conditional_escape(label)}</option>')

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
