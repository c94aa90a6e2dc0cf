"""Micro-services' audit verbs, registered from OffersConfig.ready (the kernel names no feature)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts
from gongzhi.audit.verbs import target_types_register, verb_register


def _booking_created(facts: Facts) -> dict[str, str]:
    return {"assisted": _("，代居民预约") if facts.summary.get("assisted") else ""}


def audit_verbs_register() -> None:
    verb_register(
        "offer.published",
        gettext_lazy("发布微服务"),
        gettext_lazy("发布微服务「{target}」：{places} 个名额，{starts_at} 开始"),
    )
    verb_register(
        "offer.cancelled",
        gettext_lazy("取消微服务"),
        gettext_lazy("取消微服务「{target}」，一并取消 {bookings_cancelled} 个预约；原因：{reason}"),
    )
    verb_register(
        "offer.completed",
        gettext_lazy("微服务完成"),
        gettext_lazy("微服务「{target}」完成：服务 {served} 人，计 {hours} 小时"),
    )
    verb_register(
        "booking.created",
        gettext_lazy("预约微服务"),
        gettext_lazy("预约微服务（{target}）{assisted}"),
        derive=_booking_created,
    )
    verb_register("booking.cancelled", gettext_lazy("取消预约"), gettext_lazy("取消预约（{target}）"))
    verb_register(
        "booking.cancelled_with_offer",
        gettext_lazy("随服务取消预约"),
        gettext_lazy("微服务取消，预约（{target}）随之取消"),
    )
    verb_register("booking.served", gettext_lazy("确认已服务"), gettext_lazy("确认已服务（{target}）"))
    target_types_register("offers.serviceoffer", "offers.booking")
