"""The polls' and evaluations' audit verbs, registered from PollsConfig.ready (the kernel names no feature).
A vote's own row is the ballot box's (`ballot.cast`: the voter and the box, never the answer)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.audit.verbs import target_types_register, verb_register

# verb: (label, sentence over the summary's keys)
VERBS = {
    "poll.opened": (
        _("发起咨询性投票"),
        _("发起咨询性投票「{target}」：{eligible} 人有投票资格（{boxes} 个投票箱），{closes_at} 截止"),
    ),
    "poll.closed": (_("结束咨询性投票"), _("结束咨询性投票「{target}」，公布结果")),
    "review.opened": (
        _("开展民主评议"),
        _("开展 {year} 年度民主评议「{target}」：评议 {members} 名村(居)委会成员，{eligible} 名评议人"),
    ),
    "review.closed": (
        _("结束民主评议"),
        _("结束民主评议「{target}」，公布结果；连续两次不称职 {flagged} 人"),
    ),
    "review.flagged": (
        _("连续两次评议不称职"),
        _("{community}{post}{name}在 {year} 年度民主评议中连续第二次被评议为不称职，已报告镇"),
    ),
    "satisfaction.opened": (
        _("开展群众评议"),
        _("开展 {year} 年度群众评议「{target}」：{eligible} 人有投票资格"),
    ),
    "satisfaction.closed": (_("结束群众评议"), _("结束群众评议「{target}」，公布满意率")),
}


def audit_verbs_register() -> None:
    for verb, (label, sentence) in VERBS.items():
        verb_register(verb, label, sentence)
    target_types_register("polls.round", "polls.reviewseat")
