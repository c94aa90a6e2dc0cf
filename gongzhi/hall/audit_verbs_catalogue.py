"""The catalogue's audit verbs (事项目录), registered from HallConfig.ready."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import target_types_register, verb_register


def register() -> None:
    verb_register("hall.matter_created", _("新增事项"), _("新增事项「{target}」（编码 {code}）"))
    verb_register("hall.matter_updated", _("修改事项"), _("修改事项「{target}」：{changed}"))
    verb_register("hall.matter_deactivated", _("停用事项"), _("停用事项「{target}」"))
    verb_register("hall.matter_reactivated", _("启用事项"), _("重新启用事项「{target}」"))
    verb_register(
        "hall.catalogue_imported", _("导入事项目录"),
        _("导入{area}事项目录：新增 {created} 项，修改 {updated} 项，未变 {unchanged} 项"),
    )  # fmt: skip
    verb_register("hall.catalogue_exported", _("导出事项目录"), _("导出{area}事项目录 {rows} 项"))
    verb_register(
        "hall.starter_loaded", _("载入事项目录范本"), _("为{area}载入事项目录范本：新增 {created} 项")
    )
    target_types_register("hall.matter")
