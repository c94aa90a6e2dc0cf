"""The audit verbs of the hall's Open311 part, registered from HallConfig.ready."""

from django.utils.translation import gettext_lazy

from gongzhi.audit.verbs import verb_register


def register() -> None:
    verb_register(
        "open311.key_issued", gettext_lazy("签发Open311密钥"),
        gettext_lazy("为外部系统「{name}」签发 Open311 接口密钥（{prefix}…）"),
    )  # fmt: skip
    verb_register(
        "open311.key_revoked", gettext_lazy("吊销Open311密钥"),
        gettext_lazy("吊销外部系统「{name}」的 Open311 接口密钥（{prefix}…）"),
    )  # fmt: skip
    verb_register(
        "open311.request_received", gettext_lazy("收到Open311申请"),
        gettext_lazy("外部系统「{system}」经 Open311 提交办件「{target}」（事项 {matter}）"),
    )  # fmt: skip
