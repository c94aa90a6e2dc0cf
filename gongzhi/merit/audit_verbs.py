"""The merit board's audit verbs, registered from MeritConfig.ready (the kernel names no feature). A row names
the nomination by its number and title; a member's opinion row says agree or disagree (the review is not
secret: the members answer for it), an objection row only that there was one."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import target_types_register, verb_register

VERBS = {
    "merit.nominated": (_("积德榜提名"), _("提名「{title}」上积德榜（{category}）")),
    "merit.consented": (_("被提名人同意"), _("被提名人同意「{title}」上积德榜，署名“{display_name}”")),
    "merit.declined": (_("被提名人谢绝"), _("被提名人谢绝了提名「{title}」，提名结束")),
    "merit.reviewed": (
        _("道德评议会评议"),
        _("道德评议会成员评议「{title}」：同意 {agree} 人，不同意 {disagree} 人，应到 {members} 人"),
    ),
    "merit.publicised": (_("积德榜公示"), _("公示「{title}」{days} 天，至 {ends} 结束")),
    "merit.objected": (_("对积德榜公示提出异议"), _("对「{title}」的公示提出异议")),
    "merit.objection_answered": (_("答复积德榜异议"), _("答复对「{title}」公示的异议")),
    "merit.placed": (_("列入积德榜"), _("「{title}」列入积德榜，署名“{display_name}”")),
    "merit.withdrawn": (_("撤回积德榜提名"), _("撤回「{title}」：{reason}")),
    "merit.consent_withdrawn": (
        _("被提名人撤回同意"),
        _("被提名人撤回了对「{title}」的同意，提名结束：{reason}"),
    ),
    "merit.setting_changed": (_("设置积德榜公示天数"), _("积德榜公示天数设为 {publicity_days} 天")),
    "merit.category_added": (_("新增积德榜类别"), _("新增积德榜类别“{name}”")),
    "merit.category_retired": (_("停用积德榜类别"), _("停用积德榜类别“{name}”：不再接受新的提名")),
    "merit.category_restored": (_("启用积德榜类别"), _("重新启用积德榜类别“{name}”")),
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence)
    target_types_register("merit.nomination", "merit.meritcategory")
