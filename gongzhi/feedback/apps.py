from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "gongzhi.feedback"
    label = "feedback"
    verbose_name = _("意见建议")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import footer_register, nav_register

        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        nav_register(
            "feedback.inbox",
            order=97,
            label=_("平台意见建议"),
            url_name="feedback:inbox",
            perm="feedback.answer",
        )
        footer_register("feedback.new", order=10, label=_("对本平台的意见建议"), url_name="feedback:new")
