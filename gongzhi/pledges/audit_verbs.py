"""The pledges' audit verbs, registered from PledgesConfig.ready (the kernel names no feature). A row names the
pledge by its number and year; the pledge's text is in its versions, not repeated in the trail."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.audit.verbs import target_types_register, verb_register

VERBS = {
    "pledges.written": (
        gettext_lazy("党员写承诺"),
        gettext_lazy("写下{year}年的承诺（{post}），交党组织审核{assisted}"),
    ),
    "pledges.revised": (
        gettext_lazy("党员修改承诺"),
        gettext_lazy("把{year}年的承诺改为第 {version} 稿（{post}），交党组织审核{assisted}"),
    ),
    "pledges.approved": (
        gettext_lazy("党组织审核承诺"),
        gettext_lazy("审核通过{year}年承诺的第 {version} 稿，公开亮承诺"),
    ),
    "pledges.returned": (gettext_lazy("党组织退回承诺"), gettext_lazy("退回{year}年的承诺：{reason}")),
    "pledges.closed": (gettext_lazy("年度践诺总结"), gettext_lazy("总结{year}年的践诺情况，本年度承诺结束")),
    "pledges.privacy_set": (
        gettext_lazy("设置亮身份的公开方式"),
        gettext_lazy("设置公开方式：{shown}{paper}"),
    ),
    "pledges.post_added": (gettext_lazy("新增党员先锋岗"), gettext_lazy("新增党员先锋岗“{name}”")),
    "pledges.post_retired": (gettext_lazy("停用党员先锋岗"), gettext_lazy("停用党员先锋岗“{name}”")),
    "pledges.post_restored": (gettext_lazy("启用党员先锋岗"), gettext_lazy("重新启用党员先锋岗“{name}”")),
}

CHANNELS = {
    "in_person": gettext_lazy("当面"),
    "phone": gettext_lazy("电话"),
    "paper": gettext_lazy("签字的纸质材料"),
}


def _assisted(facts) -> dict[str, str]:
    channel = facts.summary.get("consent_channel") or ""
    if not facts.summary.get("assisted"):
        return {"assisted": ""}
    return {
        "assisted": _("（工作人员代写，本人同意方式：%(channel)s）")
        % {"channel": CHANNELS.get(channel, channel)}
    }


def _privacy(facts) -> dict[str, str]:
    summary = facts.summary
    if not summary.get("public"):
        shown = _("不在公开页面上显示")
    else:
        name = _("全名") if summary.get("name_display") == "full" else _("姓+某某")
        deeds = _("显示做了什么") if summary.get("deeds_shown") else _("不显示做了什么")
        shown = _("在公开页面上显示，署名%(name)s，%(deeds)s") % {"name": name, "deeds": deeds}
    return {"shown": shown, "paper": _("（依据本人签字的同意书）") if summary.get("paper_consent") else ""}


DERIVE = {"pledges.written": _assisted, "pledges.revised": _assisted, "pledges.privacy_set": _privacy}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register("pledges.pledge", "pledges.vanguardpost")
