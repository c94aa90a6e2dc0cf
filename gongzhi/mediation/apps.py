from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "gongzhi.mediation"
    label = "mediation"
    verbose_name = _("人民调解")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from django.utils.translation import gettext_lazy as _

        from gongzhi.audit.verbs import target_types_register, verb_register
        from gongzhi.core.home import home_section_register
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register
        from gongzhi.core.referrals import referral_target_register

        from . import home, workflow  # noqa: F401  (the case type)
        from .actions import REFERRAL_TARGET, confirmation_reminders_send, referral_receive

        # Audit rows name the case code and the shape of the change, never a party, the facts or the terms.
        for verb, label, sentence in (
            ("mediation.received", _("登记纠纷"), _("登记纠纷 {code}（来源：{source}，当事人{parties}人）")),
            ("mediation.party_added", _("添加纠纷当事人"), _("为纠纷 {code} 添加一位当事人")),
            ("mediation.accepted", _("受理纠纷"), _("人民调解委员会受理纠纷 {code}")),
            ("mediation.declined", _("不予受理纠纷"), _("纠纷 {code} 不予受理")),
            ("mediation.assigned", _("指派调解员"), _("为纠纷 {code} 指派调解员")),
            ("mediation.recused", _("调解员回避"), _("调解员回避纠纷 {code}")),
            ("mediation.session_recorded", _("记录调解"), _("记录纠纷 {code} 的一次调解")),
            ("mediation.agreed", _("达成调解协议"), _("纠纷 {code} 达成调解协议，生成协议书")),
            ("mediation.scan_uploaded", _("上传签字协议书"), _("上传纠纷 {code} 签字盖章的协议书扫描件")),
            ("mediation.failed", _("调解不成"), _("纠纷 {code} 调解不成，引导至{referral_to}")),
            ("mediation.withdrawn", _("撤回纠纷"), _("纠纷 {code} 撤回调解")),
            ("mediation.followed_up", _("调解回访"), _("回访纠纷 {code}：{outcome}")),
            ("mediation.reopened", _("重新调解"), _("纠纷 {code} 回访未履行，重新调解")),
            ("mediation.training_recorded", _("记录调解员培训"), _("记录调解员培训「{course}」{hours}学时")),
            ("mediation.screened", _("矛盾纠纷排查"), _("登记 {month} 的矛盾纠纷排查")),
            (
                "mediation.confirmation_reminded",
                _("提醒申请司法确认"),
                _("提醒纠纷 {code} 的当事人在 {due} 前申请司法确认"),
            ),
            ("mediation.file_read", _("查看调解文书"), _("查看纠纷 {code} 的{file}")),
        ):
            verb_register(verb, label, sentence, derive=_derive)
        target_types_register("mediation.dispute", "mediation.screening")
        nav_register(
            "mediation.cases",
            order=48,
            label=_("人民调解"),
            url_name="mediation:index",
            perm="mediation.cases",
        )
        nav_register("mediation.stats", order=49, label=_("调解统计"), url_name="mediation:stats", perm="mediation.stats",
                     visible=_stats_only)  # fmt: skip
        home_section_register("mediation.mine", order=37, template="mediation/home.html", build=home.section)
        periodic_job_register(
            "mediation.confirmation_reminders",
            confirmation_reminders_send,
            "提醒调解协议当事人在三十日内申请司法确认",
        )
        referral_target_register(REFERRAL_TARGET, label=_("人民调解委员会"), receive=referral_receive)


def _stats_only(user) -> bool:
    """Staff who do not mediate find the statistics in the menu; mediators reach them from their page."""
    return user.has_perm("mediation.stats") and not user.has_perm("mediation.cases")


def _derive(facts) -> dict[str, str]:
    from django.utils.translation import gettext as _

    from .models import ReferralTo, Source, VisitOutcome

    summary = facts.summary
    labels: dict[str, dict] = {
        "source": dict(Source.choices),
        "referral_to": dict(ReferralTo.choices),
        "outcome": dict(VisitOutcome.choices),
        "file": {"agreement": _("协议书"), "scan": _("签字协议书扫描件"), "referral": _("引导移交记录")},
    }
    return {key: str(choices.get(summary.get(key), summary.get(key, ""))) for key, choices in labels.items()}
