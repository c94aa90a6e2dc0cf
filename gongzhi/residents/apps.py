from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The register's audit verbs beyond the kernel's own: (label, sentence over the summary's keys).
AUDIT_VERBS = {
    "household.member_added": (_("户内新增成员"), _("将「{resident}」加入{target}，与户主关系：{relation}")),
    "household.head_changed": (
        _("变更户主"),
        _("{target}的户主改为「{new_head}」，原户主「{former_head}」改为{former_head_relation}"),
    ),
    "household.moved_out": (_("整户迁出"), _("{target}整户迁出（{happened_on}）：{members} 人")),
    "household.printed": (
        _("打印户信息"),
        _("打印{target}（{members} 人，证件号已脱敏），文件指纹 {sha256}"),
    ),
    "resident.export_requested": (
        _("申请导出居民信息（需审批）"),
        _("申请导出{area}的居民 {rows} 行（含完整证件号和手机号：{full}），用途：{reason}"),
    ),
    "resident.export_approved": (
        _("批准导出居民信息"),
        _("批准「{requested_by}」的{target}（{rows} 行，含完整证件号和手机号：{full}）"),
    ),
    "resident.export_refused": (_("拒绝导出居民信息"), _("不批准「{requested_by}」的{target}，理由：{note}")),
    "resident.export_downloaded": (
        _("下载经批准导出的居民信息"),
        _(
            "下载经「{approved_by}」批准的{target}：{rows} 行（含完整证件号和手机号：{full}），文件指纹 {sha256}"
        ),
    ),
}


class ResidentsConfig(AppConfig):
    name = "gongzhi.residents"
    label = "residents"
    verbose_name = _("居民")

    def ready(self) -> None:
        from gongzhi.audit.verbs import verb_register
        from gongzhi.core.nav import nav_register

        from . import indicators as register_indicators

        register_indicators.register()  # the register's figures (core.indicators)
        for verb, (label, sentence) in AUDIT_VERBS.items():
            verb_register(verb, label, sentence)
        nav_register(
            "residents.list",
            order=50,
            label=_("居民登记"),
            url_name="residents:list",
            perm="residents.view_resident",
        )
