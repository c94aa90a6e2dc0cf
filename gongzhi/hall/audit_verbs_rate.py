"""The audit verbs of the hall's ratings, follow-ups and unreasonable marks, registered from HallConfig.ready."""

from django.utils.translation import gettext_lazy

from gongzhi.audit.verbs import verb_register


def register() -> None:
    verb_register("hall.rated", gettext_lazy("好差评"), gettext_lazy("评价办件「{target}」：{label}"))
    verb_register(
        "hall.followup_visited", gettext_lazy("差评回访"), gettext_lazy("回访「{target}」：{finding}")
    )
    verb_register(
        "hall.followup_rectified", gettext_lazy("差评整改"), gettext_lazy("整改「{target}」：{remedy}")
    )
    verb_register(
        "hall.marked_unreasonable",
        gettext_lazy("标记不合理诉求"),
        gettext_lazy("将「{target}」标记为{kind}：{reason}（依据：{basis}）"),
    )
    verb_register(
        "hall.unreasonable_reviewed",
        gettext_lazy("复核不合理诉求标记"),
        gettext_lazy("监委会复核「{target}」的标记：{decision}，{note}"),
    )
