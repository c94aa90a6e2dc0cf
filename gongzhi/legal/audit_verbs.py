"""The legal rosters', consultations' and applications' audit verbs, registered from LegalConfig.ready.

No row holds an aide's phone, a resident's full name or a consultation's topic."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register
from gongzhi.cases.models import ConsentChannel

from .models import AideKind
from .standards import group_label


def _kind(facts: Facts) -> dict[str, str]:
    kind = str(facts.summary.get("kind", ""))
    return {"kind": str(dict(AideKind.choices).get(kind, kind))} if kind else {}


def _group(facts: Facts) -> dict[str, str]:
    group = facts.summary.get("group")
    return {"group": group_label(str(group))} if group else {}


VERBS = {
    "legal.aide_appointed": (_("设置法律顾问(助理)"), _("聘任{kind}{name}（{unit}）")),
    "legal.aide_ended": (_("法律顾问(助理)离任"), _("{kind}{name}离任：{reason}")),
    "legal.savvy_selected": (_("选定法律明白人"), _("从{group}中选定{name}为法律明白人培养对象")),
    "legal.savvy_training": (_("法律明白人开始培训"), _("「{target}」开始培训")),
    "legal.savvy_trained": (
        _("记录法律明白人培训"),
        _("「{target}」于 {date} 参加{organiser}组织的「{course}」，{hours} 学时"),
    ),
    "legal.savvy_passed": (_("法律明白人考核合格"), _("「{target}」于 {date} 考核合格：{note}")),
    "legal.savvy_failed": (_("法律明白人考核未合格"), _("「{target}」于 {date} 考核未合格：{note}")),
    "legal.savvy_activated": (_("法律明白人上岗"), _("「{target}」上岗")),
    "legal.savvy_ended": (_("法律明白人退出"), _("「{target}」退出")),
    "legal.target_set": (
        _("设置法律明白人目标数"),
        _("每村(社区)法律明白人目标数设为 {target} 人（原 {before}）"),
    ),
    "legal.slot_published": (_("发布法律咨询时段"), _("发布 {at} 的法律咨询时段（{minutes} 分钟，{place}）")),
    "legal.slot_withdrawn": (_("撤回法律咨询时段"), _("撤回 {at} 的法律咨询时段，取消预约 {bookings} 个")),
    "legal.consultation_booked": (_("预约法律咨询"), _("预约 {at} 的法律咨询")),
    "legal.consultation_booked_assisted": (
        _("代居民预约法律咨询"),
        _("代居民预约 {at} 的法律咨询（居民{consent}同意）"),
    ),
    "legal.consultation_cancelled": (_("取消法律咨询预约"), _("取消 {at} 的法律咨询预约")),
    "legal.consultation_held": (_("记录法律咨询"), _("记录 {at} 的法律咨询已进行")),
    "legal.consultation_missed": (_("记录法律咨询未到"), _("记录 {at} 的法律咨询预约人未到")),
    "legal.consultation_reminded": (_("提醒法律咨询"), _("提醒预约人 {at} 的法律咨询")),
    "legal.application_submitted": (
        _("申报民主法治示范村"),
        _("申报 {year} 年民主法治示范村(社区)：自评达到 {met}/{criteria} 项，附件 {attachments} 个"),
    ),
    "legal.application_resubmitted": (
        _("重新报送民主法治示范村申报"),
        _("补充后重新报送 {year} 年民主法治示范村申报（新增附件 {attachments} 个）"),
    ),
    "legal.application_approved": (
        _("命名民主法治示范村"),
        _("命名{area}为 {year} 年民主法治示范村(社区)：{note}"),
    ),
    "legal.application_rejected": (
        _("民主法治示范村申报未通过"),
        _("{area}的 {year} 年民主法治示范村申报未通过：{note}"),
    ),
    "legal.application_returned": (
        _("退回民主法治示范村申报"),
        _("退回{area}的 {year} 年民主法治示范村申报补充材料：{note}"),
    ),
}


def _consent(facts: Facts) -> dict[str, str]:
    channel = str(facts.summary.get("consent", ""))
    return {"consent": str(dict(ConsentChannel.choices).get(channel, channel))} if channel else {}


DERIVE = {
    "legal.consultation_booked_assisted": _consent,
    "legal.aide_appointed": _kind,
    "legal.aide_ended": _kind,
    "legal.savvy_selected": _group,
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register(
        "lawaid.aide",
        "lawaid.lawsavvy",
        "lawaid.setting",
        "lawaid.slot",
        "lawaid.consultation",
        "lawaid.application",
    )
