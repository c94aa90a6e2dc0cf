"""The power list over the API: the township's template and each community's copy, with the pages' rules."""

from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.areas.models import AreaKind
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.authz import can
from gongzhi.core.errors import NotPermitted
from gongzhi.core.ids import ApiId

from ..actions import decisions as actions
from ..models import PowerItem
from ..selectors import decisions as selectors

router = Router(tags=["小微权力清单 power list"])


def _gate(request, perm: str, obj=None) -> None:
    if not can(request.auth, perm, obj):
        raise NotPermitted()


# --- The power list ----------------------------------------------------------------------------------


class PowerItemOut(Schema):
    id: int
    code: str
    name: str
    matter_type: str
    mandatory: bool
    basis: str
    decider: str
    stages: list[str]
    resolution_body: str
    procedure: str
    publish: str
    flow: list[dict]
    active: bool
    template_id: int | None


def _item(i: PowerItem) -> dict:
    return {
        "id": i.pk,
        "code": i.code,
        "name": i.name,
        "matter_type": i.matter_type,
        "mandatory": i.mandatory,
        "basis": i.basis,
        "decider": i.decider,
        "stages": list(i.stages),
        "resolution_body": i.resolution_body,
        "procedure": i.procedure,
        "publish": i.publish,
        "flow": list(i.flow or ()),
        "active": i.active,
        "template_id": i.template_id,
    }


@router.get(
    "/selfgov/power-list/{area_id}",
    response=list[PowerItemOut],
    summary=gettext_noop("小微权力清单：乡镇模板或村(社区)的清单"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def power_list(request, area_id: ApiId):
    _gate(request, "selfgov.view_power_list")
    area = selectors.power_area_get_for(viewer=request.auth, area_id=area_id)
    return [_item(i) for i in selectors.power_items_of(area)]


class PowerItemIn(Schema):
    name: str
    basis: str
    decider: str
    stages: list[str]
    procedure: str
    publish: str
    resolution_body: str = "either"
    active: bool = True
    flow: list[dict] | None = None  # the 办理步骤 ({kind, label, body, days}); left out: unchanged


@router.post(
    "/selfgov/power-list/items/{item_id}",
    response=PowerItemOut,
    summary=gettext_noop("修改权力事项（乡镇模板：镇社治办；村(社区)清单：村社区干部）"),
)
def power_item_update(request, item_id: ApiId, payload: PowerItemIn):
    _gate(request, "selfgov.view_power_list")
    item = selectors.power_item_get_for(viewer=request.auth, item_id=item_id)
    township = item.area.kind == AreaKind.TOWNSHIP
    _gate(request, "selfgov.keep_power_template" if township else "selfgov.keep_power_list", item)
    return _item(
        actions.power_item_update(
            actor=request.auth,
            item=item,
            data=actions.PowerItemInput(
                name=payload.name,
                basis=payload.basis,
                decider=payload.decider,
                stages=tuple(payload.stages),
                procedure=payload.procedure,
                publish=payload.publish,
                resolution_body=payload.resolution_body,
                active=payload.active,
                flow=payload.flow,
            ),
        )
    )


class FilledOut(Schema):
    created: int


@router.post(
    "/selfgov/power-list/{area_id}/install",
    response=FilledOut,
    summary=gettext_noop("为乡镇载入标准权力清单模板（镇社治办）"),
)
def power_template_install(request, area_id: ApiId):
    _gate(request, "selfgov.keep_power_template")
    area = selectors.power_area_get_for(viewer=request.auth, area_id=area_id)
    _gate(request, "selfgov.keep_power_template", area)
    return {"created": actions.power_template_install(actor=request.auth, township=area)}


@router.post(
    "/selfgov/power-list/{area_id}/adopt",
    response=FilledOut,
    summary=gettext_noop("村(社区)采用乡镇的权力清单模板（村社区干部）"),
)
def power_list_adopt(request, area_id: ApiId):
    _gate(request, "selfgov.keep_power_list")
    area = selectors.power_area_get_for(viewer=request.auth, area_id=area_id)
    _gate(request, "selfgov.keep_power_list", area)
    return {"created": actions.power_list_adopt(actor=request.auth, community=area)}
