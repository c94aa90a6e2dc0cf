from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The register's audit verbs beyond the kernel's own (gongzhi.audit.verbs.VERBS).
AUDIT_VERBS = {
    "household.member_added": _("户内新增成员"),
    "household.head_changed": _("变更户主"),
    "household.moved_out": _("整户迁出"),
    "household.printed": _("打印户信息"),
    "resident.export_requested": _("申请导出居民信息（需审批）"),
    "resident.export_approved": _("批准导出居民信息"),
    "resident.export_refused": _("拒绝导出居民信息"),
    "resident.export_downloaded": _("下载经批准导出的居民信息"),
}


class ResidentsConfig(AppConfig):
    name = "gongzhi.residents"
    label = "residents"
    verbose_name = "居民"

    def ready(self) -> None:
        from gongzhi.audit.verbs import VERBS

        for verb, label in AUDIT_VERBS.items():
            VERBS.setdefault(verb, label)
