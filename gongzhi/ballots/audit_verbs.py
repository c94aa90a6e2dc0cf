"""The ballot box's audit verbs, registered from BallotsConfig.ready. A cast's row names the voter and the box,
never the answers, the slot or the receipt (actions.ballot_cast)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register


def _box_closed(facts: Facts) -> dict[str, str]:
    summary = facts.summary
    return {
        "how": _("提前结束投票") if summary.get("early") else _("投票截止"),
        "verdict": _("符合法定人数") if summary.get("quorate") else _("不足法定人数"),
    }


def audit_verbs_register() -> None:
    verb_register(
        "ballot.box_opened",
        gettext_lazy("开启无记名投票"),
        gettext_lazy("开启无记名投票「{target}」：{eligible} 人有投票资格，{opens_at} 至 {closes_at}"),
    )
    verb_register("ballot.cast", gettext_lazy("投票"), gettext_lazy("在无记名投票「{target}」中投票"))
    verb_register(
        "ballot.box_closed",
        gettext_lazy("结束无记名投票"),
        gettext_lazy("{how}「{target}」：有投票资格 {eligible} 人，参加 {participated} 人，{verdict}"),
        derive=_box_closed,
    )
    target_types_register("ballots.ballotbox")
