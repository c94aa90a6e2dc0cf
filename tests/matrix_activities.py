"""The activities' part of the permission matrix (tests/policy_activities.py).

Objects (world.parts["activities"]), all published by the communities' staff (peer_staff over 青山村 for
"same", other_staff over 东街社区 for "other"): "upcoming" activities holding sign-ups — "own:<actor>" each
actor's own, "same"/"grid"/"other" typed by staff for the planted residents of 1组网格, 2组网格 and 东街社区;
"fresh" upcoming activities nobody signed up for (to sign up, edit, cancel); "started" activities with one
sign-up each (to mark attendance) and a report photo. Each POST sends what the page's form (or the API's
body) sends, so an allowed cell really writes.
"""

import datetime as dt
import io
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.activities.models import Activity, ReportPhoto, SignUp
from gongzhi.photos.actions import photo_store
from tests import policy
from tests.activities.conftest import kind, series
from tests.permission_kit import Call


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 160, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def build(world) -> None:
    users, a = world.users, world.areas
    staff = {"same": users["peer_staff"], "grid": users["peer_staff"], "other": users["other_staff"]}
    community = {"same": a["village"], "other": a["urban"]}
    soon, began = timezone.now() + dt.timedelta(days=3), timezone.now() - dt.timedelta(hours=1)
    the_series, the_kind = series(), kind()

    def activity(relation: str, start: dt.datetime) -> Activity:
        world.serial += 1
        place = community[relation]
        return Activity.objects.create(
            title=f"矩阵活动{world.serial}", description="矩阵测试用的活动。", place="文化礼堂", starts_at=start,
            ends_at=start + dt.timedelta(hours=2), places=None, series=the_series, kind=the_kind, volunteer=True,
            community=place, area_path=place.path, published_by=staff[relation],
        )  # fmt: skip

    def sign(on: Activity, resident, user, signed_by) -> SignUp:
        return SignUp.objects.create(
            activity=on, resident=resident, user=user, signed_by=signed_by, assisted=user is None,
            consent_channel="" if user else "in_person", consent_at=None if user else timezone.now(),
        )  # fmt: skip

    part: dict = {"upcoming": {}, "fresh": {}, "started": {}, "signups": {}, "attend": {}, "photo": {}}
    for relation in ("same", "other"):
        part["upcoming"][relation] = activity(relation, soon)
        part["fresh"][relation] = activity(relation, soon)
        part["started"][relation] = started = activity(relation, began)
        part["attend"][relation] = sign(started, world.residents[relation], None, staff[relation])
        photo = photo_store(actor=staff[relation], upload=_png())
        part["photo"][relation] = ReportPhoto.objects.create(activity=started, photo=photo)
        Activity.objects.filter(pk=started.pk).update(report="矩阵活动报道。", reported_at=timezone.now())
    hub = {
        "same": part["upcoming"]["same"],
        "grid": part["upcoming"]["same"],
        "other": part["upcoming"]["other"],
    }
    for relation in ("same", "grid", "other"):
        part["signups"][relation] = sign(hub[relation], world.residents[relation], None, staff[relation])
    for actor in policy.ACTORS:
        if actor == "anonymous":
            continue
        user = users[actor]
        part["signups"][f"own:{actor}"] = sign(hub["same"], world.residents[f"own:{actor}"], user, user)
    world.parts["activities"] = part


def _obj(world, kind: str, actor: str, relation: str):
    table = world.parts["activities"][kind]
    return table.get(f"own:{actor}") if relation == "own" else table[relation]


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _voice(world, actor: str) -> dict:
    """The volunteer represents 青山村's registered group (tests/matrix_orgs.py) and publishes in its name."""
    if actor != "volunteer":
        return {}
    return {"organisation": world.parts["orgs"]["org"]["same"].pk}


def _form(world, relation: str) -> dict:
    start = timezone.now() + dt.timedelta(days=5)
    return {
        "community": (world.areas["village"] if relation == "same" else world.areas["urban"]).pk,
        "series": series().pk, "kind": kind().pk, "title": "矩阵新活动", "description": "矩阵测试发布的活动。",
        "place": "文化礼堂", "starts_at": _local(start), "ends_at": _local(start + dt.timedelta(hours=2)),
        "places": "10",
    }  # fmt: skip


def _edit_form(activity: Activity) -> dict:
    return {
        "series": activity.series_id, "kind": activity.kind_id, "title": activity.title,
        "description": activity.description, "place": "新的地点", "starts_at": _local(activity.starts_at),
        "ends_at": _local(activity.ends_at), "places": "", "volunteer": "on",
    }  # fmt: skip


