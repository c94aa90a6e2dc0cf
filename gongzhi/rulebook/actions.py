"""制度: a community's governing documents and their versions.

    document_create ──▶ version 1 (draft, from a template or typed) ──draft_save──▶ draft …
    version_adopt (the meeting item that adopted it, effective date) ──▶ in force ──(next adopted)──▶ superseded
    version_new (a new draft from the version in force)

A draft is edited; an adopted version is never edited (a change is a new version). One draft and one version in
force per document at a time (partial unique constraints). Adoption takes a passed item of one of the
community's meetings (gongzhi.meetings: its roll, vote and verdict are recorded there, never retyped). Every
action is permission-checked (the community's staff), locks what it changes, writes one audit event in its
transaction; every refusal is a Chinese DomainError that changes nothing.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.places import row_lock
from gongzhi.core.text import text_clean
from gongzhi.meetings.models import MeetingItem

from .models import Document, DocumentKind, KindGroup, Template, Version, VersionState

TITLE_MAX, BODY_MAX = 60, 50_000
KIND_NAME_MAX = 40
SCAN_MAX_BYTES = 20 * 1024 * 1024


def _keep_check(actor: User, community: Area) -> None:
    if not can(actor, "rulebook.keep", community):
        raise NotPermitted(_("%(area)s不在您负责的范围内，不能修改它的制度。") % {"area": community.name})


def _draft_check(version: Version) -> None:
    if version.state != VersionState.DRAFT:
        raise DomainError(
            _("「%(title)s」第%(n)d版已经通过施行，不能再修改；要修改，请新建一个版本。")
            % {"title": version.document.title, "n": version.number},
            code="filed",
        )


@transaction.atomic
def document_create(
    *,
    actor: User,
    community: Area,
    kind: DocumentKind | None,
    title: str = "",
    template: Template | None = None,
    body: str = "",
) -> Document:
    """The community's staff start a document of a kind: its first version is a draft, from the template's
    text (the township's or the catalogue's) or typed."""
    if community is None or community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("制度属于一个村(社区)，请选择村(社区)。"), field="community")
    _keep_check(actor, community)
    # As stored now, not as the caller read it: the catalogue's or the community's township's own, in use.
    fresh_kind = DocumentKind.objects.filter(pk=kind.pk if kind else 0).values_list("township_id", "retired")
    kind_row = fresh_kind.first()
    if kind is None or kind_row is None or kind_row[1] or kind_row[0] not in (None, community.parent_id):
        raise DomainError(_("请选择制度类别。"), field="kind")
    if template is not None:
        fresh = (
            Template.objects.filter(pk=template.pk).values_list("kind_id", "township_id", "retired").first()
        )
        if fresh is None or fresh[0] != kind.pk or fresh[1] not in (None, community.parent_id) or fresh[2]:
            raise DomainError(_("请选择这一类别的范本。"), field="template")
    title = text_clean(title or (template.title if template else kind.name), label=_("标题"), field="title",
                       minimum=2, maximum=TITLE_MAX)  # fmt: skip
    text = body or (template.body if template else "")
    text = text_clean(text, label=_("正文"), field="body", minimum=10, maximum=BODY_MAX)
    row_lock(Area, community.pk)
    if Document.objects.filter(community=community, title=title).exists():
        raise DomainError(
            _("%(area)s已有「%(title)s」。") % {"area": community.name, "title": title}, field="title"
        )
    document = Document.objects.create(
        community=community, area_path=community.path, kind=kind, title=title, created_by=actor
    )
    Version.objects.create(document=document, area_path=community.path, number=1, body=text, created_by=actor)
    audit_event_record(
        actor=actor,
        verb="rulebook.document_created",
        target=document,
        area=community,
        summary={"kind": kind.name, "template": template.title if template else "-"},
    )
    return document


@transaction.atomic
def draft_save(*, actor: User, version: Version, body: str) -> Version:
    """The draft's text is edited; an adopted version is refused (a new version is made instead)."""
    _keep_check(actor, version.document.community)
    version = row_lock(Version, version.pk, "document__community")
    _draft_check(version)
    version.body = text_clean(body, label=_("正文"), field="body", minimum=10, maximum=BODY_MAX)
    version.save(update_fields=["body", "updated_at"])
    audit_event_record(
        actor=actor, verb="rulebook.draft_saved", target=version, summary={"length": len(version.body)}
    )
    return version


