"""Bodies for tests that share one world (the permission matrix): each part asks for the bodies and posts it
needs, and gets the ones another part already made instead of a refusal.

A community has one body of each single kind and one holder of each sole post (the party secretary, the
committee's chair, the supervisory committee's chair), so two parts building the same village would refuse
each other; here the later part's holder of a sole post takes over (the earlier one's term ends today)."""

import datetime as dt

from django.utils import timezone

from gongzhi.bodies.actions import SOLE_POSTS, body_create, membership_add, membership_end
from gongzhi.bodies.models import Body, Membership
from gongzhi.bodies.selectors import body_of_kind


def body_ensure(*, actor, area, kind: str) -> Body:
    return body_of_kind(area, kind) or body_create(actor=actor, area=area, kind=kind)


def member_ensure(*, actor, body: Body, resident, post: str, started_on: dt.date) -> Membership:
    current = Membership.objects.filter(body=body, ended_on=None)
    held = current.filter(resident=resident).first()
    if held is not None:
        return held
    if post == SOLE_POSTS.get(body.kind):
        for holder in current.filter(post=post):
            membership_end(actor=actor, membership=holder, ended_on=timezone.localdate(), reason="换届交接")
    return membership_add(actor=actor, body=body, resident=resident, post=post, started_on=started_on)


def accounts_for_roll(body: Body) -> None:
    """An account for everyone due at the body's meeting who has none (the matrix world's 民主评议 is online and
    counts every evaluator, so each needs one; another part may add representatives after the polls part)."""
    from gongzhi.bodies.selectors import body_roll
    from gongzhi.residents.models import Resident
    from tests.conftest import make_user

    for seat in body_roll(body).seats:
        if seat.resident.user_id is None:
            user = make_user(f"roll_{seat.resident.pk}")
            Resident.objects.filter(pk=seat.resident.pk).update(user=user)