def page(name: str, kind: str, data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        obj = _obj(world, kind, actor, relation)
        if obj is None:
            return None
        return Call(reverse(name, args=[obj.pk]), data(world, obj, relation) if data else {})

    return call


def _photo_page(world, actor: str, relation: str) -> Call:
    found = world.parts["activities"]["photo"][relation]
    return Call(reverse("activities:photo", args=[found.activity_id, found.pk]))


def _assisted_page(world, actor: str, relation: str) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    if resident is None:
        return None
    fresh = world.parts["activities"]["fresh"]["same"]
    path = reverse("activities:sign_up_assisted", args=[fresh.pk]) + f"?resident={resident.pk}"
    return Call(path, {"resident": resident.pk, "consent_channel": "in_person"})


def _village(name: str) -> Callable:
    return lambda world, actor, relation: Call(reverse(name, args=[world.areas["village"].pk]))


PAGE_CALLS: dict[str, Callable] = {
    "activities:calendar": lambda world, actor, relation: Call(reverse("activities:calendar")),
    "activities:calendar_ics": lambda world, actor, relation: Call(reverse("activities:calendar_ics")),
    "activities:community": _village("activities:community"),
    "activities:community_ics": _village("activities:community_ics"),
    "activities:create": lambda world, actor, relation: Call(
        reverse("activities:create"), {**_form(world, relation), **_voice(world, actor)}
    ),
    "activities:mine": lambda world, actor, relation: Call(reverse("activities:mine")),
    "activities:detail": page("activities:detail", "upcoming"),
    "activities:edit": page("activities:edit", "fresh", lambda world, obj, relation: _edit_form(obj)),
    "activities:cancel": page(
        "activities:cancel", "fresh", lambda world, obj, relation: {"reason": "矩阵取消"}
    ),
    "activities:sign_up": page("activities:sign_up", "fresh"),
    "activities:sign_up_assisted": _assisted_page,
    "activities:signups": page("activities:signups", "upcoming"),
    "activities:attendance": page(
        "activities:attendance",
        "started",
        lambda world, obj, relation: {"signup": [world.parts["activities"]["attend"][relation].pk]},
    ),
    "activities:report": page(
        "activities:report", "started", lambda world, obj, relation: {"report": "矩阵活动报道，写得很好。"}
    ),
    "activities:photo": _photo_page,
    "activities:withdraw": page("activities:withdraw", "signups"),
}


def api(path: str, kind: str, data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        obj = _obj(world, kind, actor, relation)
        if obj is None:
            return None
        return Call(path.format(obj.pk), data(world, obj, relation) if data else {})

    return call


def _api_create(world, actor: str, relation: str) -> Call:
    start = timezone.now() + dt.timedelta(days=5)
    body = {
        "community_id": (world.areas["village"] if relation == "same" else world.areas["urban"]).pk,
        "series_id": series().pk, "kind_id": kind().pk, "title": "矩阵接口活动", "description": "矩阵测试发布的活动。",
        "place": "文化礼堂", "starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=2)).isoformat(),
        "places": 10,
    }  # fmt: skip
    voice = _voice(world, actor)
    if voice:
        body["organisation_id"] = voice["organisation"]
    return Call("/api/v1/activities", body)


def _api_assisted(world, actor: str, relation: str) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    if resident is None:
        return None
    fresh = world.parts["activities"]["fresh"]["same"]
    return Call(
        f"/api/v1/activities/{fresh.pk}/signup-assisted",
        {"resident_id": resident.pk, "consent_channel": "in_person"},
    )


def _api_report_with_photos(world, actor: str, relation: str) -> Call:
    from django.core.files.uploadedfile import SimpleUploadedFile

    started = world.parts["activities"]["started"][relation]
    photo = SimpleUploadedFile("scene.png", _png(), content_type="image/png")
    body = {"report": "矩阵活动报道，写得很好。", "photos": [photo]}
    return Call(f"/api/v1/activities/{started.pk}/report-with-photos", body, multipart=True)


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/activities": lambda world, actor, relation: Call("/api/v1/activities"),
    "POST /api/v1/activities": _api_create,
    "GET /api/v1/activities/signups/mine": lambda world, actor, relation: Call(
        "/api/v1/activities/signups/mine"
    ),
    "GET /api/v1/activities/{activity_id}": api("/api/v1/activities/{}", "upcoming"),
    "GET /api/v1/activities/{activity_id}/signups": api("/api/v1/activities/{}/signups", "upcoming"),
    "POST /api/v1/activities/{activity_id}/signup": api("/api/v1/activities/{}/signup", "fresh"),
    "POST /api/v1/activities/{activity_id}/signup-assisted": _api_assisted,
    "POST /api/v1/activities/signups/{signup_id}/withdraw": api(
        "/api/v1/activities/signups/{}/withdraw", "signups"
    ),
    "POST /api/v1/activities/{activity_id}/attendance": api(
        "/api/v1/activities/{}/attendance",
        "started",
        lambda world, obj, relation: {"signup_ids": [world.parts["activities"]["attend"][relation].pk]},
    ),
    "POST /api/v1/activities/{activity_id}/report": api(
        "/api/v1/activities/{}/report",
        "started",
        lambda world, obj, relation: {"report": "矩阵活动报道，写得很好。"},
    ),
    "POST /api/v1/activities/{activity_id}/report-with-photos": _api_report_with_photos,
    "POST /api/v1/activities/{activity_id}/cancel": api(
        "/api/v1/activities/{}/cancel", "fresh", lambda world, obj, relation: {"reason": "矩阵取消"}
    ),
}


def _api_edit(world, obj: Activity, relation: str) -> dict:
    return {
        "series_id": obj.series_id, "kind_id": obj.kind_id, "title": obj.title, "description": obj.description,
        "place": "新的地点", "starts_at": obj.starts_at.isoformat(), "ends_at": obj.ends_at.isoformat(),
        "places": None, "volunteer": True,
    }  # fmt: skip


API_CALLS |= {
    "POST /api/v1/activities/{activity_id}/edit": api("/api/v1/activities/{}/edit", "fresh", _api_edit),
    "GET /api/v1/activities/organised/mine": lambda world, actor, relation: Call(
        "/api/v1/activities/organised/mine"
    ),
}
