"""The decisions half's audit verbs, menu entries and its own registrations, from SelfgovConfig.ready (the kernel
names no feature)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.sentences import Facts, value_text
from gongzhi.audit.verbs import target_types_register, verb_register
from gongzhi.core.quorum import RULES

STAGE_LABELS = {
    "proposal": _("党组织提议"),
    "consultation": _("两委会商议"),
    "review": _("党员大会审议"),
    "resolution": _("村(居)民会议或代表会议决议"),
}


def _stage(facts: Facts) -> dict[str, str]:
    out: dict[str, str] = {}
    if "stage" in facts.summary:
        out["stage"] = str(STAGE_LABELS.get(str(facts.summary["stage"]), value_text(facts.summary["stage"])))
    if "meeting" in facts.summary:
        rule = RULES.get(str(facts.summary["meeting"]))
        out["meeting"] = str(rule.label) if rule else value_text(facts.summary["meeting"])
    return out


VERBS = {
    "decision.started": (_("登记决策事项"), _("登记决策事项「{title}」（{stages} 个环节）")),
    "decision.stage_recorded": (
        _("记录四议两公开会议"),
        _(
            "{stage}：{meeting}于 {date} 通过「{target}」，到会 {present} 人，赞成 {in_favour}，反对 {against}，弃权 {abstaining}"
        ),
    ),
    "decision.not_adopted": (
        _("决策事项未通过"),
        _(
            "{stage}：{meeting}于 {date} 未通过「{target}」，到会 {present} 人，赞成 {in_favour}，反对 {against}，弃权 {abstaining}"
        ),
    ),
    "decision.stage_skipped": (_("按流程不经此环节"), _("「{target}」按权力清单流程不经“{stage}”")),
    "decision.disclosed": (_("决议公开"), _("公开「{target}」的决议（{date}，{characters} 字）")),
    "decision.accepted": (_("监委会验收"), _("监委会验收「{title}」的实施（{tasks} 项任务）")),
    "decision.result_published": (
        _("实施结果公开"),
        _("公开「{target}」的实施结果（{date}，{characters} 字）"),
    ),
    "decision.objected": (_("监委会提出监督意见"), _("对「{title}」的实施提出监督意见，{due} 前答复")),
    "decision.objection_answered": (_("答复监督意见"), _("答复「{title}」的监督意见")),
    "power_list.template_installed": (_("载入权力清单模板"), _("为{target}载入标准权力清单 {items} 项")),
    "power_list.adopted": (_("采用权力清单"), _("{target}采用乡镇权力清单 {items} 项")),
    "power_item.changed": (_("修改权力事项"), _("修改权力事项 {code}「{name}」")),
}

DERIVE = {
    "decision.stage_recorded": _stage,
    "decision.not_adopted": _stage,
    "decision.stage_skipped": _stage,
}


def register() -> None:
    from gongzhi.core.home import home_section_register
    from gongzhi.core.nav import nav_register

    from . import home_decisions, rules, workflow  # noqa: F401  (permissions; the decision lifecycle and the task case type)

    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence, derive=DERIVE.get(verb))
    target_types_register("selfgov.decision", "selfgov.poweritem")
    home_section_register(
        "selfgov.decisions",
        order=45,
        template="selfgov/decisions/home_work.html",
        build=home_decisions.work_section,
    )
    nav_register(
        "selfgov.decisions",
        order=73,
        label=_("四议两公开"),
        url_name="selfgov:decisions",
        perm="selfgov.view_decisions",
    )
    nav_register(
        "selfgov.power_list",
        order=73,
        label=_("小微权力清单"),
        url_name="selfgov:power_lists",
        perm="selfgov.view_power_list",
    )
