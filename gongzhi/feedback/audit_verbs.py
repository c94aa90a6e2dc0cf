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
    "feedback.answer_corrected": (_("更正平台意见建议的答复"), _("更正「{target}」的答复，原因：{reason}")),
    # Before categories were per township (decision 0057, "Later"): kept for the events already written.
    "feedback.category_saved": (_("修改意见建议类别"), _("意见建议类别「{target}」：{state}")),
    "feedback.category_added": (_("添加本镇意见建议类别"), _("添加意见建议类别「{target}」")),
    "feedback.category_renamed": (_("修改本镇意见建议类别"), _("意见建议类别「{was}」改名为「{target}」")),
    "feedback.category_retired": (
        _("停用本镇意见建议类别"),
        _("停用意见建议类别「{target}」（已有 {filed} 条在这个类别下）"),
    ),
    "feedback.category_restored": (_("恢复本镇意见建议类别"), _("恢复使用意见建议类别「{target}」")),
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
