"""The wish wall's audit verbs, registered from WishesConfig.ready (the kernel names no feature)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.audit.sentences import Facts, value_text
from gongzhi.audit.verbs import verb_register


def _settings_changed(facts: Facts) -> dict[str, str]:
    days = facts.summary.get("claim_days")
    if not (isinstance(days, list) and len(days) == 2):
        return {}
    before, after = days
    return {"claim_days": _("%(before)s 天 → %(after)s 天") % {"before": value_text(before), "after": after}}


def audit_verbs_register() -> None:
    verb_register(
        "wish.settings_changed",
        gettext_lazy("修改心愿墙设置"),
        gettext_lazy("修改{area}心愿认领期限：{claim_days}"),
        derive=_settings_changed,
    )
    verb_register(
        "wish.contact_changed",
        gettext_lazy("修改心愿联系方式"),
        gettext_lazy("修改「{target}」给认领人看的联系方式：同意查看 {shared}，电话 {phone}，地点 {place}"),
    )
    verb_register(
        "wish.claim_reminded",
        gettext_lazy("提醒认领人即将到期"),
        gettext_lazy("提醒认领人：「{target}」的认领期限 {claim_due_at} 将到"),
    )
