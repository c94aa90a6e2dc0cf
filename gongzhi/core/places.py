"""Places: a bounded number of people on one thing (a micro-service, an activity), and never one more.

One way everywhere, so that no feature invents its own: the action that takes
a place (a booking, a sign-up) locks the row holding the places
(`row_lock`: SELECT … FOR UPDATE on PostgreSQL; on SQLite every write
transaction is IMMEDIATE, which serializes writers), counts the places taken
inside that same transaction and refuses when none is left (`places_check`).
Everything that gives a place back or changes the number locks the same row
first, so the count a taker sees cannot change until it commits.

The flow around the count is shared too (docs/decisions/0050-places-flow.md).
A feature declares its `PlacesFlow` once, as data beside its lifecycles (the
parent model holding the places, the model of one place taken, the states,
moves and audit verbs), and its actions call:

- `place_take`: lock the parent, the feature's own "is it open" check, one
  active place per person (by register entry or account; the partial unique
  constraints stay the last line of defence), the count, the row and its
  audit row. Assisted (a clerk for a resident of the register) when a consent
  channel is given: `assisted_user` checks the consent and the register first.
- `place_give_back`: lock, the feature's give-back move, tell the contact.
- `places_cancel`: the parent's cancel move, every open place cancelled with
  it (each by its own move and audit row) and every contact told.

Each feature keeps its models, permissions, audit verbs, messages and notice
wording: they are arguments (messages with `%(t)s` take the parent's title).
The confirmation step (a service served, an activity attended) is not shared:
the two differ in who is credited with hours and how many are marked at once.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import Conflict, DomainError

M = TypeVar("M", bound=models.Model)


def row_lock(model: type[M], pk: int, *related: str) -> M:
    """The row `pk` of `model`, locked until the caller's transaction ends (its own row only: `of=self`)."""
    query = model._default_manager.select_for_update(of=("self",))  # type: ignore[attr-defined]
    if related:
        query = query.select_related(*related)
    return query.get(pk=pk)


def places_left(*, places: int | None, taken: int) -> int | None:
    """Places still free (never negative); None when the places are unlimited."""
    return None if places is None else max(0, places - taken)


def places_check(*, places: int | None, taken: int, message: str) -> None:
    """Refuse (Conflict "full", with `message`) when `taken` already fills `places`; None means unlimited.

    Call it on the locked row, with `taken` counted after the lock was taken.
    """
    if places is not None and taken >= places:
        raise Conflict(message, code="full")


@dataclass(frozen=True)
class PlacesFlow:
    """One feature's places, as data.

    The parent has `places` (None: unlimited), `title`, `starts_at`, `community`
    and `state`; a place taken has `resident`, `user`, the `by` field (who typed
    it), `assisted`, `consent_channel`, `consent_at`, `state` and `closed_at`.
    """

    parent: type[models.Model]  # the row holding the places (locked by every move)
    taking: type[models.Model]  # one place taken
    parent_field: str  # the taking's foreign key to the parent; also the key of the audit summaries
    by_field: str  # who typed the taking (the person, or the clerk who took it for them)
    active_states: tuple[str, ...]  # the states that hold a place
    open_state: str  # the state cancelled together with the parent
    parent_related: tuple[str, ...]  # loaded with the locked parent
    url_name: str  # the parent's page (one pk argument), linked from every notice
    notice_kind: str
    taken_verb: str  # audit verb of a place taken
    give_back_move: str  # the taking's move that gives the place back, and its audit verb
    give_back_verb: str
    cancel_verb: str  # audit verb of the parent's "cancel" move
    cancelled_count_key: str  # the cancel audit summary's key for how many places went with it
    with_parent_move: str  # the taking's (not manual) move when the parent is cancelled, and its verb
    with_parent_verb: str

    def parent_of(self, obj) -> Any:
        """The parent of a taking, or the parent itself (the guards of both lifecycles take either)."""
        return getattr(obj, self.parent_field) if isinstance(obj, self.taking) else obj

    def not_started(self, obj) -> bool:
        return self.parent_of(obj).starts_at > timezone.now()

    def started(self, obj) -> bool:
        return not self.not_started(obj)

    def active(self, parent) -> models.QuerySet:
        return self.taking._default_manager.filter(  # type: ignore[attr-defined]
            **{self.parent_field: parent}, state__in=self.active_states
        )

    def lock(self, parent):
        """Lock the parent row: takings, give-backs, edits and confirmations of one parent go one at a time."""
        return row_lock(self.parent, parent.pk, *self.parent_related)

    def lock_taking(self, taking) -> tuple[Any, Any]:
        """The locked parent and the locked taking (the parent first: the order every move takes)."""
        parent = self.lock(getattr(taking, self.parent_field))
        fresh = row_lock(self.taking, taking.pk, "resident", "user", self.by_field)
        setattr(fresh, self.parent_field, parent)
        return parent, fresh

    def contact(self, taking):
        """Who hears about a taking: the person's own account, else whoever took it for them."""
        return taking.user if taking.user_id else getattr(taking, self.by_field)

    def taking_out(self, taking, *, who: str) -> dict:
        """A place taken as the API shows it (`who` is the feature's label for the person, masked or not)."""
        return {
            "id": taking.pk,
            f"{self.parent_field}_id": getattr(taking, f"{self.parent_field}_id"),
            "who": who,
            "state": taking.state,
            "state_label": taking.get_state_display(),
            "assisted": taking.assisted,
            "created_at": taking.created_at,
        }

    def url(self, parent) -> str:
        return reverse(self.url_name, args=[parent.pk])

    def tell(self, recipient, *, parent, title: str, body: str = "", actor=None) -> None:
        """A notice linking to the parent; nobody is told of their own doing."""
        from gongzhi.notices.actions import notice_send

        if recipient is None or (actor is not None and recipient.pk == actor.pk):
            return
        notice_send(recipient=recipient, kind=self.notice_kind, title=title, body=body, url=self.url(parent))


