"""The oversight exports' audit verbs (registered from OversightConfig.ready): figures only, no person named."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import verb_register

VERBS = {
    "oversight.exported": (_("导出督导数据"), _("导出{target}{period}的督导数据（{rows} 个村(社区)）")),
    "oversight.report_printed": (_("打印年度台账"), _("打印{target}{period}的年度台账")),
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence)
