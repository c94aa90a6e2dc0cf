"""The convention campaign's audit verbs, registered from ConventionsConfig.ready (the kernel names no
feature)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts, value_text
from gongzhi.audit.verbs import target_types_register, verb_register
from gongzhi.core.quorum import RULES


def _adopted(facts: Facts) -> dict[str, str]:
    if "meeting" not in facts.summary:
        return {}
    rule = RULES.get(str(facts.summary["meeting"]))
    return {"meeting": str(rule.label) if rule is not None else value_text(facts.summary["meeting"])}


# verb: (label, sentence over the summary's keys)
VERBS = {
    "convention.campaign_launched": (
        _("启动村规民约修订"),
        _("启动 {year} 年村规民约修订，{deadline} 前完成；必备内容：{topics}"),
    ),
    "convention.in_force_recorded": (
        _("录入现行村规民约"),
        _("录入现行村规民约「{title}」（{characters} 字）"),
    ),
    "convention.draft_started": (_("开始起草村规民约"), _("开始起草「{target}」")),
    "convention.draft_saved": (
        _("保存村规民约修订稿"),
        _("保存修订稿「{target}」（{characters} 字，{problems} 处问题）"),
    ),
    "convention.submitted": (_("报送合法性审查"), _("将「{target}」报送合法性审查")),
    "convention.approved": (_("合法性审查通过"), _("「{target}」通过合法性审查：{comment}")),
    "convention.returned": (_("合法性审查退回"), _("退回「{target}」修改：{comment}")),
    "convention.adopted": (
        _("会议表决通过村规民约"),
        _(
            "{meeting}于 {date} 表决通过「{target}」：到会 {present} 人，赞成 {in_favour} 人，"
            "反对 {against} 人，弃权 {abstaining} 人"
        ),
    ),
    "convention.filed": (_("村规民约报镇备案"), _("「{target}」报镇备案，备案号 {filing_number}")),
    "convention.filing_acknowledged": (
        _("确认收到村规民约备案"),
        _("确认收到「{target}」的备案，备案号 {filing_number}"),
    ),
    "convention.deadline_reminded": (
        _("提醒村规民约修订期限"),
        _("提醒{area} {recipients} 人：「{target}」离修订期限还有 {days_before} 天"),
    ),
    "convention.board_exported": (_("导出村规民约修订进度"), _("导出村规民约修订进度 {rows} 行")),
    "demonstration.applied": (_("申报村规民约示范村"), _("申报村规民约示范村（申报材料 {characters} 字）")),
    "demonstration.approved": (_("命名村规民约示范村"), _("命名{area}为村规民约示范村：{note}")),
    "demonstration.rejected": (_("示范村申报未通过"), _("{area}的示范村申报未通过：{note}")),
}

DERIVE = {"convention.adopted": _adopted}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register(
        "conventions.campaign",
        "conventions.revision",
        "conventions.conventionversion",
        "conventions.demonstrationapplication",
    )
