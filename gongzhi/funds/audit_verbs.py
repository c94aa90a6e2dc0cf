"""The funds' audit verbs, registered from FundsConfig.ready. Amounts are yuan; no resident is named."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import target_types_register, verb_register

VERBS = {
    "funds.policy_set": (
        _("修改经费规则"),
        _("{area}的经费规则：计划超过{decision_above}元须经四议两公开，一季度超过{monthly_above}笔按月公开"),
    ),
    "funds.fund_created": (_("建立经费账"), _("建立「{target}」")),
    "funds.income_recorded": (_("登记经费收入"), _("「{target}」收入{amount}元（{source}，{date}）")),
    "funds.plan_created": (_("制定支出计划"), _("制定支出计划「{target}」：{amount}元{basis}")),
    "funds.plan_closed": (_("结束支出计划"), _("结束支出计划「{target}」")),
    "funds.expenditure_recorded": (_("登记支出"), _("登记支出「{target}」：{amount}元，凭证{vouchers}张")),
    "funds.expenditure_approved": (_("审批支出"), _("审批支出「{target}」（第{nth}人）")),
    "funds.expenditure_reviewed": (_("民主理财审核支出"), _("民主理财审核支出「{target}」：{verdict}")),
    "funds.expenditure_answered": (_("答复民主理财疑问"), _("答复支出「{target}」的疑问")),
    "funds.board_generated": (
        _("生成财务公开"),
        _("生成「{target}」：期初{opening}元，收入{income}元，支出{spending}元，期末{closing}元"),
    ),
    "funds.board_reviewed": (_("民主理财审核财务公开"), _("审核「{target}」")),
    "funds.board_published": (_("公开财务"), _("在公开栏公开「{target}」")),
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence)
    target_types_register("funds.fund", "funds.plan", "funds.expenditure", "funds.board")
