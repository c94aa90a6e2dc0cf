from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.core.errors import NotFound
from gongzhi.core.ids import ApiId

from . import selectors

router = Router(tags=["区域 areas"])


class AreaOut(Schema):
    id: int
    kind: str
    name: str
    parent_id: int | None
    code: str
    community_type: str
    depth: int


@router.get("", response=list[AreaOut], summary=gettext_noop("列出管辖范围内的区域"))
def list_areas(request, kind: str | None = None):
    return list(selectors.area_list_for(viewer=request.auth, kinds=[kind] if kind else None)[:5000])


@router.get("/{area_id}", response=AreaOut, summary=gettext_noop("区域详情"))
def get_area(request, area_id: ApiId):
    try:
        return selectors.area_get_for(viewer=request.auth, area_id=area_id)
    except NotFound:
        from django.http import Http404

        raise Http404() from None
