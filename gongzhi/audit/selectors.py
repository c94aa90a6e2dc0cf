"""Reading the trail: the audit administrator sees all, a supervisory committee its community."""

import datetime as dt

from django.db.models import Q, QuerySet

from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import paths_for, scope_q

from .models import AuditEvent


def audit_list_for(
    *,
    viewer,
    verb: str | None = None,
    actor: str | None = None,
    target: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    full = paths_for(viewer, {Role.AUDIT_ADMIN})
    scoped = paths_for(viewer, {Role.SUPERVISOR})
    if full:
        # The audit administrator's area is the root of the deployment: everything,
        # including events that belong to no area (logins, role changes).
        query = AuditEvent.objects.all()
    elif scoped:
        query = AuditEvent.objects.filter(scope_q(scoped))
    else:
        return AuditEvent.objects.none()
    if verb:
        query = query.filter(Q(verb=verb) | Q(verb__startswith=verb.rstrip(".") + "."))
    if actor:
        query = query.filter(actor_label__contains=actor.strip())
    if target:
        query = query.filter(target_label__contains=target.strip())
    if date_from:
        query = query.filter(occurred_at__date__gte=date_from)
    if date_to:
        query = query.filter(occurred_at__date__lte=date_to)
    return query.order_by("-id")
