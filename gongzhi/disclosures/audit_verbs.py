"""The public board's audit verbs, registered from DisclosuresConfig.ready."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register

from .models import DisclosureCategory


def _category(facts: Facts) -> dict[str, str]:
    value = str(facts.summary.get("category", ""))
    return {"category": str(DisclosureCategory(value).label)} if value in DisclosureCategory.values else {}


def _published(facts: Facts) -> dict[str, str]:
    fulfilled = facts.summary.get("fulfilled") or []
    note = str(_("，完成应公开事项 %(n)s 项") % {"n": len(fulfilled)}) if fulfilled else ""
    kind = str(_("重大事项")) if facts.summary.get("major") else str(_("一般事项"))
    return {**_category(facts), "kind": kind, "fulfilled_note": note}


def _withdrawn(facts: Facts) -> dict[str, str]:
    reopened = facts.summary.get("reopened") or []
    note = (
        str(_("；%(titles)s重新列为应公开事项") % {"titles": "、".join(f"「{t}」" for t in reopened)})
        if reopened
        else ""
    )
    return {**_category(facts), "reopened_note": note}


def _monthly(facts: Facts) -> dict[str, str]:
    monthly = facts.summary.get("finance_monthly")
    return {"cadence": str(_("每月") if monthly else _("每季度"))}


# verb: (label, sentence over the summary's keys)
VERBS = {
    "disclosure.published": (
        _("发布公开事项"),
        _("在{area}{category}栏发布「{title}」（{kind}，{characters} 字{fulfilled_note}）"),
    ),
    "disclosure.revised": (
        _("修改公开事项"),
        _("将「{former_title}」改为第 {number} 稿「{title}」，理由：{reason}"),
    ),
    "disclosure.withdrawn": (
        _("撤回公开事项"),
        _("撤回{category}「{title}」，理由：{reason}{reopened_note}"),
    ),
    "disclosure.due_registered": (
        _("登记应公开事项"),
        _("登记应公开事项「{title}」（{category}），{due_on} 前公开"),
    ),
    "disclosure.setting_changed": (_("设置财务公开频次"), _("{area}财务收支改为{cadence}公开")),
}

DERIVE = {
    "disclosure.published": _published,
    "disclosure.withdrawn": _withdrawn,
    "disclosure.due_registered": _category,
    "disclosure.setting_changed": _monthly,
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register("disclosures.disclosure", "disclosures.disclosuredue")
