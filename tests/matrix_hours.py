"""The service-hours certificate's part of the permission matrix (tests/policy_hours.py).

Objects: for a resident's certificate, the planted residents ("own:<actor>" is the actor's own register entry,
linked to their account; "same", "grid", "other" have no account, so their page says no hours were recorded);
for the verification page, a reference certifying the volunteer's record.
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.hours.certificates import certificate_of
from tests.permission_kit import Call


def build(world) -> None:
    world.parts["hours"] = {"reference": certificate_of(world.users["volunteer"].pk).reference}


def _resident(world, actor: str, relation: str) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    return None if resident is None else Call(reverse("hours:certificate_for", args=[resident.pk]))


PAGE_CALLS: dict[str, Callable] = {
    "hours:certificate": lambda world, actor, relation: Call(reverse("hours:certificate")),
    "hours:certificate_for": _resident,
    "hours:verify": lambda world, actor, relation: Call(
        reverse("hours:verify", args=[world.parts["hours"]["reference"]])
    ),
}
