"""The audit verbs of the power list's flow on applications (actions/flow.py), registered from HallConfig.ready."""

from django.utils.translation import gettext_lazy

from gongzhi.audit.verbs import verb_register


def register() -> None:
    verb_register(
        "hall.step_fulfilled", gettext_lazy("办理权力清单步骤"),
        gettext_lazy("「{target}」（{matter}）按小微权力清单{code}完成第{step}步“{label}”"),
    )  # fmt: skip
    verb_register(
        "hall.step_objection_received", gettext_lazy("登记公示异议"),
        gettext_lazy("「{target}」（{matter}）第{step}步“{label}”公示期间收到异议"),
    )  # fmt: skip
    verb_register(
        "hall.step_objection_answered", gettext_lazy("答复公示异议"),
        gettext_lazy("「{target}」（{matter}）第{step}步“{label}”的异议已答复"),
    )  # fmt: skip
    verb_register(
        "hall.matter_power_bound", gettext_lazy("事项对应小微权力清单"),
        gettext_lazy("事项「{target}」对应的小微权力清单事项由“{from}”改为“{to}”"),
    )  # fmt: skip
