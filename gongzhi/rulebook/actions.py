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

from .models import Document, DocumentKind, Template, Version, VersionState

TITLE_MAX, BODY_MAX = 60, 50_000
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
    if kind is None or kind.retired:
        raise DomainError(_("请选择制度类别。"), field="kind")
    if template is not None:
        usable = template.kind_id == kind.pk and template.township_id in (None, community.parent_id)
        if not usable:
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
    """A scanned PDF of the draft (the signed, stamped paper), checked by core.pdfs."""
    _keep_check(actor, version.document.community)
    version = row_lock(Version, version.pk, "document__community")
    _draft_check(version)
    checked = pdf_check(raw, name=name, max_bytes=SCAN_MAX_BYTES, field="scan")
    version.scan.save(f"{version.document_id}-{version.number}.pdf", ContentFile(checked), save=False)
    version.save(update_fields=["scan", "updated_at"])
    audit_event_record(
        actor=actor, verb="rulebook.scan_attached", target=version, summary={"bytes": len(checked)}
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
