"""Reading the trail: the audit administrator sees all, a supervisory committee its community.

A viewer who may not see a private person's name (gongzhi.audit.presentation)
cannot find it by searching either: their actor and target searches match
people only where they read the register, and public persons (role holders)
everywhere.
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import paths_for, scope_q

from .models import AuditEvent
from .presentation import Reader

PERSON_TARGET_TYPES = ("residents.resident", "residents.household", "accounts.user")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_list_for(
    *,
    viewer,
    verb: str | None = None,
    actor: str | None = None,
    area=None,
    target_type: str | None = None,
    target: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    full = paths_for(viewer, {Role.AUDIT_ADMIN})
    scoped = paths_for(viewer, {Role.SUPERVISOR})
    if full:
        # The audit administrator's area is the root of the deployment: everything,
        # including events that belong to no area (logins, role changes, refusals).
        query = AuditEvent.objects.all()
    elif scoped:
        query = AuditEvent.objects.filter(scope_q(scoped))
    else:
        return AuditEvent.objects.none()
    reader = Reader.of(viewer)
    names_hidden = ~scope_q(reader.register_paths) if not reader.everywhere else None
    if verb:
        query = query.filter(Q(verb=verb) | Q(verb__startswith=verb.rstrip(".") + "."))
    if actor:
        text = actor.strip()
        match = Q(actor_label__contains=text) | Q(actor__username=text)
        if names_hidden is not None:
            public = RoleAssignment.objects.exclude(role=Role.RESIDENT).values("user_id")
            match &= Q(actor_id__in=public) | ~names_hidden
        query = query.filter(match)
    if area is not None:
        query = query.filter(scope_q([area.path]))
    if target_type:
        query = query.filter(target_type=target_type)
    if target:
        text = target.strip()
        match = Q(target_label__contains=text)
        if text.isdigit():
            match |= Q(target_id=text)
        if names_hidden is not None:
            match &= ~Q(target_type__in=PERSON_TARGET_TYPES) | ~names_hidden | Q(target_id=text)
        query = query.filter(match)
    if date_from:
        query = query.filter(occurred_at__gte=_day_start(date_from))
    if date_to:
        query = query.filter(occurred_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return query.select_related("area").order_by("-id")
