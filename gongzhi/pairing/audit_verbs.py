"""Pairing's audit verbs, registered from PairingConfig.ready. Names are masked (王**); no visit's text."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register
from gongzhi.cases.models import ConsentChannel

from .models import PairOrigin

VERBS = {
    "pairing.aim_set": (
        _("设置结对目标"),
        _("{area}须结对的户设为：{tags}（原：{before}）；每名党员最多结对 {limit} 户"),
    ),
    "pairing.paired": (_("党员结对"), _("党员{member}与户 {household} 结对（{origin}{consent}）")),
    "pairing.repaired": (
        _("重新结对"),
        _("户 {household} 的结对党员由{previous}改为{member}（{origin}{consent}）：{reason}"),
    ),
    "pairing.ended": (_("结束结对"), _("党员{member}与户 {household} 的结对结束：{reason}")),
    "pairing.declined": (_("农户谢绝结对"), _("户 {household} 于 {date} 谢绝结对{consent}")),
    "pairing.decline_undone": (_("撤销谢绝结对"), _("撤销户 {household} 于 {date} 登记的谢绝结对")),
    "pairing.visit_recorded": (_("记录结对走访"), _("记录「{target}」{date} 的走访帮扶{follow}")),
    "pairing.exported": (_("导出结对覆盖情况"), _("导出结对覆盖情况表（{rows} 个村(社区)）")),
}


def _consent(facts: Facts) -> dict[str, str]:
    channel = str(facts.summary.get("consent", "-"))
    if channel in ("", "-"):
        return {"consent": ""}
    label = str(dict(ConsentChannel.choices).get(channel, channel))
    return {"consent": str(_("，农户{channel}同意")).format(channel=label)}


def _origin(facts: Facts) -> dict[str, str]:
    origin = str(facts.summary.get("origin", ""))
    return {"origin": str(dict(PairOrigin.choices).get(origin, origin))} | _consent(facts)


def _follow(facts: Facts) -> dict[str, str]:
    return {"follow": str(_("，需要跟进")) if facts.summary.get("follow_up") else ""}


DERIVE = {
    "pairing.paired": _origin,
    "pairing.repaired": _origin,
    "pairing.declined": _consent,
    "pairing.visit_recorded": _follow,
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register("pairing.aim", "pairing.pair", "pairing.decline")
