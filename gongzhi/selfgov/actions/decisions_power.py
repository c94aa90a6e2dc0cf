"""The village power list (小微权力清单): the township's template from the shipped standard, each community's copy,
editing an item (a matter type that must go through all six stages keeps all six)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.text import text_clean

from ..models import (
    MANDATORY_TYPES,
    MEETING_STAGES,
    STAGES,
    MatterType,
    PowerItem,
    ResolutionBody,
    Stage,
)
from ..power_flows import flow_clean, standard_flow
from ..power_standard import STANDARD

# --- The power list ----------------------------------------------------------------------------


def _stages_clean(stages: Iterable[str], matter_type: str) -> list[str]:
    chosen = set(stages)
    unknown = chosen - set(STAGES)
    if unknown:
        raise DomainError(_("未知的决策环节。"), field="stages")
    ordered = [stage for stage in STAGES if stage in chosen]
    if matter_type in MANDATORY_TYPES and ordered != list(STAGES):
        raise DomainError(
            _("“%(type)s”类事项必须完整经过四议两公开的六个环节，不能去掉任何一个。")
            % {"type": MatterType(matter_type).label},
            field="stages",
        )
    if ordered and not {Stage.DISCLOSURE, Stage.RESULT} <= chosen:
        raise DomainError(_("经决策的事项必须公开决议和实施结果（两公开）。"), field="stages")
    if ordered and not chosen & set(MEETING_STAGES):
        raise DomainError(_("请至少选择一个由会议决定的环节。"), field="stages")
    return ordered


@transaction.atomic
def power_template_install(*, actor: User, township: Area) -> int:
    """Install the shipped standard as the township's template (the items it does not have yet, by code)."""
    authorize(actor, "selfgov.keep_power_template", township)
    if township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("权力清单模板由乡镇维护。"))
    Area.objects.select_for_update().filter(pk=township.pk).first()
    have = set(PowerItem.objects.filter(area=township).values_list("code", flat=True))
    created = [
        PowerItem(
            area=township,
            area_path=township.path,
            code=item.code,
            name=item.name,
            matter_type=item.matter_type,
            basis=item.basis,
            decider=item.decider,
            stages=list(item.stages),
            resolution_body=item.resolution_body,
            procedure=item.procedure,
            publish=item.publish,
            flow=standard_flow(item.code),
            changed_by=actor,
        )
        for item in STANDARD
        if item.code not in have
    ]
    PowerItem.objects.bulk_create(created)
    audit_event_record(
        actor=actor,
        verb="power_list.template_installed",
        target=township,
        area=township,
        summary={"items": len(created)},
    )
    return len(created)


@transaction.atomic
def power_list_adopt(*, actor: User, community: Area) -> int:
    """A community adopts its township's template: a copy of every active item it does not have yet."""
    authorize(actor, "selfgov.keep_power_list", community)
    if community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("只有村(社区)采用权力清单。"))
    Area.objects.select_for_update().filter(pk=community.pk).first()
    township = community.parent
    template = PowerItem.objects.filter(area=township, active=True) if township else PowerItem.objects.none()
    if not template.exists():
        raise DomainError(_("乡镇还没有权力清单模板，请联系镇社治办。"))
    have = set(PowerItem.objects.filter(area=community).values_list("code", flat=True))
    created = [
        PowerItem(
            area=community,
            area_path=community.path,
            template=item,
            code=item.code,
            name=item.name,
            matter_type=item.matter_type,
            basis=item.basis,
            decider=item.decider,
            stages=list(item.stages),
            resolution_body=item.resolution_body,
            procedure=item.procedure,
            publish=item.publish,
            flow=list(item.flow or ()),
            changed_by=actor,
        )
        for item in template
        if item.code not in have
    ]
    PowerItem.objects.bulk_create(created)
    audit_event_record(
        actor=actor,
        verb="power_list.adopted",
        target=community,
        area=community,
        summary={"items": len(created)},
    )
    return len(created)


@dataclass(frozen=True)
class PowerItemInput:
    name: str
    basis: str
    decider: str
    stages: tuple[str, ...]
    procedure: str
    publish: str
    resolution_body: str = ResolutionBody.EITHER
    active: bool = True
    flow: list[dict] | None = None  # the 办理步骤 (None: unchanged)


@transaction.atomic
def power_item_update(*, actor: User, item: PowerItem, data: PowerItemInput) -> PowerItem:
    """Edit an item: the township's template by its 社治办, a community's copy by its staff."""
    township_item = item.area.kind == AreaKind.TOWNSHIP
    authorize(actor, "selfgov.keep_power_template" if township_item else "selfgov.keep_power_list", item)
    item = PowerItem.objects.select_for_update(of=("self",)).select_related("area").get(pk=item.pk)
    changes = {
        "name": text_clean(data.name, label=_("权力事项"), field="name", minimum=2, maximum=60),
        "basis": text_clean(data.basis, label=_("依据"), field="basis", minimum=2, maximum=300),
        "decider": text_clean(data.decider, label=_("决策主体"), field="decider", minimum=2, maximum=100),
        "procedure": text_clean(
            data.procedure, label=_("办理流程"), field="procedure", minimum=2, maximum=500
        ),
        "publish": text_clean(data.publish, label=_("公开内容"), field="publish", minimum=2, maximum=300),
        "stages": _stages_clean(data.stages, item.matter_type),
        "active": bool(data.active),
    }
    if data.flow is not None:
        changes["flow"] = flow_clean(list(data.flow))
    if data.resolution_body not in ResolutionBody.values:
        raise DomainError(_("未知的决议会议。"), field="resolution_body")
    if item.matter_type == MatterType.CHARTER and data.resolution_body != ResolutionBody.ASSEMBLY:
        raise DomainError(
            _("自治章程和村规民约须由村(居)民会议决议（村民委员会组织法第二十七条）。"),
            field="resolution_body",
        )
    changes["resolution_body"] = data.resolution_body
    changed = {k: v for k, v in changes.items() if getattr(item, k) != v}
    if not changed:
        return item
    for name, value in changed.items():
        setattr(item, name, value)
    item.changed_by = actor
    item.save(update_fields=[*changed, "changed_by", "changed_at"])
    audit_event_record(
        actor=actor,
        verb="power_item.changed",
        target=item,
        area=item.area,
        summary={"code": item.code, "name": item.name, "fields": sorted(changed)},
    )
    return item
