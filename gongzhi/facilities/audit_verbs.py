"""The facilities' audit verbs, registered from FacilitiesConfig.ready. Bookers are masked (王**) or named by
their organisation."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register
from gongzhi.cases.models import ConsentChannel

from .models import BookingState, FacilityKind

VERBS = {
    "facilities.standard_set": (
        _("修改阵地建设标准"),
        _("{area}的「{type}」标准：{required}；标识要求：{signage}"),
    ),
    "facilities.facility_added": (_("登记阵地"), _("登记阵地「{target}」（{type}{bookable}{shared}）")),
    "facilities.facility_changed": (_("修改阵地"), _("修改阵地「{target}」（{type}{bookable}{shared}）")),
    "facilities.booked": (_("预约阵地"), _("{who}预约「{target}」：{when}，{headcount}人，{state}{consent}")),
    "facilities.approved": (_("同意阵地预约"), _("同意「{target}」的预约（{when}）")),
    "facilities.refused": (_("不同意阵地预约"), _("不同意「{target}」的预约（{when}）：{reason}")),
    "facilities.cancelled": (_("取消阵地预约"), _("取消「{target}」的预约（{when}）")),
    "facilities.type_added": (
        _("添加阵地类型"),
        _("{area}添加阵地类型「{target}」（{kind_label}）：{required}；标识要求：{signage}"),
    ),
    "facilities.type_changed": (
        _("修改阵地类型"),
        _("{area}修改阵地类型「{target}」（{kind_label}）：{required}；标识要求：{signage}"),
    ),
    "facilities.type_retired": (
        _("停用阵地类型"),
        _("{area}停用阵地类型「{target}」（{in_use} 处阵地在用）"),
    ),
    "facilities.type_restored": (_("恢复阵地类型"), _("{area}恢复使用阵地类型「{target}」")),
    "facilities.exported": (_("导出阵地达标情况"), _("导出阵地达标情况表（{rows} 个村(社区)）")),
}


def _yes(value) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def _required(facts: Facts) -> dict[str, str]:
    village, urban = _yes(facts.summary.get("village")), _yes(facts.summary.get("urban"))
    parts = [str(_("行政村必备")) if village else "", str(_("城市社区必备")) if urban else ""]
    text = "、".join(p for p in parts if p) or str(_("不作要求"))
    return {"required": text}


def _facility(facts: Facts) -> dict[str, str]:
    return {
        "bookable": str(_("，可预约")) if _yes(facts.summary.get("bookable")) else "",
        "shared": str(_("，向相邻村(社区)开放")) if _yes(facts.summary.get("shared")) else "",
    }


def _booked(facts: Facts) -> dict[str, str]:
    state = str(facts.summary.get("state", ""))
    channel = str(facts.summary.get("consent", "-"))
    consent = ""
    if channel not in ("", "-"):
        label = str(dict(ConsentChannel.choices).get(channel, channel))
        consent = str(_("，工作人员代为预约（居民{channel}同意）")).format(channel=label)
    return {"state": str(dict(BookingState.choices).get(state, state)), "consent": consent}


def _type(facts: Facts) -> dict[str, str]:
    kind = str(facts.summary.get("kind", ""))
    return {**_required(facts), "kind_label": str(dict(FacilityKind.choices).get(kind, kind))}


DERIVE = {
    "facilities.standard_set": _required,
    "facilities.facility_added": _facility,
    "facilities.facility_changed": _facility,
    "facilities.booked": _booked,
    "facilities.type_added": _type,
    "facilities.type_changed": _type,
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register(
        "facilities.standard", "facilities.facility", "facilities.booking", "facilities.facilitytype"
    )
