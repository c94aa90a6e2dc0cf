"""The audit verbs of residents' proposals, registered from SelfgovConfig.ready (the kernel names no feature)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register

from .proposal_thresholds import BASE_LABELS


def _route(facts: Facts) -> dict[str, str]:
    base = facts.summary.get("route")
    return {"route": str(BASE_LABELS.get(base, base or ""))} if isinstance(base, str) else {}


def _capacity(facts: Facts) -> dict[str, str]:
    labels = {"resident": _("居民"), "staff": _("工作人员"), "organisation": _("社会组织")}
    capacity = facts.summary.get("capacity")
    return {"capacity": str(labels.get(capacity, capacity or ""))} if isinstance(capacity, str) else {}


def register() -> None:
    target_types_register("selfgov.proposal")
    verb_register("proposal.created", gettext_lazy("起草提案"), gettext_lazy("起草{area}的提案「{target}」"))
    verb_register(
        "proposal.opened", gettext_lazy("公开征集联名"), gettext_lazy("公开提案「{target}」，开始征集联名")
    )
    verb_register(
        "proposal.signed",
        gettext_lazy("联名提案"),
        gettext_lazy("为提案「{target}」联名（现有 {signatures} 人联名）"),
    )
    verb_register(
        "proposal.signed_assisted",
        gettext_lazy("代居民联名"),
        gettext_lazy("代居民为提案「{target}」联名，居民已{channel}同意（现有 {signatures} 人联名）"),
    )
    verb_register(
        "proposal.unsigned",
        gettext_lazy("撤回联名"),
        gettext_lazy("撤回对提案「{target}」的联名（现有 {signatures} 人联名）"),
    )
    verb_register(
        "proposal.threshold_reached",
        gettext_lazy("联名达到法定人数"),
        gettext_lazy("提案「{target}」联名达到法定人数：{route} {signed}，须 {needed}（共 {base}）"),
        derive=_route,
    )
    verb_register(
        "proposal.submitted",
        gettext_lazy("提交提案"),
        gettext_lazy("把提案「{target}」提交党组织（{signatures} 人联名）"),
    )
    verb_register("proposal.withdrawn", gettext_lazy("撤回提案"), gettext_lazy("撤回提案「{target}」"))
    verb_register(
        "proposal.accepted",
        gettext_lazy("提案纳入四议两公开"),
        gettext_lazy("党组织答复提案「{target}」：纳入“四议两公开”程序"),
    )
    verb_register(
        "proposal.answered", gettext_lazy("答复提案"), gettext_lazy("党组织答复提案「{target}」并说明理由")
    )
    verb_register("proposal.closed", gettext_lazy("提案办结"), gettext_lazy("提案「{target}」办结"))
    verb_register(
        "proposal.meeting_linked",
        gettext_lazy("登记提案召集的会议"),
        gettext_lazy("登记提案「{target}」召集的会议（{held_on}）"),
    )
    verb_register(
        "proposal.posted",
        gettext_lazy("议事厅留言"),
        gettext_lazy("以{capacity}身份在提案「{target}」的议事厅留言"),
        derive=_capacity,
    )
    verb_register(
        "proposal.setting_changed",
        gettext_lazy("设置提案召集会议期限"),
        gettext_lazy("{target}：联名达到法定人数后应在 {meeting_due_days} 天内召集会议（原为 {before} 天）"),
    )
    verb_register(
        "proposal.post_hidden",
        gettext_lazy("隐藏议事厅留言"),
        gettext_lazy("隐藏提案「{target}」议事厅的一条留言，理由：{reason}"),
    )
