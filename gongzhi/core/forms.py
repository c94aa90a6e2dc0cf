"""Form helpers every app uses: the personal-data check under free-text fields.

A field with `text_check_attrs()` posts its form to core:text_check as the
person types (htmx, half a second after they stop); the answer replaces the
`core/_text_check.html` block under the form, which the form also renders
on a server round trip (`text_check_context`), so it works without
JavaScript too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.urls import reverse_lazy
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError


def text_check_attrs(audience: str = "public", fields: tuple[str, ...] = ()) -> dict:
    """htmx attributes that check the form's free-text `fields` for personal data as one is typed
    (core:text_check). Only those fields are read: a phone number typed where it belongs (a contact
    field) is no finding."""
    import json

    return {
        "hx-post": reverse_lazy("core:text_check"),
        "hx-trigger": "input changed delay:500ms",
        "hx-target": "#text-check",
        "hx-swap": "outerHTML",
        # Queued, not replaced: a replaced (aborted) check would log htmx:sendAbort for nothing.
        "hx-sync": "closest form:queue last",
        "hx-vals": json.dumps({"audience": audience, "check": " ".join(fields)}),
        "aria-describedby": "text-check",
    }


@dataclass(frozen=True)
class TextAudience:
    """Who will read what is typed, and what the check under the form advises them.

    `advice` is shown under personal data found in the text; `sensitive_hint` (with `%(topics)s`) when the
    text touches a sensitive topic, for audiences that offer a closed choice of readers (blank: not shown).
    """

    key: str
    advice: str | Promise
    sensitive_hint: str | Promise = ""


# The kernel's audiences: everyone, or only those the text concerns. A feature registers its own
# (with its own advice on what to do instead) from its AppConfig.ready.
AUDIENCES: dict[str, TextAudience] = {}


def text_audience_register(key: str, *, advice: str | Promise, sensitive_hint: str | Promise = "") -> None:
    AUDIENCES[key] = TextAudience(key, advice, sensitive_hint)


text_audience_register(
    "public",
    advice=gettext_lazy(
        "这些内容发布后所有人都能看到。除非确实需要公开（例如单位的办公电话），请删去个人的电话、证件号和住址。"
    ),
)
text_audience_register(
    "staff",
    advice=gettext_lazy(
        "这些内容不会公开，只有经办的工作人员和相关的人能看到；如果不是办事必需，请不要填写身份证号、银行卡号。"
    ),
)
TEXT_CHECK_MAX = 5000  # characters per field; longer fields are checked by the action on submit


def text_check_context(values, *, audience: str) -> dict:
    """What the check under a form says about the values typed into it (see core/_text_check.html)."""
    from gongzhi.core.pii import pii_find, pii_summary, sensitive_summary, sensitive_topics

    texts = [str(v)[:TEXT_CHECK_MAX] for v in values if v]
    findings = [f for text in texts for f in pii_find(text)]
    sensitive = sensitive_summary(sensitive_topics(*texts))
    reader = AUDIENCES.get(audience) or AUDIENCES["staff"]
    return {
        "pii_findings": findings,
        "pii_kinds_label": pii_summary(findings),
        "sensitive_label": sensitive,
        "audience": reader.key,
        "advice": reader.advice,
        "sensitive_hint": str(reader.sensitive_hint) % {"topics": sensitive}
        if sensitive and reader.sensitive_hint
        else "",
    }


def form_error_from(form: forms.Form, exc: DomainError) -> None:
    """An action's refusal shown on the form: under the field it names, else above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class ActionCheckedForm(forms.Form):
    """A form that reports every field's problem at once, by the rules its action applies.

    Actions refuse the first problem they meet (a DomainError), so a form that only relayed them
    would show one error per round trip. Here `required` and `max_length` on the fields (also HTML
    attributes, so the browser checks them before sending) and `field_rules` — the action's own
    per-field checks, each raising DomainError — run on every field before the action is called;
    the action still checks everything and stays the authority.
    """

    field_rules: ClassVar[dict[str, Callable[[Any], object]]] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}
            field.error_messages["max_length"] = _("不能超过%(limit_value)d个字（现在%(show_value)d个字）。")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, rule in self.field_rules.items():
            if name in self.errors or name not in data:
                continue
            try:
                rule(data[name])
            except DomainError as exc:
                self.add_error(name, exc.message)
        return data
