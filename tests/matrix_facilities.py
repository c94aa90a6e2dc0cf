"""The facilities' part of the permission matrix (tests/policy_facilities.py).

Objects, for "same" (青山村) and "other" (东街社区): a bookable room needing approval (青山村's with a photo;
东街社区's not shared with the neighbours), and a pending booking of each — 青山村's by a resident of 青山村 who is
none of the actors, 东街社区's by its staff. The standard is 永安镇's for both relations. Each POST sends what the
page's form (or the API's body) sends, in a free slot, so an allowed cell really writes.
"""

import datetime as dt
import io
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.roles import Role
from gongzhi.facilities import actions
from gongzhi.facilities.models import FacilityPhoto, FacilityType
from gongzhi.photos.actions import photo_store
from tests.conftest import make_user
from tests.permission_kit import Call


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (160, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    booker = make_user("facility_booker", Role.RESIDENT, areas["village"], display_name="预约居民")
    part: dict = {key: {} for key in ("facility", "booking", "photo", "community", "township")}
    kind = FacilityType.objects.get(name="党员活动室")
    for relation, community in communities.items():
        facility = actions.facility_save(
            actor=staff[relation], community=community, facility_type=kind, name=f"{community.name}活动室",
            opens_at="08:00", closes_at="21:00", bookable=True, capacity=30, approval_required=True,
        )  # fmt: skip
        part["facility"][relation], part["community"][relation] = facility, community
        part["township"][relation] = areas["township"]
        who = booker if relation == "same" else staff["other"]
        part["booking"][relation] = actions.booking_create(
            actor=who, facility=facility, starts_at=_at(3, 9), ends_at=_at(3, 11), headcount=5, purpose="议事"
        )
    photo = photo_store(actor=staff["same"], upload=_png())
    part["photo"]["same"] = FacilityPhoto.objects.create(facility=part["facility"]["same"], photo=photo)
    photo = photo_store(actor=staff["other"], upload=_png())
    part["photo"]["other"] = FacilityPhoto.objects.create(facility=part["facility"]["other"], photo=photo)
    own = FacilityType.objects.create(
        kind="room", name="facilities非遗传习室", township=areas["township"], area_path=areas["township"].path
    )
    part["type"] = {"same": own, "other": own}
    world.parts["facilities"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["facilities"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None):
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def plain(name: str) -> Callable:
    return lambda world, actor, relation: Call(reverse(name))


def _facility_form(world, relation: str) -> dict:
    kind = FacilityType.objects.get(name="调解室")
    return {"facility_type": kind.pk, "name": "调解室", "opens_at": "08:30", "closes_at": "17:30", "note": ""}


def _book_form(world, relation: str) -> dict:
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    return {"day": day, "start": "14:00", "end": "16:00", "headcount": "6", "purpose": "老年协会活动"}


def _photo(world, actor: str, relation: str) -> Call:
    found = _obj(world, "photo", relation)
    return Call(reverse("facilities:photo", args=[found.facility_id, found.pk]))


def _standard(world, relation: str) -> dict:
    kind = FacilityType.objects.get(name="警务室")
    return {"facility_type": kind.pk, "required_village": "1", "required_urban": "1", "signage": "功能室门牌"}


def _type_page(name: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        own = _obj(world, "type", relation)
        return Call(reverse(name, args=[own.township_id, own.pk]), dict(data or {}))

    return call


def _type_api(suffix: str, data: dict) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        own = _obj(world, "type", relation)
        return Call(f"/api/v1/facilities/types/{own.township_id}/{own.pk}/{suffix}", dict(data))

    return call


PAGE_CALLS: dict[str, Callable] = {
    "facilities:index": plain("facilities:index"),
    "facilities:detail": page("facilities:detail", "facility"),
    "facilities:photo": _photo,
    "facilities:edit": page("facilities:edit", "facility", _facility_form),
    "facilities:new": page("facilities:new", "community", _facility_form),
    "facilities:book": page("facilities:book", "facility", _book_form),
    "facilities:booking": page("facilities:booking", "booking"),
    "facilities:approve": page("facilities:approve", "booking"),
    "facilities:refuse": page(
        "facilities:refuse", "booking", lambda world, relation: {"reason": "当天有村民大会"}
    ),
    "facilities:cancel": page("facilities:cancel", "booking"),
    "facilities:gap": plain("facilities:gap"),
    "facilities:export": plain("facilities:export"),
    "facilities:standard": page("facilities:standard", "township", _standard),
    "facilities:types": page(
        "facilities:types", "township", lambda world, relation: {"name": "facilities村史馆", "kind": "room"}
    ),
    "facilities:type_edit": _type_page(
        "facilities:type_edit", {"name": "facilities非遗传承室", "kind": "room"}
    ),
    "facilities:type_retire": _type_page("facilities:type_retire", {"retired": "1"}),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


def _facility_body(world, relation: str) -> dict:
    kind = FacilityType.objects.get(name="调解室")
    return {"community_id": _obj(world, "community", relation).pk, "type_id": kind.pk, "name": "调解室",
            "opens_at": "08:30", "closes_at": "17:30"}  # fmt: skip


def _booking_body(world, relation: str) -> dict:
    return {"starts_at": _at(5, 14).isoformat(), "ends_at": _at(5, 16).isoformat(), "headcount": 6,
            "purpose": "老年协会活动"}  # fmt: skip


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/facilities": lambda world, actor, relation: Call("/api/v1/facilities"),
    "POST /api/v1/facilities": lambda world, actor, relation: Call(
        "/api/v1/facilities", _facility_body(world, relation)
    ),
    "GET /api/v1/facilities/{facility_id}": api("/api/v1/facilities/{}", "facility"),
    "POST /api/v1/facilities/{facility_id}/edit": api(
        "/api/v1/facilities/{}/edit", "facility", _facility_body
    ),
    "POST /api/v1/facilities/{facility_id}/bookings": api(
        "/api/v1/facilities/{}/bookings", "facility", _booking_body
    ),
    "GET /api/v1/facilities/bookings/mine": lambda world, actor, relation: Call(
        "/api/v1/facilities/bookings/mine"
    ),
    "GET /api/v1/facilities/bookings/pending": lambda world, actor, relation: Call(
        "/api/v1/facilities/bookings/pending"
    ),
    "GET /api/v1/facilities/bookings/{booking_id}": api("/api/v1/facilities/bookings/{}", "booking"),
    "POST /api/v1/facilities/bookings/{booking_id}/approve": api(
        "/api/v1/facilities/bookings/{}/approve", "booking"
    ),
    "POST /api/v1/facilities/bookings/{booking_id}/refuse": api(
        "/api/v1/facilities/bookings/{}/refuse",
        "booking",
        lambda world, relation: {"reason": "当天有村民大会"},
    ),
    "POST /api/v1/facilities/bookings/{booking_id}/cancel": api(
        "/api/v1/facilities/bookings/{}/cancel", "booking"
    ),
    "GET /api/v1/facilities/gap": lambda world, actor, relation: Call("/api/v1/facilities/gap"),
    "GET /api/v1/facilities/standards/{township_id}": api("/api/v1/facilities/standards/{}", "township"),
    "POST /api/v1/facilities/standards/{township_id}": api(
        "/api/v1/facilities/standards/{}",
        "township",
        lambda world, relation: {
            "type_id": FacilityType.objects.get(name="警务室").pk,
            "required_village": True,
            "required_urban": True,
            "signage": ["功能室门牌"],
        },
    ),  # fmt: skip
    "GET /api/v1/facilities/types/{township_id}": api("/api/v1/facilities/types/{}", "township"),
    "POST /api/v1/facilities/types/{township_id}": api(
        "/api/v1/facilities/types/{}",
        "township",
        lambda world, relation: {"name": "facilities村史馆", "kind": "room"},
    ),
    "POST /api/v1/facilities/types/{township_id}/{type_id}/edit": _type_api(
        "edit", {"name": "facilities非遗传承室", "kind": "room"}
    ),
    "POST /api/v1/facilities/types/{township_id}/{type_id}/retire": _type_api("retire", {"retired": True}),
}
