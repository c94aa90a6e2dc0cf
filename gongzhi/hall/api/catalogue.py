"""The catalogue of matters (事项目录) over the API, read-only: what the public guide (办事指南, /hall/guide/)
shows, through the guide's own selectors — so a client knows a matter's conditions, time limit, fee and
materials, and the material ids to upload against when applying (`file_materials`).

Like the other reads of the API, these need a token (any token: the guide holds nothing personal or
staff-only, as the wall and the offers list); they show exactly what the guide shows, of active matters only.

`GET /api/v1/hall/matters` lists a township's matters one applies for (`township_id`, or `community_id`: the
township whose catalogue the village or community applies from); without either, those of the token user's
own townships (the 办事 page's list: a resident's township, a window's catalogue).
`GET /api/v1/hall/matters/{matter_id}` is one matter's guide with its materials.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema

from gongzhi.core.api_input import Limit, Offset
from gongzhi.core.errors import NotFound
from gongzhi.core.ids import ApiId

from ..models import MaterialSource, Matter
from ..selectors import catalogue as selectors
from ..selectors.desk import matters_to_apply_for

router = Router(tags=["便民服务 applications"])


class MatterOut(Schema):
    id: int  # what applying names (matter_id)
    code: str
    name: str
    main_item: str  # the main item (主项) a sub-item belongs to; "" for a main item applied for itself
    township_id: int
    township_name: str
    department: str  # the deciding department; "" when the village settles it itself
    mode: str  # village_direct | village_to_township | village_to_window
    mode_label: str
    limit: str  # the promised time limit: "15个工作日", "公示7个自然日，审核15个工作日"; "" when none
    fee: str  # "不收费" when free
    online: bool  # may be applied for online (POST /api/v1/hall/applications)
    proxy: bool  # the village may do it for the resident (代办)


class MatterPage(Schema):
    count: int
    items: list[MatterOut]


class StepOut(Schema):
    name: str
    amount: int
    unit: str  # workdays | calendar_days
    unit_label: str


class MaterialOut(Schema):
    id: int  # the checklist item: what an uploaded file is for (file_materials)
    name: str
    required: bool
    form: str  # original | copy | both | electronic
    form_label: str
    count: int
    source: str  # applicant | register | office
    source_label: str
    from_register: bool  # gongzhi fills it in from the register: never uploaded, never asked
    register_fact: str  # for one from the register: which fact (household, address, …)
    register_fact_label: str
    check_point: str  # what the window checks (审查要点)
    note: str


class MatterDetailOut(MatterOut):
    guide: str  # plain language: who, what, how
    conditions: str  # 受理条件
    legal_basis: str  # 设定依据
    where: str  # 办理地点
    county_office: str  # the county office deciding last, outside gongzhi; "" when none
    levels: list[str]
    limit_steps: list[StepOut]  # the chain of the promised limit, each step from the end of the one before
    materials: list[MaterialOut]


class MatterFilters(Schema):
    township_id: ApiId | None = None
    community_id: ApiId | None = None  # the township its residents apply from
    q: str = ""  # in the name, the main item's name or the guide (as the guide's search)


def _out(matter: Matter, township) -> dict:
    return {
        "id": matter.pk,
        "code": matter.code,
        "name": matter.name,
        "main_item": matter.parent.name if matter.parent_id and matter.parent else "",
        "township_id": township.pk,
        "township_name": township.name,
        "department": matter.department.name if matter.department else "",
        "mode": matter.mode,
        "mode_label": matter.get_mode_display(),
        "limit": selectors.matter_limit_label(matter),
        "fee": matter.fee or _("不收费"),
        "online": matter.online,
        "proxy": matter.proxy,
    }


def _township_of(filters: MatterFilters):
    """The township the filters name (404 for an unknown one, or a community outside the named township)."""
    try:
        if filters.community_id is not None:
            township = selectors.guide_community_township(filters.community_id)
            if filters.township_id is not None and filters.township_id != township.pk:
                raise NotFound()
            return township
        return selectors.guide_township_get(filters.township_id) if filters.township_id is not None else None
    except NotFound:
        raise Http404() from None


@router.get(
    "/hall/matters",
    response=MatterPage,
    summary=gettext_noop(
        "事项目录：可申请的事项（按乡镇或村(社区)；不指定时为我所在乡镇的），与办事指南页面相同，任何令牌用户可读"
    ),
)
def matters(request, filters: Query[MatterFilters], limit: Limit = 30, offset: Offset = 0):
    q = filters.q.strip()[:30]
    township = _township_of(filters)
    if township is not None:
        found = [m for group in selectors.guide_index(township, q=q) for m in group.matters]
        return {"count": len(found), "items": [_out(m, township) for m in found[offset : offset + limit]]}
    query = matters_to_apply_for(viewer=request.auth, q=q).select_related("parent", "township")
    rows = query.prefetch_related("steps")[offset : offset + limit]
    return {"count": query.count(), "items": [_out(m, m.township) for m in rows]}


@router.get(
    "/hall/matters/{matter_id}",
    response=MatterDetailOut,
    summary=gettext_noop(
        "事项办事指南：受理条件、设定依据、承诺时限、收费和材料清单（材料 id 即上传时的 file_materials）"
    ),
)
def matter(request, matter_id: ApiId):
    try:
        found = selectors.guide_matter_get(matter_id)
    except NotFound:
        raise Http404() from None
    return {
        **_out(found, found.township),
        "guide": found.guide,
        "conditions": found.conditions,
        "legal_basis": found.legal_basis,
        "where": found.where,
        "county_office": found.county_office,
        "levels": list(found.levels or []),
        "limit_steps": [
            {"name": s.name, "amount": s.amount, "unit": s.unit, "unit_label": s.get_unit_display()}
            for s in found.steps.all()
        ],
        "materials": [
            {
                "id": m.pk,
                "name": m.name,
                "required": m.required,
                "form": m.form,
                "form_label": m.get_form_display(),
                "count": m.count,
                "source": m.source,
                "source_label": m.get_source_display(),
                "from_register": m.source == MaterialSource.REGISTER,
                "register_fact": m.register_fact,
                "register_fact_label": selectors.register_fact_label(m.register_fact)
                if m.register_fact
                else "",
                "check_point": m.check_point,
                "note": m.note,
            }
            for m in found.materials.all()
        ],
    }
