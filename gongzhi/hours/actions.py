"""Crediting service hours: the one writer every feature credits through.

    (a feature's crediting move: a wish confirmed, a micro-service served, …)
        └──hours_credit──▶ ServiceCredit (once per source, source id and helper)

The feature's action has authorized its move, locked its row and written its
own audit row; inside that same transaction it calls `hours_credit`, which
checks the source's registered permission again on the same object (so no
caller can credit without it) and writes the credit once — a second call for
the same (source, source id, helper) returns None and changes nothing (the
unique constraint backs this up). The credit is a consequence of the audited
move, not an audit event of its own.
"""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection

from gongzhi.core.authz import authorize

from .models import ServiceCredit
from .sources import hours_source

if TYPE_CHECKING:
    from gongzhi.accounts.models import User


def hours_credit(
    *,
    actor: "User",
    target: object,
    source: str,
    source_id: int,
    helper_id: int,
    hours: Decimal,
    community_id: int,
) -> ServiceCredit | None:
    """Credit `helper_id` with `hours` for `source` `source_id`, once; None if already credited.

    `target` is the object the source's permission is checked on (the wish, the offer).
    """
    registered = hours_source(source)
    if not connection.in_atomic_block:
        raise RuntimeError("hours_credit must run inside the crediting action's transaction")
    authorize(actor, registered.permission, target)
    if hours is None or hours <= 0:
        raise ValueError(f"service hours must be positive: {hours!r}")
    if ServiceCredit.objects.filter(source=source, source_id=source_id, helper_id=helper_id).exists():
        return None
    return ServiceCredit.objects.create(
        helper_id=helper_id, hours=hours, source=source, source_id=source_id, community_id=community_id
    )
