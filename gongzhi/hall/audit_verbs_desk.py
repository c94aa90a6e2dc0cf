"""The front desk's audit verbs (applying, 受理, 一次性告知, 容缺), registered from HallConfig.ready."""

from django.utils.translation import gettext_lazy

from gongzhi.audit.verbs import verb_register


def register() -> None:
    verb_register("hall.applied", gettext_lazy("提交办件申请"), gettext_lazy("提交办件申请「{target}」"))
    verb_register(
        "hall.accepted", gettext_lazy("受理办件"), gettext_lazy("受理办件「{target}」，受理编号 {number}")
    )
    verb_register(
        "hall.notified",
        gettext_lazy("一次性告知"),
        gettext_lazy("对办件「{target}」发出第{round}次一次性告知"),
    )
    verb_register("hall.supplied", gettext_lazy("补正材料"), gettext_lazy("为办件「{target}」补正材料"))
    verb_register(
        "hall.promise_kept", gettext_lazy("补交容缺材料"), gettext_lazy("为办件「{target}」补交容缺材料")
    )
    # Reads of personal files by staff (the applicant's own downloads are not recorded).
    verb_register(
        "hall.file_read",
        gettext_lazy("查看申请材料"),
        gettext_lazy("查看办件「{target}」的申请材料「{name}」"),
    )
    verb_register(
        "hall.document_read",
        gettext_lazy("查看结果文书"),
        gettext_lazy("查看办件「{target}」的结果文书「{title}」"),
    )
