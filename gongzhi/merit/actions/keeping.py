"""A community's 公示 period, and the township's categories."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean

from ..models import (
    MeritCategory,
    MeritSetting,
)
from .common import (
    PUBLICITY_DAYS_MAX,
    _community,
)


@transaction.atomic
def merit_setting_change(*, actor: User, community: Area, publicity_days: int) -> MeritSetting:
    authorize(actor, "merit.keep", community)
    community = _community(community)
    if (
        isinstance(publicity_days, bool)
        or not isinstance(publicity_days, int)
        or not (1 <= publicity_days <= PUBLICITY_DAYS_MAX)
    ):
        raise DomainError(
            _("公示天数应为 1 到 %(n)d 之间的整数（日历日）。") % {"n": PUBLICITY_DAYS_MAX},
            field="publicity_days",
        )
    setting = MeritSetting.objects.select_for_update().filter(community=community).first()
    before = setting.publicity_days if setting else None
    if setting is None:
        setting = MeritSetting.objects.create(
            community=community, publicity_days=publicity_days, changed_by=actor
        )
    else:
        setting.publicity_days, setting.changed_by = publicity_days, actor
        setting.save(update_fields=["publicity_days", "changed_by", "changed_at"])
    audit_event_record(actor=actor, verb="merit.setting_changed", target=community, area=community,
                       summary={"publicity_days": publicity_days, "before": before})  # fmt: skip
    return setting


@transaction.atomic
def category_add(*, actor: User, name: str, description: str = "") -> MeritCategory:
    authorize(actor, "merit.categories")
    name = text_clean(name, label=_("类别名称"), field="name", minimum=2, maximum=20)
    description = text_clean(description, label=_("说明"), field="description", minimum=0, maximum=200)
    if MeritCategory.objects.filter(name=name).exists():
        raise Conflict(_("已经有“%(name)s”这个类别了。") % {"name": name}, code="category_exists")
    order = (MeritCategory.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 10
    category = MeritCategory.objects.create(name=name, description=description, order=order, created_by=actor)
    audit_event_record(actor=actor, verb="merit.category_added", target=category, summary={"name": name})
    return category


@transaction.atomic
def category_active_set(*, actor: User, category: MeritCategory, active: bool) -> MeritCategory:
    """Retire a category (no new nominations in it; the entries stay on the board) or use it again."""
    authorize(actor, "merit.categories")
    category = MeritCategory.objects.select_for_update().get(pk=category.pk)
    if category.active == active:
        return category
    category.active = active
    category.save(update_fields=["active"])
    verb = "merit.category_restored" if active else "merit.category_retired"
    audit_event_record(actor=actor, verb=verb, target=category, summary={"name": category.name})
    return category
