"""The oversight exports' audit verbs (registered from OversightConfig.ready): figures only, no person named."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import verb_register

VERBS = {
    "oversight.exported": (_("导出督导数据"), _("导出{target}{period}的督导数据（{rows} 个村(社区)）")),
    "oversight.report_printed": (_("打印年度台账"), _("打印{target}{period}的年度台账")),
    "oversight.form_uploaded": (
        _("上传县级报表模板"),
        _("上传县级报表模板《{title}》（{placeholders} 个占位符）"),
    ),
    "oversight.facts_typed": (
        _("手工填报报表数据"),
        _("为{target}{period}手工填报 {typed} 项、清除 {removed} 项"),
    ),
    "oversight.form_filled": (
        _("生成县级报表"),
        _("生成县级报表《{title}》{period}（{communities} 个村(社区)）"),
    ),
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence)
