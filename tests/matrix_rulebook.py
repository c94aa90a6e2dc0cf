"""The governing documents' part of the permission matrix (tests/policy_rulebook.py).

Objects, for "same" (青山村, kept by peer_staff) and "other" (东街社区, by other_staff): a document whose first
version is in force (adopted by an item of the community's meeting) with a second version drafted, and a second
document with only a version in force. Each POST sends what the page's form sends, so an allowed cell writes.
"""

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.rulebook import actions
from gongzhi.rulebook.models import DocumentKind, Template
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    part: dict = {key: {} for key in ("community", "document", "plain", "in_force", "draft", "item")}
    for relation, community in communities.items():
        meeting = meeting_record(
            actor=staff[relation], area=community, body_kind="village_representatives_meeting",
            held_on=timezone.localdate(), members=30, present=21,
            items=[ItemVote("rulebook 通过制度", in_favour=18, against=2, abstaining=1)],
        )  # fmt: skip
        item = meeting.items.get()
        documents = []
        for name in ("村(居)务公开制度", "民主理财制度"):
            document = actions.document_create(
                actor=staff[relation], community=community, kind=DocumentKind.objects.get(name=name),
                body=f"第一条 rulebook {name}的正文。",
            )  # fmt: skip
            first = document.versions.get()
            first = actions.scan_attach(actor=staff[relation], version=first, raw=BLANK_PDF, name="scan.pdf")
            actions.version_adopt(
                actor=staff[relation], version=first, meeting_item=item, effective_on=timezone.localdate()
            )
            documents.append((document, first))
        (document, first), (plain, _first) = documents
        part["community"][relation], part["document"][relation], part["plain"][relation] = (
            community,
            document,
            plain,
        )
        part["in_force"][relation], part["item"][relation] = first, item
        part["draft"][relation] = actions.version_new(actor=staff[relation], document=document)
    # The township's own kind and template (永安镇's for both relations).
    township = areas["township"]
    own = DocumentKind.objects.create(
        group="rules", name="rulebook村级财务管理细则", township=township, area_path=township.path
    )
    template = Template.objects.create(
        kind=own, township=township, area_path=township.path, title="rulebook细则范本",
        body="第一条 rulebook 报账须两人经手。",
    )  # fmt: skip
    part["township"] = {"same": township, "other": township}
    part["kind"] = {"same": own, "other": own}
    part["template"] = {"same": template, "other": template}
    world.parts["rulebook"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["rulebook"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def draft_page(name: str, data: Callable[[object, str], dict]) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        draft = _obj(world, "draft", relation)
        return Call(reverse(name, args=[draft.document_id, draft.pk]), data(world, relation))

    return call


def _own_page(name: str, kind: str, data: dict) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        own = _obj(world, kind, relation)
        body = dict(data)
        if "kind" in body:  # the template form sends its kind
            body["kind"] = own.kind_id
        return Call(reverse(name, args=[own.township_id, own.pk]), body)

    return call


def _own_api(kind: str, suffix: str, data: dict) -> Callable:
    plural = {"kind": "kinds", "template": "templates"}[kind]

    def call(world, actor: str, relation: str) -> Call:
        own = _obj(world, kind, relation)
        body = dict(data)
        if "kind_id" in body:
            body["kind_id"] = own.kind_id
        return Call(f"/api/v1/rulebook/catalogue/{own.township_id}/{plural}/{own.pk}/{suffix}", body)

    return call


def _template_form(world, relation: str) -> dict:
    return {
        "kind": _obj(world, "kind", relation).pk,
        "title": "rulebook新范本",
        "body": "第一条 rulebook 新范本正文。",
    }


PAGE_CALLS: dict[str, Callable] = {
    "rulebook:index": lambda world, actor, relation: Call(reverse("rulebook:index")),
    "rulebook:public": page("rulebook:public", "community"),
    "rulebook:public_version": page("rulebook:public_version", "in_force"),
    "rulebook:new": page(
        "rulebook:new",
        "community",
        lambda world, relation: {
            "kind": DocumentKind.objects.get(name="档案管理制度").pk,
            "body": "第一条 rulebook 档案由专人管理。",
        },
    ),  # fmt: skip
    "rulebook:document": page("rulebook:document", "document"),
    "rulebook:version_new": page("rulebook:version_new", "plain"),
    "rulebook:draft_save": draft_page(
        "rulebook:draft_save", lambda world, relation: {"body": "第一条 rulebook 改过的正文，每月公开。"}
    ),
    "rulebook:scan": page("rulebook:scan", "in_force"),
    "rulebook:scan_upload": draft_page(
        "rulebook:scan_upload", lambda world, relation: {"scan": SimpleUploadedFile("scan.pdf", BLANK_PDF)}
    ),
    "rulebook:adopt": draft_page(
        "rulebook:adopt",
        lambda world, relation: {
            "meeting_item": _obj(world, "item", relation).pk,
            "effective_on": timezone.localdate().isoformat(),
        },
    ),  # fmt: skip
    "rulebook:version_print": page("rulebook:version_print", "in_force"),
    "rulebook:catalogue": page(
        "rulebook:catalogue", "township", lambda world, relation: {"name": "rulebook新类别", "group": "other"}
    ),
    "rulebook:kind_edit": _own_page(
        "rulebook:kind_edit", "kind", {"name": "rulebook改名细则", "group": "rules"}
    ),
    "rulebook:kind_retire": _own_page("rulebook:kind_retire", "kind", {"retired": "1"}),
    "rulebook:template_new": page("rulebook:template_new", "township", _template_form),
    "rulebook:template_edit": _own_page(
        "rulebook:template_edit",
        "template",
        {"kind": 0, "title": "rulebook改过的范本", "body": "第一条 rulebook 改过的正文。"},
    ),
    "rulebook:template_retire": _own_page("rulebook:template_retire", "template", {"retired": "1"}),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/rulebook/c/{community_id}": api("/api/v1/rulebook/c/{}", "community"),
    "POST /api/v1/rulebook/c/{community_id}/documents": api(
        "/api/v1/rulebook/c/{}/documents",
        "community",
        lambda world, relation: {
            "kind_id": DocumentKind.objects.get(name="档案管理制度").pk,
            "body": "第一条 rulebook 档案由专人管理。",
        },
    ),  # fmt: skip
    "GET /api/v1/rulebook/documents/{document_id}": api("/api/v1/rulebook/documents/{}", "document"),
    "GET /api/v1/rulebook/documents/{document_id}/diff": api(
        "/api/v1/rulebook/documents/{}/diff", "document"
    ),
    "POST /api/v1/rulebook/documents/{document_id}/versions": api(
        "/api/v1/rulebook/documents/{}/versions", "plain"
    ),
    "POST /api/v1/rulebook/versions/{version_id}/edit": api(
        "/api/v1/rulebook/versions/{}/edit",
        "draft",
        lambda world, relation: {"body": "第一条 rulebook 改过的正文，每月公开。"},
    ),
    "POST /api/v1/rulebook/versions/{version_id}/adopt": api(
        "/api/v1/rulebook/versions/{}/adopt",
        "draft",
        lambda world, relation: {
            "meeting_item_id": _obj(world, "item", relation).pk,
            "effective_on": timezone.localdate().isoformat(),
        },
    ),  # fmt: skip
    "GET /api/v1/rulebook/catalogue/{township_id}": api("/api/v1/rulebook/catalogue/{}", "township"),
    "POST /api/v1/rulebook/catalogue/{township_id}/kinds": api(
        "/api/v1/rulebook/catalogue/{}/kinds",
        "township",
        lambda world, relation: {"name": "rulebook新类别", "group": "other"},
    ),
    "POST /api/v1/rulebook/catalogue/{township_id}/kinds/{kind_id}/edit": _own_api(
        "kind", "edit", {"name": "rulebook改名细则", "group": "rules"}
    ),
    "POST /api/v1/rulebook/catalogue/{township_id}/kinds/{kind_id}/retire": _own_api(
        "kind", "retire", {"retired": True}
    ),
    "POST /api/v1/rulebook/catalogue/{township_id}/templates": api(
        "/api/v1/rulebook/catalogue/{}/templates",
        "township",
        lambda world, relation: {
            "kind_id": _obj(world, "kind", relation).pk,
            "title": "rulebook新范本",
            "body": "第一条 rulebook 新范本正文。",
        },
    ),
    "POST /api/v1/rulebook/catalogue/{township_id}/templates/{template_id}/edit": _own_api(
        "template",
        "edit",
        {"kind_id": 0, "title": "rulebook改过的范本", "body": "第一条 rulebook 改过的正文。"},
    ),
    "POST /api/v1/rulebook/catalogue/{township_id}/templates/{template_id}/retire": _own_api(
        "template", "retire", {"retired": True}
    ),
}
