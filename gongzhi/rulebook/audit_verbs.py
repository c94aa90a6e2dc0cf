"""The governing documents' audit verbs, registered from RulebookConfig.ready."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register

VERBS = {
    "rulebook.document_created": (_("新建制度"), _("新建制度「{target}」（{kind}，范本：{template}）")),
    "rulebook.draft_saved": (_("修改制度草稿"), _("修改「{target}」草稿（{length} 字）")),
    "rulebook.scan_attached": (_("上传制度扫描件"), _("上传「{target}」的扫描件")),
    "rulebook.version_made": (_("新建制度版本"), _("新建「{target}」")),
    "rulebook.adopted": (
        _("制度通过施行"),
        _("「{target}」经{meeting}表决通过，{effective_on}起施行{replaced}"),
    ),
}


def _replaced(facts: Facts) -> dict[str, str]:
    number = str(facts.summary.get("superseded", "-"))
    return {"replaced": "" if number in ("", "-") else str(_("，第%(n)s版同时废止")) % {"n": number}}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=_replaced if verb == "rulebook.adopted" else None)
    target_types_register("rulebook.document", "rulebook.version")
