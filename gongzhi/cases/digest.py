"""The staff's daily digest: one message a day about their queues, instead of one per event.

For every case type, a staff member's queue is the cases in the type's
waiting states routed to them: in each state the roles acting in it, over
the case's area (and its department, when it belongs to one — see
`cases.selectors.case_routed_q`); overdue means past the due time. Staff of a township department also
have the escalations (吹哨) waiting for their department's reply. After 08:00 (Beijing) each staff member
with something waiting gets one inbox notice (and e-mail, per their
preferences) — unless they turned the digest off.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.scopes import department_ids_for, paths_for
from gongzhi.audit.actions import audit_event_record
from gongzhi.notices.actions import notice_send, preference_of

from .models import Case, DigestSent
from .selectors import case_routed_q, escalation_counts_for
from .workflow import case_types

DIGEST_HOUR = 8


@dataclass(frozen=True)
class QueueCount:
    kind: str
    label: str
    waiting: int
    overdue: int
    url: str


def queue_counts_for(user, *, now: dt.datetime | None = None) -> list[QueueCount]:
    now = now or timezone.now()
    counts = []
    for case_type in case_types():
        roles = case_type.waiting_roles()  # a role acting only in other states waits on nothing here
        if not roles or not paths_for(user, roles):
            continue
        row = Case.objects.filter(case_routed_q(user, case_type)).aggregate(
            waiting=Count("id"), overdue=Count("id", filter=Q(due_at__lt=now))
        )
        url = reverse(case_type.queue_url) if case_type.queue_url else ""
        counts.append(QueueCount(case_type.kind, str(case_type.label), row["waiting"], row["overdue"], url))
    if department_ids_for(user):
        waiting, overdue = escalation_counts_for(user, now=now)
        counts.append(
            QueueCount("escalation", _("吹哨待答复"), waiting, overdue, reverse("cases:escalations"))
        )
    return counts


def _staff_users():
    roles = set().union(*(t.waiting_roles() for t in case_types()))
    ids = RoleAssignment.objects.filter(Q(role__in=roles) | Q(department__isnull=False)).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def digests_send(*, now: dt.datetime | None = None) -> int:
    """Send today's digests not yet sent; returns how many were sent."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    sent = 0
    for user in _staff_users():
        if DigestSent.objects.filter(user=user, day=local.date()).exists():
            continue
        if not preference_of(user).daily_digest:
            continue
        counts = [c for c in queue_counts_for(user, now=now) if c.waiting]
        with transaction.atomic():
            try:
                with transaction.atomic():
                    DigestSent.objects.create(user=user, day=local.date())
            except IntegrityError:
                continue  # another runner got there first
            if not counts:
                continue  # nothing waiting: no message, but today is done
            waiting = sum(c.waiting for c in counts)
            overdue = sum(c.overdue for c in counts)
            lines = [
                _("%(label)s：待办 %(waiting)d 件，其中超期 %(overdue)d 件 %(url)s")
                % {"label": c.label, "waiting": c.waiting, "overdue": c.overdue, "url": c.url}
                for c in counts
            ]
            notice_send(
                recipient=user,
                kind="digest",
                title=_("今日待办 %(waiting)d 件（超期 %(overdue)d 件）")
                % {"waiting": waiting, "overdue": overdue},
                body="\n".join(lines),
                url=counts[0].url,
            )
            audit_event_record(
                actor=None,
                actor_label="系统",
                verb="digest.sent",
                target=user,
                summary={"day": local.date().isoformat(), "waiting": waiting, "overdue": overdue},
            )
            sent += 1
    return sent
