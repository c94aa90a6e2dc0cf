"""The back office's and the window's issuing audit verbs, registered from HallConfig.ready."""

from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import verb_register

from .models import Decision, Delivery


def _labels(facts: Facts) -> dict[str, str]:
    summary, derived = facts.summary, {}
    if summary.get("decision") in Decision.values:
        derived["decision"] = str(Decision(summary["decision"]).label)
    if summary.get("delivery") in Delivery.values:
        derived["delivery"] = str(Delivery(summary["delivery"]).label)
    derived["opinion"] = str(summary.get("opinion") or "—")
    return derived


def register() -> None:
    verb_register(
        "hall.decided", gettext_lazy("审批办件"), gettext_lazy("审批「{target}」（{matter}）：{decision}，意见：{opinion}"),
        derive=_labels,
    )  # fmt: skip
    verb_register(
        "hall.passed_up", gettext_lazy("村级初审通过"), gettext_lazy("「{target}」（{matter}）初审通过，报乡镇，意见：{opinion}"),
        derive=_labels,
    )  # fmt: skip
    verb_register(
        "hall.returned", gettext_lazy("退回窗口"), gettext_lazy("「{target}」（{matter}）退回窗口，理由：{opinion}"),
        derive=_labels,
    )  # fmt: skip
    verb_register(
        "hall.handed_off", gettext_lazy("报县级部门"), gettext_lazy("「{target}」（{matter}）于{sent_on}报{office}"),
        derive=_labels,
    )  # fmt: skip
    verb_register(
        "hall.handed_back", gettext_lazy("登记县级部门答复"),
        gettext_lazy("「{target}」（{matter}）{office}于{answered_on}答复：{decision}"), derive=_labels,
    )  # fmt: skip
    verb_register(
        "hall.issued", gettext_lazy("出件"), gettext_lazy("「{target}」（{matter}）出具{title}，{delivery}"),
        derive=_labels,
    )  # fmt: skip
    verb_register(
        "hall.document_revoked", gettext_lazy("撤销结果文书"),
        gettext_lazy("撤销「{target}」的{title}（验证码 {code}），理由：{reason}"),
    )  # fmt: skip
