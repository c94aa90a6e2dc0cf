"""Reads of the legal rosters, consultations and applications, scoped to the viewer.

Coverage (`coverage_for`) is computed from the roster each time it is read — the 法律明白人 in office per
community against the township's target — and never typed. A consultation's topic is read only by the
resident who booked it, the adviser whose slot it is and the community's staff (`consultation_get_for`).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import covers, paths_for, role_paths, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.core.posts import PostHolder
from gongzhi.residents.models import Resident
from gongzhi.residents.selectors import account_in_reach, resident_base_for

from .models import (
    Aide,
    AideKind,
    Application,
    ApplicationState,
    Attachment,
    Consultation,
    ConsultationState,
    LawSavvy,
    SavvyState,
    Setting,
    Slot,
    Training,
)
from .roles import APPLICANTS, DECIDERS, KEEPERS, READERS, TOPIC_READERS
from .standards import COVERAGE_TARGET_DEFAULT

LIVE = ~Q(state=ConsultationState.CANCELLED)


def adviser_communities_of(user) -> set[int]:
    """The communities whose in-office legal adviser `user` is (read once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_gongzhi_legal_advises", None)
    if cached is None:
        cached = set(
            Aide.objects.filter(user=user, kind=AideKind.ADVISER, ended_at__isnull=True).values_list(
                "community_id", flat=True
            )
        )
        user._gongzhi_legal_advises = cached
    return cached


# --- Communities -----------------------------------------------------------------------------


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    found = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def townships_for(*, viewer, roles=DECIDERS) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.TOWNSHIP).order_by(
        "path"
    )


# --- Rosters ---------------------------------------------------------------------------------


def aides_of(community: Area, *, in_office: bool = True) -> QuerySet[Aide]:
    found = Aide.objects.filter(community=community)
    if in_office:
        found = found.filter(ended_at__isnull=True)
    return found.order_by("kind", "name", "id")


def adviser_of(community: Area) -> Aide | None:
    return Aide.objects.filter(community=community, kind=AideKind.ADVISER, ended_at__isnull=True).first()


def aide_get_for(*, viewer, aide_id: int, roles=READERS) -> Aide:
    found = (
        Aide.objects.filter(scope_q(paths_for(viewer, roles)), pk=aide_id).select_related("community").first()
    )
    if found is None:
        raise NotFound()
    return found


def savvies_of(community: Area, *, current: bool = True) -> QuerySet[LawSavvy]:
    found = LawSavvy.objects.filter(community=community)
    if current:
        found = found.exclude(state=SavvyState.ENDED)
    return (
        found.select_related("resident")
        .annotate(
            training_count=Count("trainings"),
            training_hours=Coalesce(Sum("trainings__hours"), Value(Decimal(0)), output_field=DecimalField()),
        )
        .order_by("state", "id")
    )