@transaction.atomic
def scan_attach(*, actor: User, version: Version, raw: bytes, name: str) -> Version:
    """A scanned PDF of the signed, stamped paper, checked by core.pdfs: a draft's (replaced freely until it is
    adopted), or an adopted version's that has none yet — the paper is often scanned after the meeting. An
    adopted version's scan, once there, is never replaced (as its text is never edited)."""
    _keep_check(actor, version.document.community)
    version = row_lock(Version, version.pk, "document__community")
    adopted = version.state != VersionState.DRAFT
    if adopted and version.scan:
        raise DomainError(
            _("「%(title)s」第%(n)d版已经通过施行，已有扫描件，不能替换。")
            % {"title": version.document.title, "n": version.number},
            code="filed",
        )
    checked = pdf_check(raw, name=name, max_bytes=SCAN_MAX_BYTES, field="scan")
    version.scan.save(f"{version.document_id}-{version.number}.pdf", ContentFile(checked), save=False)
    version.save(update_fields=["scan", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="rulebook.scan_attached",
        target=version,
        summary={"bytes": len(checked), "adopted": adopted},
    )
    return version


@transaction.atomic
def version_new(*, actor: User, document: Document) -> Version:
    """A new draft from the version in force (or the latest one)."""
    _keep_check(actor, document.community)
    document = row_lock(Document, document.pk, "community")
    versions = Version.objects.filter(document=document)
    if versions.filter(state=VersionState.DRAFT).exists():
        raise DomainError(
            _("「%(title)s」已有一个草稿，请先修改或通过它。") % {"title": document.title},
            code="draft_exists",
        )
    base = versions.filter(state=VersionState.IN_FORCE).first() or versions.order_by("-number").first()
    number = (versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = Version.objects.create(
        document=document, area_path=document.area_path, number=number, body=base.body if base else "",
        created_by=actor,
    )  # fmt: skip
    audit_event_record(actor=actor, verb="rulebook.version_made", target=version, summary={"number": number})
    return version


@transaction.atomic
def version_adopt(
    *, actor: User, version: Version, meeting_item: MeetingItem | None, effective_on: dt.date | None
) -> Version:
    """The draft is adopted by a passed item of one of the community's meetings, in force from `effective_on`
    (not before the meeting); the version in force until then is superseded."""
    community = version.document.community
    _keep_check(actor, community)
    version = row_lock(Version, version.pk, "document__community")
    _draft_check(version)
    if meeting_item is None or meeting_item.meeting.area_id != community.pk:
        raise DomainError(
            _("请选择%(area)s通过这项制度的会议表决事项。") % {"area": community.name}, field="meeting_item"
        )
    if not meeting_item.passed:
        raise DomainError(
            _("会议表决事项「%(title)s」没有通过，不能据此施行。") % {"title": meeting_item.title},
            field="meeting_item",
        )
    if not isinstance(effective_on, dt.date):
        raise DomainError(_("请填写施行日期。"), field="effective_on")
    held = meeting_item.meeting.held_on
    if effective_on < held:
        raise DomainError(
            _("施行日期不能早于会议日期（%(held)s）。") % {"held": held.isoformat()}, field="effective_on"
        )
    now = timezone.now()
    before = Version.objects.select_for_update().filter(
        document=version.document, state=VersionState.IN_FORCE
    )
    superseded = [v.number for v in before]
    before.update(state=VersionState.SUPERSEDED, superseded_at=now)
    version.state, version.meeting_item, version.effective_on = (
        VersionState.IN_FORCE,
        meeting_item,
        effective_on,
    )
    version.adopted_by, version.adopted_at = actor, now
    version.save(
        update_fields=["state", "meeting_item", "effective_on", "adopted_by", "adopted_at", "updated_at"]
    )
    audit_event_record(
        actor=actor,
        verb="rulebook.adopted",
        target=version,
        summary={
            "meeting": f"{held.isoformat()} {meeting_item.title}",
            "effective_on": effective_on.isoformat(),
            "superseded": superseded[0] if superseded else "-",
        },
    )
    return version


# --- The township's own kinds and templates ------------------------------------------------------


def _catalogue_allowed(actor: User, township: Area | None) -> None:
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("自定义制度类别和范本按镇(乡、街道)添加，请选择镇(乡、街道)。"), field="township")
    if not can(actor, "rulebook.keep_catalogue", township):
        raise NotPermitted(
            _("%(area)s不在您管辖的范围内，不能添加或修改它的制度类别和范本。") % {"area": township.name}
        )


def _kind_reach_check(kind: DocumentKind | None, township: Area) -> DocumentKind:
    fresh = DocumentKind.objects.filter(pk=kind.pk if kind else 0).first()
    if fresh is None or fresh.township_id not in (None, township.pk):
        raise DomainError(_("请选择制度类别。"), field="kind")
    return fresh


@transaction.atomic
def kind_save(
    *, actor: User, township: Area, kind: DocumentKind | None = None, group: str, name: str
) -> DocumentKind:
    """The township office adds a document kind of its own (offered to its communities only), or edits one it
    added; the catalogue's kinds are never edited here."""
    _catalogue_allowed(actor, township)
    if kind is not None and kind.township_id != township.pk:
        raise DomainError(
            _("「%(name)s」是默认目录中的制度类别，不能修改；只能修改本镇自己添加的类别。")
            % {"name": kind.name},
            field="name",
        )
    if group not in KindGroup.values:
        raise DomainError(_("请选择制度的分组（自治章程、十制度、六职责、其他制度）。"), field="group")
    name = text_clean(name, label=_("名称"), field="name", minimum=2, maximum=KIND_NAME_MAX)
    row_lock(Area, township.pk)
    clash = DocumentKind.objects.filter(Q(township__isnull=True) | Q(township=township), name=name)
    if kind is not None:
        clash = clash.exclude(pk=kind.pk)
    if clash.exists():
        raise DomainError(_("已有名为「%(name)s」的制度类别。") % {"name": name}, field="name")
    if kind is None:
        last = DocumentKind.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
        kind = DocumentKind.objects.create(
            township=township, area_path=township.path, created_by=actor, sort_order=last + 1, group=group,
            name=name,
        )  # fmt: skip
        verb, before = "rulebook.kind_added", "-"
    else:
        kind = row_lock(DocumentKind, kind.pk)
        before = kind.name
        kind.group, kind.name = group, name
        kind.save(update_fields=["group", "name"])
        verb = "rulebook.kind_changed"
    audit_event_record(
        actor=actor, verb=verb, target=kind, area=township, summary={"group": group, "before": before}
    )
    return kind


@transaction.atomic
def kind_retire(*, actor: User, kind: DocumentKind, retired: bool = True) -> DocumentKind:
    """The township office retires a kind it added (no longer offered for a new document; documents of the
    kind keep it), or takes it back into use."""
    if kind.township_id is None:
        raise DomainError(
            _("「%(name)s」是默认目录中的制度类别，不能停用；只能停用本镇自己添加的类别。")
            % {"name": kind.name}
        )
    township = kind.township
    _catalogue_allowed(actor, township)
    kind = row_lock(DocumentKind, kind.pk)
    if kind.retired == bool(retired):
        raise DomainError(
            _("「%(name)s」已经停用了。") % {"name": kind.name}
            if retired
            else _("「%(name)s」没有停用。") % {"name": kind.name},
            code="state",
        )
    kind.retired = bool(retired)
    kind.save(update_fields=["retired"])
    audit_event_record(
        actor=actor,
        verb="rulebook.kind_retired" if retired else "rulebook.kind_restored",
        target=kind,
        area=township,
        summary={"in_use": Document.objects.filter(kind=kind).count()},
    )
    return kind


@transaction.atomic
def template_save(
    *,
    actor: User,
    township: Area,
    template: Template | None = None,
    kind: DocumentKind | None,
    title: str,
    body: str,
) -> Template:
    """The township office writes a template of its own (for a catalogue kind or one of its own kinds), or
    edits one it wrote; the catalogue's templates are never edited here."""
    _catalogue_allowed(actor, township)
    if template is not None and template.township_id != township.pk:
        raise DomainError(
            _("「%(title)s」是默认目录中的范本，不能修改；只能修改本镇自己的范本。")
            % {"title": template.title},
            field="title",
        )
    kind = _kind_reach_check(kind, township)
    if kind.retired:
        raise DomainError(_("请选择制度类别。"), field="kind")
    title = text_clean(title, label=_("标题"), field="title", minimum=2, maximum=TITLE_MAX)
    body = text_clean(body, label=_("正文"), field="body", minimum=10, maximum=BODY_MAX)
    row_lock(Area, township.pk)
    clash = Template.objects.filter(township=township, kind=kind, title=title)
    if template is not None:
        clash = clash.exclude(pk=template.pk)
    if clash.exists():
        raise DomainError(
            _("本镇已有「%(kind)s」的范本「%(title)s」。") % {"kind": kind.name, "title": title},
            field="title",
        )
    if template is None:
        template = Template.objects.create(
            township=township, area_path=township.path, created_by=actor, kind=kind, title=title, body=body
        )
        verb = "rulebook.template_added"
    else:
        template = row_lock(Template, template.pk)
        template.kind, template.title, template.body = kind, title, body
        template.save(update_fields=["kind", "title", "body"])
        verb = "rulebook.template_changed"
    audit_event_record(
        actor=actor,
        verb=verb,
        target=template,
        area=township,
        summary={"kind": kind.name, "length": len(body)},
    )
    return template


@transaction.atomic
def template_retire(*, actor: User, template: Template, retired: bool = True) -> Template:
    """The township office retires a template it wrote (no longer offered; documents made from it keep their
    text), or takes it back into use."""
    if template.township_id is None:
        raise DomainError(
            _("「%(title)s」是默认目录中的范本，不能停用；只能停用本镇自己的范本。")
            % {"title": template.title}
        )
    township = template.township
    _catalogue_allowed(actor, township)
    template = row_lock(Template, template.pk)
    if template.retired == bool(retired):
        raise DomainError(
            _("「%(name)s」已经停用了。") % {"name": template.title}
            if retired
            else _("「%(name)s」没有停用。") % {"name": template.title},
            code="state",
        )
    template.retired = bool(retired)
    template.save(update_fields=["retired"])
    audit_event_record(
        actor=actor,
        verb="rulebook.template_retired" if retired else "rulebook.template_restored",
        target=template,
        area=township,
        summary={"kind": template.kind.name},
    )
    return template
