from django.apps import AppConfig


class WishesConfig(AppConfig):
    name = "gongzhi.wishes"
    label = "wishes"
    verbose_name = "心愿墙"

    def ready(self) -> None:
        from gongzhi.core.periodic import periodic_job_register

        from .actions import wish_claims_check

        periodic_job_register("wish_claims", wish_claims_check, "认领即将到期提醒，超期退回心愿墙")
