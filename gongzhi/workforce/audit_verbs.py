"""The workforce's audit verbs, registered from WorkforceConfig.ready. A person in a post is masked (王**); never a
phone or an address."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register

VERBS = {
    "workforce.post_type_added": (
        _("新增队伍岗位"),
        _("岗位目录新增「{target}」（{level}，{duty}{counts}{kept}）"),
    ),
    "workforce.post_type_changed": (
        _("修改队伍岗位"),
        _("修改岗位「{target}」（{level}，{duty}{counts}{kept}{inactive}）"),
    ),
    "workforce.appointed": (
        _("登记任职"),
        _("{who}任{place}{post}，任期自{from}起{until}{contract}"),
    ),
    "workforce.vacated": (_("登记离岗"), _("{who}于{on}离开「{target}」岗位：{reason}")),
    "workforce.trained": (_("登记培训"), _("{who}（{target}）{on}参加培训「{title}」{hours}学时")),
    "workforce.target_set": (
        _("设置队伍配备目标"),
        _("{area}：专兼职工作者不少于{workers}人；每个区域须配备：{covered}"),
    ),
    "workforce.default_target_set": (
        _("设置默认配备目标"),
        _("{kind}默认配备目标：专兼职工作者不少于{workers}人；每个区域须配备：{covered}"),
    ),
    "workforce.contract_added": (
        _("登记购买服务合同"),
        _("登记购买服务合同「{target}」：{organisation}，{amount}元，{from}至{until}"),
    ),
    "workforce.contract_changed": (
        _("修改购买服务合同"),
        _("修改购买服务合同「{target}」：{organisation}，{amount}元，{from}至{until}"),
    ),
    "workforce.exported": (_("导出队伍配备情况"), _("导出队伍配备情况表（{rows} 个村(社区)）")),
}


def _yes(value) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def _post_type(facts: Facts) -> dict[str, str]:
    kept = str(facts.summary.get("kept_in", "-"))
    return {
        "counts": str(_("，计入专兼职工作者")) if _yes(facts.summary.get("counts")) else "",
        "inactive": "" if _yes(facts.summary.get("active", True)) else str(_("，已停用")),
        "kept": str(_("，在「{roster}」登记")).format(roster=kept) if kept not in ("", "-") else "",
    }


def _appointed(facts: Facts) -> dict[str, str]:
    until = str(facts.summary.get("until", "-"))
    contract = str(facts.summary.get("contract", "-"))
    return {
        "until": str(_("至{day}")).format(day=until) if until not in ("", "-") else "",
        "contract": str(_("（购买服务合同{n}）")).format(n=contract) if contract not in ("", "-") else "",
    }


DERIVE = {
    "workforce.post_type_added": _post_type,
    "workforce.post_type_changed": _post_type,
    "workforce.appointed": _appointed,
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register(
        "workforce.posttype", "workforce.appointment", "workforce.training", "workforce.target",
        "workforce.servicecontract", "workforce.defaulttarget",
    )  # fmt: skip