LONGEST = dt.timedelta(hours=24)
FURTHEST = dt.timedelta(days=366)


def places_times_clean(starts_at: dt.datetime | None, ends_at: dt.datetime | None, *, too_long: str) -> None:
    """A thing with places starts in the coming year and lasts at most a day (`too_long`: the feature's
    refusal for a longer one); refused with a clear message naming the field."""
    if starts_at is None:
        raise DomainError(_("请填写开始时间。"), field="starts_at")
    if ends_at is None:
        raise DomainError(_("请填写结束时间。"), field="ends_at")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(_("时间须带时区。"), field="starts_at")
    now = timezone.now()
    if starts_at <= now:
        raise DomainError(_("开始时间已经过去，请选择以后的时间。"), field="starts_at")
    if starts_at > now + FURTHEST:
        raise DomainError(_("开始时间应在一年之内。"), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("结束时间应晚于开始时间。"), field="ends_at")
    if ends_at - starts_at > LONGEST:
        raise DomainError(too_long, field="ends_at")


def places_when(parent) -> str:
    """The parent's start, as notices write it."""
    return timezone.localtime(parent.starts_at).strftime("%Y-%m-%d %H:%M")


def assisted_user(resident, consent_channel: str, *, not_listed: str):
    """Check an assisted taking's consent and register entry; the resident's own account (or None).

    `not_listed` is the feature's refusal for a resident who is no longer on the register.
    """
    from gongzhi.cases.models import ConsentChannel

    if consent_channel not in ConsentChannel.values:
        raise DomainError(_("请选择居民同意的方式（当面、电话或书面）。"), field="consent_channel")
    if resident.status != "active":
        raise DomainError(not_listed, field="resident")
    return resident.user if resident.user_id else None


@dataclass(frozen=True)
class Taken:
    """A place just taken, its locked parent (also set on the taking) and how many were taken before it."""

    taking: Any
    parent: Any
    before: int


