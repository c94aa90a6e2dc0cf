"""The governing documents' audit verbs, registered from RulebookConfig.ready."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register

from .models import KindGroup

VERBS = {
    "rulebook.document_created": (_("新建制度"), _("新建制度「{target}」（{kind}，范本：{template}）")),
    "rulebook.draft_saved": (_("修改制度草稿"), _("修改「{target}」草稿（{length} 字）")),
    "rulebook.scan_attached": (_("上传制度扫描件"), _("上传「{target}」的扫描件{after}")),
    "rulebook.version_made": (_("新建制度版本"), _("新建「{target}」")),
    "rulebook.kind_added": (_("添加制度类别"), _("{area}添加制度类别「{target}」（{group_label}）")),
    "rulebook.kind_changed": (
        _("修改制度类别"),
        _("{area}修改制度类别「{target}」（{group_label}，原名：{before}）"),
    ),
    "rulebook.kind_retired": (_("停用制度类别"), _("{area}停用制度类别「{target}」（{in_use} 项制度在用）")),
    "rulebook.kind_restored": (_("恢复制度类别"), _("{area}恢复使用制度类别「{target}」")),
    "rulebook.template_added": (
        _("添加制度范本"),
        _("{area}添加「{kind}」的范本「{target}」（{length} 字）"),
    ),
    "rulebook.template_changed": (
        _("修改制度范本"),
        _("{area}修改「{kind}」的范本「{target}」（{length} 字）"),
    ),
    "rulebook.template_retired": (_("停用制度范本"), _("{area}停用「{kind}」的范本「{target}」")),
    "rulebook.template_restored": (_("恢复制度范本"), _("{area}恢复使用「{kind}」的范本「{target}」")),
    "rulebook.draft_printed": (_("打印制度草稿"), _("打印「{target}」草稿（PDF）")),
    "rulebook.adopted": (
        _("制度通过施行"),
        _("「{target}」经{meeting}表决通过，{effective_on}起施行{replaced}"),
    ),
}


def _replaced(facts: Facts) -> dict[str, str]:
    number = str(facts.summary.get("superseded", "-"))
    return {"replaced": "" if number in ("", "-") else str(_("，第%(n)s版同时废止")) % {"n": number}}


def _after(facts: Facts) -> dict[str, str]:
    adopted = facts.summary.get("adopted") is True or str(facts.summary.get("adopted")).lower() == "true"
    return {"after": str(_("（通过施行后补传）")) if adopted else ""}


def _group(facts: Facts) -> dict[str, str]:
    group = str(facts.summary.get("group", ""))
    return {"group_label": str(dict(KindGroup.choices).get(group, group))}


DERIVE = {
    "rulebook.adopted": _replaced,
    "rulebook.scan_attached": _after,
    "rulebook.kind_added": _group,
    "rulebook.kind_changed": _group,
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register(
        "rulebook.document", "rulebook.version", "rulebook.documentkind", "rulebook.template"
    )
