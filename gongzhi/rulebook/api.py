"""The governing documents over the API: the same selectors, actions and rules as the pages.

Reads: a community's library (its in-force versions and the other apps' rows, as the public page), one document
with its versions and what changed between two of them (the staff and the township office). Writes: a document
(with an Idempotency-Key; its first version is a draft), a draft's text, a new version, adoption by a passed
meeting item with its effective date. Editing an adopted version is the pages' refusal (a Chinese 400 that
changes nothing). Outside the token user's reach is 404, as what does not exist.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .diff import diff_rows
from .models import Document, Version
from .roles import KEEPERS

router = Router(tags=["制度 rulebook"])


class VersionOut(Schema):
    id: int
    number: int
    state: str
    state_label: str
    body: str
    has_scan: bool
    meeting_item_id: int | None
    meeting: str
    effective_on: dt.date | None


class DocumentOut(Schema):
    id: int
    community_id: int
    community_name: str
    kind: str
    group: str
    title: str
    versions: list[VersionOut]


class ShelfRowOut(Schema):
    title: str
    kind: str
    effective_on: dt.date | None
    url: str


class DocumentIn(Schema):
    kind_id: ApiId | None = None
    template_id: ApiId | None = None
    title: str = ""
    body: str = ""


class DraftIn(Schema):
    body: str


class AdoptIn(Schema):
    meeting_item_id: ApiId | None = None
    effective_on: dt.date | None = None


class DiffRowOut(Schema):
    kind: str
    old: str
    new: str
    skipped: int


class DiffOut(Schema):
    old_version_id: int
    new_version_id: int
    rows: list[DiffRowOut]


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _version(v: Version) -> dict:
    item = v.meeting_item
    return {
        "id": v.pk, "number": v.number, "state": v.state, "state_label": v.get_state_display(), "body": v.body,
        "has_scan": bool(v.scan), "meeting_item_id": v.meeting_item_id,
        "meeting": f"{item.meeting.held_on.isoformat()} {item.title}" if item is not None else "",
        "effective_on": v.effective_on,
    }  # fmt: skip


def _document(d: Document) -> dict:
    return {"id": d.pk, "community_id": d.community_id, "community_name": d.community.name, "kind": d.kind.name,
            "group": d.kind.group, "title": d.title,
            "versions": [_version(v) for v in selectors.versions_of(d)]}  # fmt: skip


@router.get(
    "/rulebook/c/{community_id}",
    response=list[ShelfRowOut],
    summary=gettext_noop("村(社区)的制度库（施行中）"),
)
def library(request, community_id: ApiId):
    shelf = selectors.library_of(_found(lambda: selectors.community_public_get(community_id)))
    rows = [{"title": r.title, "kind": r.kind_label, "effective_on": r.effective_on, "url": r.url}
            for r in shelf.others]  # fmt: skip
    rows += [{"title": v.document.title, "kind": v.document.kind.name, "effective_on": v.effective_on,
              "url": f"/rulebook/v/{v.pk}/"} for v in shelf.versions]  # fmt: skip
    return rows


@router.post(
    "/rulebook/c/{community_id}/documents",
    response={201: DocumentOut},
    summary=gettext_noop("新建制度（第1版是草稿）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def document_create(
    request, community_id: ApiId, payload: DocumentIn, idempotency_key: IdempotencyKey = None
):
    if not request.auth.has_perm("rulebook.keep"):
        raise PermissionDenied()
    community = selectors.communities_for(viewer=request.auth, roles=KEEPERS).filter(pk=community_id).first()
    if community is None:
        raise Http404()
    township = selectors.township_of(community)
    template = selectors.templates_for(township).filter(pk=payload.template_id or 0).first()
    kind = next((k for k in selectors.kinds(township) if k.pk == payload.kind_id), None)
    if kind is None and template is not None:
        kind = template.kind
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.document_create(actor=request.auth, community=community, kind=kind, title=payload.title,
                                        template=template, body=payload.body),
    )  # fmt: skip
    return Status(201, _document(made))


def _read(request, document_id: int) -> Document:
    if not request.auth.has_perm("rulebook.view"):
        raise PermissionDenied()
    return _found(lambda: selectors.document_get_for(viewer=request.auth, document_id=document_id))


@router.get(
    "/rulebook/documents/{document_id}",
    response=DocumentOut,
    summary=gettext_noop("一项制度和它的各个版本"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def document(request, document_id: ApiId):
    return _document(_read(request, document_id))


@router.get(
    "/rulebook/documents/{document_id}/diff",
    response=DiffOut,
    summary=gettext_noop("两个版本之间改了什么（默认：施行中的版本与草稿）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def diff(request, document_id: ApiId, old: ApiId | None = None, new: ApiId | None = None):
    found = _read(request, document_id)
    versions = list(selectors.versions_of(found))
    by_id = {v.pk: v for v in versions}
    in_force = next((v for v in versions if v.state == "in_force"), None)
    latest = versions[-1] if versions else None
    before = by_id.get(old) if old else (in_force or (versions[0] if versions else None))
    after = by_id.get(new) if new else latest
    if before is None or after is None:
        raise Http404()
    rows = [{"kind": r.kind, "old": r.old, "new": r.new, "skipped": r.skipped}
            for r in diff_rows(before.body, after.body)]  # fmt: skip
    return {"old_version_id": before.pk, "new_version_id": after.pk, "rows": rows}


def _kept_version(request, version_id: int) -> Version:
    if not request.auth.has_perm("rulebook.keep"):
        raise PermissionDenied()
    version = Version.objects.filter(pk=version_id).select_related("document").first()
    if version is None:
        raise Http404()
    found = _found(lambda: selectors.document_get_for(viewer=request.auth, document_id=version.document_id))
    if not request.auth.has_perm("rulebook.keep", found):
        raise Http404()
    return selectors.version_get(found, version_id)


@router.post(
    "/rulebook/versions/{version_id}/edit",
    response=DocumentOut,
    summary=gettext_noop("修改草稿（已施行的版本不能修改）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def draft_save(request, version_id: ApiId, payload: DraftIn):
    version = _kept_version(request, version_id)
    actions.draft_save(actor=request.auth, version=version, body=payload.body)
    return _document(version.document)


@router.post(
    "/rulebook/versions/{version_id}/adopt",
    response=DocumentOut,
    summary=gettext_noop("草稿经会议表决通过施行"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def adopt(request, version_id: ApiId, payload: AdoptIn):
    version = _kept_version(request, version_id)
    community = version.document.community
    item = selectors.adoptable_items(community).filter(pk=payload.meeting_item_id or 0).first()
    actions.version_adopt(
        actor=request.auth, version=version, meeting_item=item, effective_on=payload.effective_on
    )
    return _document(version.document)


@router.post(
    "/rulebook/documents/{document_id}/versions",
    response={201: DocumentOut},
    summary=gettext_noop("修订：从施行中的版本新建一个草稿"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def version_new(request, document_id: ApiId, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("rulebook.keep"):
        raise PermissionDenied()
    found = _found(lambda: selectors.document_get_for(viewer=request.auth, document_id=document_id))
    if not request.auth.has_perm("rulebook.keep", found):
        raise Http404()
    idempotent_create(
        request, idempotency_key, None, lambda: actions.version_new(actor=request.auth, document=found)
    )
    return Status(201, _document(found))


# --- The township's own kinds and templates (the township office) ----------------------------------


class KindOut(Schema):
    id: int
    group: str
    name: str
    own: bool  # the township added it (else the catalogue's)
    retired: bool


class KindIn(Schema):
    group: str
    name: str


class TemplateOut(Schema):
    id: int
    kind_id: int
    kind: str
    title: str
    body: str
    own: bool  # the township wrote it (else the catalogue's)
    retired: bool


class TemplateIn(Schema):
    kind_id: ApiId | None = None
    title: str
    body: str


class RetireIn(Schema):
    retired: bool = True


class CatalogueOut(Schema):
    kinds: list[KindOut]
    templates: list[TemplateOut]


def _kind(k) -> dict:
    return {"id": k.pk, "group": k.group, "name": k.name, "own": k.own, "retired": k.retired}


def _template(t) -> dict:
    return {"id": t.pk, "kind_id": t.kind_id, "kind": t.kind.name, "title": t.title, "body": t.body,
            "own": t.own, "retired": t.retired}  # fmt: skip


def _township(request, township_id: int):
    if not request.auth.has_perm("rulebook.keep_catalogue"):
        raise PermissionDenied()
    return _found(lambda: selectors.township_get_for(viewer=request.auth, township_id=township_id))


def _kind_of(township, kind_id):
    return next((k for k in selectors.kinds(township) if k.pk == kind_id), None)


@router.get(
    "/rulebook/catalogue/{township_id}",
    response=CatalogueOut,
    summary=gettext_noop("镇(乡、街道)可用的制度类别和范本（默认目录和本镇添加的，含已停用的）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def catalogue(request, township_id: ApiId):
    township = _township(request, township_id)
    templates = list(selectors.templates_for(township)) + [
        t for t in selectors.own_templates(township) if t.retired or t.kind.retired
    ]
    return {
        "kinds": [_kind(k) for k in selectors.kinds(township, retired=True)],
        "templates": [_template(t) for t in templates],
    }


@router.post(
    "/rulebook/catalogue/{township_id}/kinds",
    response={201: KindOut},
    summary=gettext_noop("添加本镇的制度类别"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def kind_create(request, township_id: ApiId, payload: KindIn, idempotency_key: IdempotencyKey = None):
    township = _township(request, township_id)
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.kind_save(actor=request.auth, township=township, group=payload.group, name=payload.name),
    )  # fmt: skip
    return Status(201, _kind(made))


@router.post(
    "/rulebook/catalogue/{township_id}/kinds/{kind_id}/edit",
    response=KindOut,
    summary=gettext_noop("修改本镇添加的制度类别"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def kind_edit(request, township_id: ApiId, kind_id: ApiId, payload: KindIn):
    township = _township(request, township_id)
    kind = _found(lambda: selectors.own_kind_get(township, kind_id))
    return _kind(
        actions.kind_save(
            actor=request.auth, township=township, kind=kind, group=payload.group, name=payload.name
        )
    )


@router.post(
    "/rulebook/catalogue/{township_id}/kinds/{kind_id}/retire",
    response=KindOut,
    summary=gettext_noop("停用（或恢复使用）本镇添加的制度类别"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def kind_retire(request, township_id: ApiId, kind_id: ApiId, payload: RetireIn):
    township = _township(request, township_id)
    kind = _found(lambda: selectors.own_kind_get(township, kind_id))
    return _kind(actions.kind_retire(actor=request.auth, kind=kind, retired=payload.retired))


@router.post(
    "/rulebook/catalogue/{township_id}/templates",
    response={201: TemplateOut},
    summary=gettext_noop("添加本镇的制度范本"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def template_create(request, township_id: ApiId, payload: TemplateIn, idempotency_key: IdempotencyKey = None):
    township = _township(request, township_id)
    kind = _kind_of(township, payload.kind_id)
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.template_save(actor=request.auth, township=township, kind=kind, title=payload.title,
                                      body=payload.body),
    )  # fmt: skip
    return Status(201, _template(made))


@router.post(
    "/rulebook/catalogue/{township_id}/templates/{template_id}/edit",
    response=TemplateOut,
    summary=gettext_noop("修改本镇的制度范本"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def template_edit(request, township_id: ApiId, template_id: ApiId, payload: TemplateIn):
    township = _township(request, township_id)
    template = _found(lambda: selectors.own_template_get(township, template_id))
    saved = actions.template_save(
        actor=request.auth, township=township, template=template, kind=_kind_of(township, payload.kind_id),
        title=payload.title, body=payload.body,
    )  # fmt: skip
    return _template(saved)


@router.post(
    "/rulebook/catalogue/{township_id}/templates/{template_id}/retire",
    response=TemplateOut,
    summary=gettext_noop("停用（或恢复使用）本镇的制度范本"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def template_retire(request, township_id: ApiId, template_id: ApiId, payload: RetireIn):
    township = _township(request, township_id)
    template = _found(lambda: selectors.own_template_get(township, template_id))
    return _template(actions.template_retire(actor=request.auth, template=template, retired=payload.retired))
