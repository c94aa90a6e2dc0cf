"""The participatory budget's audit verbs, registered from BudgetingConfig.ready. No proposer is named."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import target_types_register, verb_register

VERBS = {
    "budgeting.category_saved": (_("修改村公资金目录"), _("村公资金目录：「{name}」列入{listing}")),
    "budgeting.round_created": (
        _("建立村公资金项目征集"),
        _("建立「{target}」：征集时间{opens_on}至{closes_on}"),
    ),
    "budgeting.round_opened": (_("开始征集村公资金项目"), _("「{target}」开始征集项目")),
    "budgeting.round_closed": (_("截止征集村公资金项目"), _("「{target}」截止征集，共{projects}个项目")),
    "budgeting.project_proposed": (
        _("提出村公资金项目"),
        _("提出项目「{target}」：估算{cost}元（{category}）"),
    ),
    "budgeting.project_entered": (
        _("代居民登记村公资金项目"),
        _("代居民登记项目「{target}」：估算{cost}元（{category}），本人同意：{consent}"),
    ),
    "budgeting.project_screened": (_("审查村公资金项目"), _("审查项目「{target}」：{verdict}")),
    "budgeting.ranking_submitted": (_("议事会成员排序"), _("为「{target}」的{projects}个项目排序")),
    "budgeting.round_decided": (
        _("议定村公资金项目"),
        _("议定「{target}」：{projects}个项目中立项{funded}个，{rankings}名议事会成员排序"),
    ),
    "budgeting.project_finished": (_("登记村公资金项目完工"), _("项目「{target}」于{on}完工")),
    "budgeting.project_rated": (_("为村公资金项目评分"), _("为项目「{target}」评{stars}星")),
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence)
    target_types_register("budgeting.category", "budgeting.round", "budgeting.project")