def place_take(
    flow: PlacesFlow,
    *,
    actor,
    parent,
    resident,
    user,
    refuse: Callable[[Any], None],
    already: str,
    already_assisted: str,
    already_code: str,
    full: str,
    consent_channel: str = "",
    told_assisted: str = "",
) -> Taken:
    """Take one place on `parent` for a person (their register entry and/or account), inside a transaction.

    `refuse(parent)` runs on the locked parent and raises when it takes nobody
    (cancelled, started, the person's own offer…). Then one active place per
    person (`already`, or `already_assisted` for a clerk's taking: code
    `already_code`) and the count (`full`). Assisted when `consent_channel` is
    given: recorded with the channel and the time. Writes the row and its audit
    row (`flow.taken_verb`). A person a clerk took a place for hears
    `told_assisted` (with `%(t)s` the parent's title), with the time and the
    place; the caller tells whom else it wants to tell.
    """
    parent = flow.lock(parent)
    refuse(parent)
    same_person = Q(pk__in=[])
    if resident is not None:
        same_person |= Q(resident=resident)
    if user is not None:
        same_person |= Q(user=user)
    if flow.active(parent).filter(same_person).exists():
        raise Conflict(already_assisted if consent_channel else already, code=already_code)
    taken = flow.active(parent).count()
    places_check(places=parent.places, taken=taken, message=full)
    assisted = bool(consent_channel)
    try:
        with transaction.atomic():
            taking = flow.taking._default_manager.create(  # type: ignore[attr-defined]
                **{flow.parent_field: parent, flow.by_field: actor},
                resident=resident,
                user=user,
                assisted=assisted,
                consent_channel=consent_channel,
                consent_at=timezone.now() if assisted else None,
            )
    except IntegrityError:  # the lock makes this unreachable; the constraint is the last line of defence
        raise Conflict(already, code=already_code) from None
    from gongzhi.audit.actions import audit_event_record

    audit_event_record(
        actor=actor,
        verb=flow.taken_verb,
        target=taking,
        area=parent.community,
        summary={flow.parent_field: parent.pk, "assisted": assisted, "consent_channel": consent_channel},
    )
    setattr(taking, flow.parent_field, parent)
    if assisted and user is not None and told_assisted:
        flow.tell(
            user,
            parent=parent,
            actor=actor,
            title=told_assisted % {"t": parent.title},
            body=_("时间：%(when)s；地点：%(place)s。")
            % {"when": places_when(parent), "place": parent.place},
        )
    return Taken(taking=taking, parent=parent, before=taken)


def place_give_back(flow: PlacesFlow, *, actor, taking, told: str) -> Taken:
    """Give a place back by the flow's give-back move (the caller checked the permission), in a transaction.

    The contact hears `told` (with `%(t)s` the parent's title) unless they did it themselves.
    `before` in the answer is the number of places still taken after it.
    """
    from .lifecycle import lifecycle_move

    parent, taking = flow.lock_taking(taking)
    lifecycle_move(
        taking,
        flow.give_back_move,
        actor=actor,
        audit_verb=flow.give_back_verb,
        area=parent.community,
        summary={flow.parent_field: parent.pk},
    )
    flow.tell(flow.contact(taking), parent=parent, actor=actor, title=told % {"t": parent.title})
    return Taken(taking=taking, parent=parent, before=flow.active(parent).count())


@dataclass(frozen=True)
class Cancelled:
    """The cancelled parent, the places cancelled with it, and the body of the notices sent."""

    parent: Any
    takings: list
    body: str


def places_cancel(flow: PlacesFlow, *, actor, parent, reason: str, told: str) -> Cancelled:
    """Cancel the parent (its "cancel" move) with every open place on it, inside the caller's transaction.

    The caller checked the permission and cleaned `reason`. Each place moves by
    the flow's with-parent move and has its own audit row; each contact hears
    `told` (with `%(t)s` the parent's title), with the time and the reason.
    """
    from .lifecycle import lifecycle_check, lifecycle_move

    parent = flow.lock(parent)
    lifecycle_check(parent, "cancel")
    now: dt.datetime = timezone.now()
    takings = list(
        flow.taking._default_manager.select_for_update(of=("self",))  # type: ignore[attr-defined]
        .filter(**{flow.parent_field: parent}, state=flow.open_state)
        .select_related("user", flow.by_field)
        .order_by("pk")
    )
    parent = lifecycle_move(
        parent,
        "cancel",
        actor=actor,
        audit_verb=flow.cancel_verb,
        area=parent.community,
        changes={"cancel_reason": reason, "closed_at": now},
        summary={"reason": reason, flow.cancelled_count_key: len(takings)},
    ).obj
    for taking in takings:
        setattr(taking, flow.parent_field, parent)
        lifecycle_move(
            taking,
            flow.with_parent_move,
            actor=actor,
            audit_verb=flow.with_parent_verb,
            area=parent.community,
            changes={"closed_at": now},
            summary={flow.parent_field: parent.pk},
        )
    body = _("时间：%(when)s。") % {"when": places_when(parent)} + (
        _("原因：%(r)s") % {"r": reason} if reason else ""
    )
    for taking in takings:
        flow.tell(
            flow.contact(taking), parent=parent, actor=actor, title=told % {"t": parent.title}, body=body
        )
    return Cancelled(parent=parent, takings=takings, body=body)
