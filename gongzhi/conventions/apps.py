from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "gongzhi.conventions"
    label = "conventions"
    verbose_name = "村规民约"

    def ready(self) -> None:
        from gongzhi.core.periodic import periodic_job_register

        from .actions import conventions_deadline_reminders

        periodic_job_register(
            "convention_deadlines", conventions_deadline_reminders, "村规民约修订期限前7天、1天提醒未备案的村(社区)"
        )
