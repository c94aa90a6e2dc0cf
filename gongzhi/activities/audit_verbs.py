"""Activities' audit verbs, registered from ActivitiesConfig.ready (the kernel names no feature)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register


def _signup_created(facts: Facts) -> dict[str, str]:
    return {"assisted": _("，代居民报名") if facts.summary.get("assisted") else ""}


def _signup_attended(facts: Facts) -> dict[str, str]:
    hours = facts.summary.get("hours")
    return {"credit": _("，计志愿服务 %(h)s 小时") % {"h": hours} if hours else ""}


def _published(facts: Facts) -> dict[str, str]:
    places = facts.summary.get("places")
    return {"places_text": _("%(n)s 个名额") % {"n": places} if places not in (None, "") else _("不限名额")}


def audit_verbs_register() -> None:
    verb_register(
        "activity.published",
        gettext_lazy("发布活动"),
        gettext_lazy("发布{series}活动「{target}」：{places_text}，{starts_at} 开始"),
        derive=_published,
    )
    verb_register("activity.edited", gettext_lazy("修改活动"), gettext_lazy("修改活动「{target}」：{fields}"))
    verb_register(
        "activity.cancelled",
        gettext_lazy("取消活动"),
        gettext_lazy("取消活动「{target}」，一并取消 {signups_cancelled} 个报名；原因：{reason}"),
    )
    verb_register(
        "activity.reported",
        gettext_lazy("发布活动报道"),
        gettext_lazy("发布活动「{target}」的报道（{photos} 张照片）"),
    )
    verb_register(
        "activity.report_changed",
        gettext_lazy("修改活动报道"),
        gettext_lazy("修改活动「{target}」的报道（新增 {photos} 张照片）"),
    )
    verb_register(
        "signup.created",
        gettext_lazy("报名活动"),
        gettext_lazy("报名活动（{target}）{assisted}"),
        derive=_signup_created,
    )
    verb_register("signup.withdrawn", gettext_lazy("退出活动报名"), gettext_lazy("退出活动报名（{target}）"))
    verb_register(
        "signup.cancelled_with_activity",
        gettext_lazy("随活动取消报名"),
        gettext_lazy("活动取消，报名（{target}）随之取消"),
    )
    verb_register(
        "signup.attended",
        gettext_lazy("记录参加活动"),
        gettext_lazy("记录（{target}）参加了活动{credit}"),
        derive=_signup_attended,
    )
    target_types_register("activities.activity", "activities.signup")
