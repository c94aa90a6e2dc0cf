"""The audit verbs of suggestions and complaints about gongzhi, registered from FeedbackConfig.ready. Never the
text, a name or a phone number: the kind, the category and the due date."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register

from .models import FeedbackKind

VERBS = {
    "feedback.filed": (_("提交平台意见建议"), _("提交{kind_label}「{target}」（{category}），{due}前答复")),
    "feedback.answered": (_("答复平台意见建议"), _("答复「{target}」（{days} 个工作日）")),
    "feedback.withdrawn": (_("撤回平台意见建议"), _("撤回「{target}」")),
    "feedback.category_saved": (_("修改意见建议类别"), _("意见建议类别「{target}」：{state}")),
}


def _kind(facts: Facts) -> dict[str, str]:
    kind = str(facts.summary.get("kind", ""))
    return {"kind_label": str(dict(FeedbackKind.choices).get(kind, kind))}


def _category(facts: Facts) -> dict[str, str]:
    retired = str(facts.summary.get("retired", "")).lower() in ("true", "1")
    return {"state": str(_("停用")) if retired else str(_("使用中"))}


def audit_verbs_register() -> None:
    derive = {"feedback.filed": _kind, "feedback.category_saved": _category}
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=derive.get(verb))
    target_types_register("feedback.feedback", "feedback.category")
