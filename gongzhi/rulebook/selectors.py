"""Reads of the governing documents: the catalogue and templates, a community's documents (staff: drafts too),
one document or version (404 outside reach), the public library of a community (in-force versions and the rows
other apps list through `core.library`), and the meeting items that may adopt a version."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.core.library import LibraryRow, library_rows_of
from gongzhi.meetings.models import MeetingItem

from .models import Document, DocumentKind, Template, Version, VersionState
from .roles import CATALOGUE_KEEPERS, READERS


def _reach(township: Area | None, prefix: str = "") -> Q:
    reach = Q(**{f"{prefix}township__isnull": True})
    if township is not None:
        reach |= Q(**{f"{prefix}township": township})
    return reach


def kinds(township: Area | None = None, *, retired: bool = False) -> list[DocumentKind]:
    """The kinds a township's communities keep: the catalogue's and the township's own (retired ones only when
    asked)."""
    found = DocumentKind.objects.filter(_reach(township))
    if not retired:
        found = found.filter(retired=False)
    return list(found.order_by("sort_order", "id"))


def templates_for(township: Area | None) -> QuerySet[Template]:
    """The templates a township's communities start from: the catalogue's and the township's own, in use, of a
    kind in use that the township's communities keep."""
    return Template.objects.filter(
        _reach(township), _reach(township, "kind__"), retired=False, kind__retired=False
    ).select_related("kind")


def townships_for(*, viewer) -> QuerySet[Area]:
    """The townships whose own kinds and templates the viewer keeps."""
    return Area.objects.filter(scope_q(paths_for(viewer, CATALOGUE_KEEPERS), "path"), kind=AreaKind.TOWNSHIP)


def township_get_for(*, viewer, township_id: int) -> Area:
    found = townships_for(viewer=viewer).filter(pk=township_id).first()
    if found is None:
        raise NotFound()
    return found


def own_kinds(township: Area) -> list[DocumentKind]:
    """The kinds the township added itself, retired ones included."""
    return list(DocumentKind.objects.filter(township=township).order_by("retired", "sort_order", "id"))


def own_kind_get(township: Area, kind_id: int | None) -> DocumentKind:
    found = DocumentKind.objects.filter(township=township, pk=kind_id or 0).first()
    if found is None:
        raise NotFound()
    return found


def own_templates(township: Area) -> list[Template]:
    """The templates the township wrote itself, retired ones included."""
    return list(
        Template.objects.filter(township=township)
        .select_related("kind")
        .order_by("retired", "kind__sort_order", "id")
    )


def own_template_get(township: Area, template_id: int | None) -> Template:
    found = Template.objects.filter(township=township, pk=template_id or 0).select_related("kind").first()
    if found is None:
        raise NotFound()
    return found


def township_of(community: Area) -> Area | None:
    return Area.objects.filter(pk=community.parent_id or 0, kind=AreaKind.TOWNSHIP).first()


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    paths = paths_for(viewer, roles)
    if not paths:
        return Area.objects.none()
    return Area.objects.filter(scope_q(paths, "path"), kind=AreaKind.COMMUNITY).order_by("path")


def community_public_get(community_id: int) -> Area:
    found = Area.objects.filter(pk=community_id, kind=AreaKind.COMMUNITY).first()
    if found is None:
        raise NotFound()
    return found


def _documents() -> QuerySet[Document]:
    return Document.objects.select_related("community", "kind")


def documents_of(community: Area) -> QuerySet[Document]:
    return _documents().filter(community=community)


def document_get_for(*, viewer, document_id: int) -> Document:
    paths = paths_for(viewer, READERS)
    found = _documents().filter(scope_q(paths), pk=document_id).first() if paths else None
    if found is None:
        raise NotFound()
    return found


def versions_of(document: Document) -> QuerySet[Version]:
    return (
        Version.objects.filter(document=document).select_related("meeting_item__meeting").order_by("number")
    )


def in_force_of(document: Document) -> Version | None:
    return versions_of(document).filter(state=VersionState.IN_FORCE).first()


def draft_of(document: Document) -> Version | None:
    return versions_of(document).filter(state=VersionState.DRAFT).first()


def version_get(document: Document, version_id: int) -> Version:
    found = versions_of(document).filter(pk=version_id).first()
    if found is None:
        raise NotFound()
    return found


def version_any_get(*, viewer, version_id: int) -> Version:
    """Any version (a draft too) of a document in the viewer's reach; 404 outside it."""
    paths = paths_for(viewer, READERS)
    found = (
        Version.objects.filter(scope_q(paths), pk=version_id)
        .select_related("document__community", "document__kind", "meeting_item__meeting")
        .first()
        if paths
        else None
    )
    if found is None:
        raise NotFound()
    return found


def adoptable_items(community: Area) -> QuerySet[MeetingItem]:
    """The passed items of the community's meetings: the votes that may adopt a version."""
    return (
        MeetingItem.objects.filter(meeting__area=community, passed=True)
        .select_related("meeting")
        .order_by("-meeting__held_on", "number")
    )


@dataclass(frozen=True)
class Shelf:
    """A community's library: its own documents' in-force versions and the other apps' rows."""

    community: Area
    versions: list[Version]
    others: list[LibraryRow]


def library_of(community: Area) -> Shelf:
    versions = list(
        Version.objects.filter(document__community=community, state=VersionState.IN_FORCE)
        .select_related("document__kind", "meeting_item__meeting")
        .order_by("document__kind__sort_order", "document__id")
    )
    return Shelf(community, versions, library_rows_of(community))


def public_version_get(version_id: int) -> Version:
    """An adopted version (in force or superseded) is public; a draft is 404."""
    found = (
        Version.objects.exclude(state=VersionState.DRAFT)
        .select_related("document__community", "document__kind", "meeting_item__meeting")
        .filter(pk=version_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found