def savvy_get_for(*, viewer, savvy_id: int, roles=READERS) -> LawSavvy:
    found = (
        LawSavvy.objects.filter(scope_q(paths_for(viewer, roles)), pk=savvy_id)
        .select_related("community", "resident")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def trainings_of(savvy: LawSavvy) -> QuerySet[Training]:
    """A 法律明白人's training record, oldest first (its page and the API)."""
    return savvy.trainings.all()


def training_hours(savvy: LawSavvy, trainings: list[Training] | None = None):
    """The hours trained: over `trainings` when the caller already holds them, else read."""
    rows = trainings if trainings is not None else trainings_of(savvy)
    return sum((t.hours for t in rows), start=0)


# --- Coverage --------------------------------------------------------------------------------


def savvy_target_for(township: Area | None) -> int:
    if township is None:
        return COVERAGE_TARGET_DEFAULT
    setting = Setting.objects.filter(township=township).first()
    return setting.savvy_target if setting is not None else COVERAGE_TARGET_DEFAULT


@dataclass(frozen=True)
class CoverageRow:
    community: Area
    target: int
    savvy_active: int
    savvy_preparing: int  # selected, in training or passed: not yet in office
    has_adviser: bool
    assistants: int
    police: int

    @property
    def short(self) -> int:
        return max(0, self.target - self.savvy_active)


def coverage_for(*, viewer) -> list[CoverageRow]:
    """Every community the viewer reads: 法律明白人 in office against the target, and the aides in office."""
    communities = list(communities_for(viewer=viewer))
    if not communities:
        return []
    targets = {s.area_path: s.savvy_target for s in Setting.objects.all()}
    savvy = {
        (row["community_id"], row["state"]): row["n"]
        for row in LawSavvy.objects.filter(community__in=communities)
        .exclude(state=SavvyState.ENDED)
        .values("community_id", "state")
        .annotate(n=Count("id"))
    }
    aides = {
        (row["community_id"], row["kind"]): row["n"]
        for row in Aide.objects.filter(community__in=communities, ended_at__isnull=True)
        .values("community_id", "kind")
        .annotate(n=Count("id"))
    }
    rows = []
    for community in communities:
        target = next(
            (t for path, t in targets.items() if community.path.startswith(path)), COVERAGE_TARGET_DEFAULT
        )
        preparing = sum(
            savvy.get((community.pk, s), 0)
            for s in (SavvyState.SELECTED, SavvyState.TRAINING, SavvyState.PASSED)
        )
        rows.append(
            CoverageRow(
                community=community,
                target=target,
                savvy_active=savvy.get((community.pk, SavvyState.ACTIVE), 0),
                savvy_preparing=preparing,
                has_adviser=bool(aides.get((community.pk, AideKind.ADVISER))),
                assistants=aides.get((community.pk, AideKind.ASSISTANT), 0),
                police=aides.get((community.pk, AideKind.POLICE), 0),
            )
        )
    return rows


# --- Slots and consultations -----------------------------------------------------------------


def _booked() -> Exists:
    return Exists(Consultation.objects.filter(LIVE, slot=OuterRef("pk")))


def open_slots_of(community: Area, *, now: dt.datetime | None = None) -> QuerySet[Slot]:
    """The community's slots still ahead, not withdrawn and not booked (what a resident may book)."""
    now = now or timezone.now()
    return (
        Slot.objects.filter(community=community, cancelled_at__isnull=True, starts_at__gt=now)
        .annotate(booked=_booked())
        .filter(booked=False)
        .select_related("adviser", "community")
        .order_by("starts_at", "id")
    )


def slots_for(*, viewer, community: Area | None = None, upcoming: bool = True) -> QuerySet[Slot]:
    """The slots of the communities the viewer reads or advises (the staff's and the adviser's page)."""
    query = scope_q(paths_for(viewer, READERS)) | Q(community_id__in=adviser_communities_of(viewer))
    found = Slot.objects.filter(query)
    if community is not None:
        found = found.filter(community=community)
    if upcoming:
        found = found.filter(starts_at__gte=timezone.now() - dt.timedelta(days=1))
    return found.annotate(booked=_booked()).select_related("adviser", "community").order_by("starts_at", "id")


def slot_get_for(*, viewer, slot_id: int) -> Slot:
    found = slots_for(viewer=viewer, upcoming=False).filter(pk=slot_id).first()
    if found is None:
        raise NotFound()
    return found


def slot_bookable_get(*, community: Area, slot_id: int) -> Slot:
    """A slot of `community` (any state: the booking action says why a taken or past one cannot be booked)."""
    found = Slot.objects.filter(pk=slot_id, community=community).select_related("adviser").first()
    if found is None:
        raise NotFound()
    return found


def slot_any_get(slot_id: int) -> Slot | None:
    return Slot.objects.filter(pk=slot_id).select_related("adviser", "community").first()


def consultations_of(user) -> QuerySet[Consultation]:
    """The resident's own bookings, newest slot first."""
    return (
        Consultation.objects.filter(booker=user)
        .select_related("slot", "slot__adviser", "community")
        .order_by("-slot__starts_at", "-id")
    )


def _topic_q(viewer) -> Q:
    return (
        Q(booker=viewer)
        | Q(booked_by=viewer)
        | Q(slot__adviser__user=viewer, slot__adviser__ended_at__isnull=True)
        | scope_q(paths_for(viewer, TOPIC_READERS))
    )


def consultations_for(*, viewer, community: Area | None = None) -> QuerySet[Consultation]:
    """The consultations whose topic the viewer may read (theirs, their slots', their community's)."""
    found = Consultation.objects.filter(_topic_q(viewer))
    if community is not None:
        found = found.filter(community=community)
    return found.select_related("slot", "slot__adviser", "booker").order_by("slot__starts_at", "id")


def consultation_get_for(*, viewer, consultation_id: int) -> Consultation:
    found = consultations_for(viewer=viewer).filter(pk=consultation_id).first()
    if found is None:
        raise NotFound()
    return found


def may_read_topic(viewer, consultation: Consultation) -> bool:
    return (
        viewer.pk in (consultation.booker_id, consultation.booked_by_id)
        or (consultation.slot.adviser.user_id == viewer.pk and consultation.slot.adviser.ended_at is None)
        or covers(paths_for(viewer, TOPIC_READERS), consultation.area_path)
    )


def consultations_to_remind(*, day: dt.date) -> QuerySet[Consultation]:
    """Live bookings whose slot falls on `day` (local) and whose reminder has not gone."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return (
        Consultation.objects.filter(
            state=ConsultationState.BOOKED,
            reminded_at__isnull=True,
            slot__starts_at__gte=start,
            slot__starts_at__lt=start + dt.timedelta(days=1),
            slot__cancelled_at__isnull=True,
        )
        .select_related("slot", "slot__adviser", "booker", "booked_by", "resident")
        .order_by("slot__starts_at", "id")
    )


# --- Applications ----------------------------------------------------------------------------


def _application_q(viewer) -> Q:
    return scope_q(paths_for(viewer, READERS))


def application_list_for(*, viewer, state: str = "") -> QuerySet[Application]:
    found = Application.objects.filter(_application_q(viewer))
    if state:
        found = found.filter(state=state)
    return found.select_related("community").order_by("-year", "area_path", "id")


def application_get_for(*, viewer, application_id: int) -> Application:
    found = (
        Application.objects.filter(_application_q(viewer), pk=application_id)
        .select_related("community")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def applying_communities_for(*, viewer) -> QuerySet[Area]:
    return communities_for(viewer=viewer, roles=APPLICANTS)


def attachment_get_for(*, viewer, application: Application, attachment_id: int) -> Attachment:
    found = application.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise NotFound()
    return found


def named_villages(township: Area | None = None) -> QuerySet[Application]:
    """The communities the township named 民主法治示范村(社区): public (the name, the year, when)."""
    found = Application.objects.filter(state=ApplicationState.APPROVED)
    if township is not None:
        found = found.filter(area_path__startswith=township.path)
    return (
        found.select_related("community")
        .only("id", "year", "decided_at", "community__name", "community__path", "area_path", "community_id")
        .order_by("-year", "area_path")
    )


def keeps(viewer, community: Area) -> bool:
    return covers(paths_for(viewer, KEEPERS), community.path)


def roles_held(viewer) -> set[str]:
    return {role for role, _path in role_paths(viewer)}


def consult_communities_for(*, viewer) -> QuerySet[Area]:
    """Where the viewer publishes consultation slots: the communities they keep, and the one(s) they advise."""
    return Area.objects.filter(
        scope_q(paths_for(viewer, KEEPERS), "path") | Q(pk__in=adviser_communities_of(viewer)),
        kind=AreaKind.COMMUNITY,
    ).order_by("path")


def assisting_communities_for(*, viewer) -> list[Area]:
    """The communities in which the viewer books for residents (a grid worker's grid lies in one)."""
    from gongzhi.areas.selectors import community_of

    from .roles import BOOKING_ASSISTERS

    found: dict[int, Area] = {}
    for path in paths_for(viewer, BOOKING_ASSISTERS):
        area = Area.objects.filter(path=path).first()
        if area is None:
            continue
        if area.kind in (AreaKind.TOWNSHIP, AreaKind.COUNTY):
            found.update(
                {c.pk: c for c in Area.objects.filter(scope_q([path], "path"), kind=AreaKind.COMMUNITY)}
            )
        else:
            community = community_of(area)
            if community is not None:
                found[community.pk] = community
    return sorted(found.values(), key=lambda c: c.path)


def assisted_slot_get(*, viewer, slot_id: int) -> Slot:
    """A slot of a community the viewer books in for residents (any state: the action says why not)."""
    ids = [c.pk for c in assisting_communities_for(viewer=viewer)]
    found = (
        Slot.objects.filter(pk=slot_id, community_id__in=ids).select_related("adviser", "community").first()
    )
    if found is None:
        raise NotFound()
    return found


def savvy_candidates_for(*, viewer, community: Area) -> QuerySet[Resident]:
    """The residents a keeper may select as 法律明白人: active on the community's register, within the keeper's
    reach on the register."""
    return (
        resident_base_for(viewer=viewer, roles=KEEPERS)
        .filter(community=community, status="active")
        .order_by("name_sort", "id")
    )


def savvy_candidate_get(*, viewer, community: Area, resident_id: int | None) -> Resident:
    if resident_id is None:
        raise NotFound()
    found = savvy_candidates_for(viewer=viewer, community=community).filter(pk=resident_id).first()
    if found is None:
        raise NotFound()
    return found


def aide_account_get(*, viewer, username: str) -> User | None:
    """The active account an aide is linked to, among the people the keeper may see (`account_in_reach`)."""
    return account_in_reach(viewer=viewer, roles=KEEPERS, username=username)


# --- The people-in-posts hook (gongzhi.core.posts): the 法律明白人 in office, read by a staffing page ----------


# The key this app's roster of 法律明白人 is registered under (gongzhi.core.posts); a staffing catalogue links its
# 法律明白人 post to it.
SAVVY_SOURCE = "law_savvy"


def savvy_in_office(community_ids: list[int]) -> list[PostHolder]:
    """The 法律明白人 in office (在岗) of the communities named: this roster is the one record of them (decision
    0061); a staffing page lists and counts them from here, never typing them again."""
    from django.urls import reverse

    found = (
        LawSavvy.objects.filter(community_id__in=community_ids, state=SavvyState.ACTIVE)
        .select_related("resident")
        .order_by("area_path", "activated_at", "id")
    )
    return [
        PostHolder(
            source=SAVVY_SOURCE,
            community_id=s.community_id,
            area_id=s.community_id,
            resident_id=s.resident_id,
            name=s.resident.name,
            phone_masked=s.resident.phone_masked,
            started_on=timezone.localdate(s.activated_at) if s.activated_at else None,
            url=reverse("legal:savvy", args=[s.pk]),
        )
        for s in found
    ]
