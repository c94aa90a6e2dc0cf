"""Refused attempts leave a trace, and a flood of them cannot fill the trail.

A refused request changed nothing, so no action wrote an audit row for it;
walking through other villages' ids would leave no trace.
`RefusalAuditMiddleware` looks at every answer once, in one place, and
records the refusals as `access.refused` rows (method, path without the
query string, status, page or API; actor and source address as every row
has them), each in its own transaction after the answer is decided.

Who is recorded, and why:

* **Signed-in users and API tokens**: every 401/403/404/429 to a URL that
  resolved to a view. They are accountable people; a staff member or a
  token walking through other communities' residents is exactly what the
  trail is for.
* **Anonymous visitors**: the same answers, counted per source address and
  with a lower limit, and a ceiling for all anonymous addresses together.
  Public pages show only public data, so an anonymous 404 (a wish that is
  not on the wall, an id that does not exist) tells the visitor nothing;
  a few rows per address keep a walk visible without letting a botnet
  write the trail.
* **Never**: URLs that resolve to no view (a scanner asking for
  /wp-login.php probes the software, not the people) — unless the answer
  is 403 or 429, which the app gives only on purpose; and refusals whose
  view already wrote an audit row for the request (a login refused during
  a lockout is its own `auth.locked_out` row), so nothing is told twice.

The flood limit: per actor (user, or address when anonymous) and fixed
10-minute window, the first `USER_LIMIT` (`ANON_LIMIT`) refusals become rows;
the rest are counted in `RefusalTally`, and once the window has ended one
`access.refused_more` row says "… and K more" for that actor and window —
written at the actor's next refusal, or by the periodic job
`audit_refusals_summarise` within five minutes. A flood of N probes from
one account therefore writes at most USER_LIMIT + 1 rows per window.
"""

import datetime as dt
import logging

from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from gongzhi.core.middleware import client_ip, current_request_context

from .actions import audit_chain_lock, audit_event_record, audited_in_request
from .models import RefusalTally

logger = logging.getLogger(__name__)

WINDOW = dt.timedelta(minutes=10)
USER_LIMIT = 20
ANON_LIMIT = 5
ANON_TOTAL_LIMIT = 100
ANON_ALL = "ip:*"  # the ceiling shared by every anonymous address
RECORDED_STATUSES = frozenset({401, 403, 404, 429})
ALWAYS_RECORDED = frozenset({403, 429})  # deliberate refusals, even where no view resolved


def window_start_of(moment: dt.datetime) -> dt.datetime:
    utc = moment.astimezone(dt.UTC)
    return utc.replace(minute=utc.minute - utc.minute % 10, second=0, microsecond=0)


def _tally(key: str, start: dt.datetime) -> RefusalTally:
    tally, _created = RefusalTally.objects.get_or_create(key=key, window_start=start)
    return tally


def _summarise(tallies) -> int:
    """One `access.refused_more` row per ended window with uncounted refusals; the tallies go."""
    from gongzhi.accounts.models import User

    written = 0
    for tally in tallies:
        if tally.suppressed:
            actor, label, ip = None, None, ""
            if tally.key.startswith("user:"):
                actor = User.objects.filter(pk=int(tally.key[5:])).first()
            elif tally.key == ANON_ALL:
                label = "匿名（多个地址）"
            else:
                ip = tally.key[3:]
            end = tally.window_start + WINDOW
            audit_event_record(
                actor=actor,
                actor_label=label,
                verb="access.refused_more",
                success=False,
                source_ip=ip,
                summary={
                    "count": tally.suppressed,
                    "recorded": tally.recorded,
                    "window_start": timezone.localtime(tally.window_start).isoformat(),
                    "window_end": timezone.localtime(end).isoformat(),
                },
            )
            written += 1
        tally.delete()
    return written


def audit_refusals_summarise(*, now: dt.datetime | None = None) -> int:
    """For the periodic runner: summarise and clear every ended window (idempotent)."""
    start = window_start_of(now or timezone.now())
    with transaction.atomic():
        audit_chain_lock()
        return _summarise(RefusalTally.objects.filter(window_start__lt=start).order_by("window_start", "pk"))


def refusal_record(
    *, user, source_ip: str, method: str, path: str, status: int, via: str, now: dt.datetime | None = None
) -> bool:
    """Record one refused request within the limits; True if it became its own row."""
    moment = now or timezone.now()
    start = window_start_of(moment)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    key = f"user:{user.pk}" if signed_in else f"ip:{source_ip or '?'}"[:80]
    with transaction.atomic():
        # Every audit writer takes this lock: the tallies below cannot race.
        audit_chain_lock()
        _summarise(RefusalTally.objects.filter(key__in=[key, ANON_ALL], window_start__lt=start))
        own = _tally(key, start)
        counter = own if own.recorded >= (USER_LIMIT if signed_in else ANON_LIMIT) else None
        shared = None
        if not signed_in and counter is None:
            shared = _tally(ANON_ALL, start)
            if shared.recorded >= ANON_TOTAL_LIMIT:
                counter = shared
        if counter is not None:
            RefusalTally.objects.filter(pk=counter.pk).update(suppressed=F("suppressed") + 1)
            return False
        RefusalTally.objects.filter(pk__in=[t.pk for t in (own, shared) if t]).update(
            recorded=F("recorded") + 1
        )
        audit_event_record(
            actor=user if signed_in else None,
            verb="access.refused",
            success=False,
            source_ip=source_ip,
            summary={"method": method, "path": path[:200], "status": status, "via": via},
        )
        return True


class RefusalAuditMiddleware:
    """The one place refusals are noticed: after the answer, whatever view or API gave it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        if status not in RECORDED_STATUSES:
            return response
        resolved = getattr(request, "resolver_match", None) is not None
        if not resolved and status not in ALWAYS_RECORDED:
            return response
        if audited_in_request(current_request_context().request_id):
            return response  # its view already wrote the row (a lockout is auth.locked_out)
        try:
            refusal_record(
                user=getattr(request, "user", None),
                source_ip=client_ip(request),
                method=request.method or "",
                path=request.path,
                status=status,
                via="api" if request.path.startswith("/api/") else "page",
            )
        except DatabaseError:
            # The refusal stands either way; a busy database must not turn it into a 500.
            logger.exception("could not record a refused request")
        return response
