"""People's mediation's part of the permission matrix (tests/policy_mediation.py).

Objects: disputes in each state a move starts from ("received", "accepted", "mediating" with a session,
"agreed" with its PDF, the signed scan and a follow-up that found it not kept, "failed" with its referral
record), one per relation:

- "same": a 青山村 dispute of the `resident` actor (a party, through their own register entry and account)
  and an outsider, assigned to the `mediator` actor (from "mediating" on);
- "grid": a 青山村 dispute of two outsiders, assigned to another mediator of the same committee — the
  `mediator` actor is not on it;
- "other": a 东街社区 dispute of two outsiders, with 东街社区's own committee.

青山村's committee is chaired by the `mediation_chair` actor (a mediator of 青山村 with a base, tests/policy.py):
assigned to none of the cases, it reads "same" and "grid" as their committee's chair and gets 404 for "other",
which 东街社区's own chair (no actor) chairs. No party is a
planted register resident: the pages show parties by name, and the matrix's markers must stay where they
belong. For the roster and the screenings, "same" is 青山村 and "other" 东街社区.
"""

import datetime as dt
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.mediation import actions
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input, make_user
from tests.pdfs import blank_pdf
from tests.permission_kit import Call

SINCE = dt.date(2024, 3, 1)
STATES = ("received", "accepted", "mediating", "agreed", "failed")
OUTSIDER = "13912345678"


def _resident(world, name: str, area, user=None) -> Resident:
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": area})
    staff = (
        world.users["peer_staff"]
        if area.path.startswith(world.areas["village"].path)
        else world.users["other_staff"]
    )
    resident = resident_create(actor=staff, data=data)
    if user is not None:
        Resident.objects.filter(pk=resident.pk).update(user=user)
        resident.refresh_from_db()
    return resident


def _seat(world, body, user, area, post: str) -> None:
    resident = Resident.objects.filter(user=user).first() or _resident(world, "矩阵调解员", area, user=user)
    staff = world.users["peer_staff" if body.area_id == world.areas["village"].pk else "other_staff"]
    member_ensure(actor=staff, body=body, resident=resident, post=post, started_on=SINCE)


def _committee(world, community_key: str, grid_key: str, staff: str, tag: str, chair=None):
    community = world.areas[community_key]
    body = body_ensure(actor=world.users[staff], area=community, kind=BodyKind.MEDIATION)
    chair = chair or make_user(
        f"mediation_chair_{tag}", Role.MEDIATOR, community, display_name="矩阵调委会主任"
    )
    second = make_user(f"mediation_second_{tag}", Role.MEDIATOR, community, display_name="矩阵调解员乙")
    _seat(world, body, chair, world.areas[grid_key], Post.CHAIR)
    _seat(world, body, second, world.areas[grid_key], Post.MEMBER)
    return chair, second


def _dispute(world, *, chair, mediator, community, parties, state: str):
    dispute = actions.dispute_intake(
        actor=chair,
        community=community,
        category="neighbours",
        facts="矩阵纠纷：两户因排水沟发生争执。",
        parties=parties,
    )
    if state == "received":
        return dispute
    dispute = actions.dispute_accept(actor=chair, dispute=dispute)
    if state == "accepted":
        return dispute
    actions.dispute_assign(actor=chair, dispute=dispute, mediator_id=mediator.pk)
    party_ids = list(dispute.parties.values_list("pk", flat=True))
    actions.session_record(
        actor=mediator, dispute=dispute, held_on=timezone.localdate(), place="矩阵调解室", attendees="双方当事人",
        positions={pk: "矩阵意见" for pk in party_ids},
    )  # fmt: skip
    if state == "mediating":
        return dispute
    if state == "failed":
        return actions.dispute_fail(
            actor=mediator, dispute=dispute, referral_to="court", reason="矩阵：分歧太大"
        )
    dispute = actions.dispute_agree(
        actor=mediator,
        dispute=dispute,
        terms="矩阵协议：一方疏通排水沟，另一方不再追究。",
        effective_on=timezone.localdate(),
    )
    actions.agreement_scan_upload(
        actor=mediator, dispute=dispute, upload=SimpleUploadedFile("s.pdf", blank_pdf())
    )
    actions.followup_record(
        actor=mediator,
        dispute=dispute,
        visited_on=timezone.localdate(),
        outcome="not_kept",
        note="矩阵：未履行",
    )
    return dispute


def build(world) -> None:
    users, areas = world.users, world.areas
    village_chair, village_second = _committee(
        world, "village", "grid_a2", "peer_staff", "v", chair=users["mediation_chair"]
    )
    urban_chair, urban_second = _committee(world, "urban", "grid_b1", "other_staff", "u")
    body = body_ensure(actor=users["peer_staff"], area=areas["village"], kind=BodyKind.MEDIATION)
    _seat(world, body, users["mediator"], areas["grid_a1"], Post.MEMBER)
    party = Resident.objects.get(user=users["resident"])

    def outsiders(tag: str) -> list:
        return [
            actions.PartyInput(side="applicant", name=f"矩阵甲{tag}", phone=OUTSIDER),
            actions.PartyInput(side="respondent", name=f"矩阵乙{tag}", phone="13812345670"),
        ]

    cases: dict[str, dict] = {}
    for state in STATES:
        cases[state] = {
            "same": _dispute(
                world, chair=village_chair, mediator=users["mediator"], community=areas["village"], state=state,
                parties=[actions.PartyInput(side="applicant", resident=party),
                         actions.PartyInput(side="respondent", name="矩阵对方", phone=OUTSIDER)],
            ),
            "grid": _dispute(
                world, chair=village_chair, mediator=village_second, community=areas["village"], state=state,
                parties=outsiders("g"),
            ),
            "other": _dispute(
                world, chair=urban_chair, mediator=urban_second, community=areas["urban"], state=state,
                parties=outsiders("o"),
            ),
        }  # fmt: skip
    screening = actions.screening_record(
        actor=village_chair, community=areas["village"], month=dt.date(2024, 6, 1), none_found=True
    )
    world.parts["mediation"] = {
        "cases": cases,
        "screening": screening,
        "communities": {"same": areas["village"], "other": areas["urban"]},
        "second": {"same": village_second, "grid": village_second, "other": urban_second},
        "seat": {
            relation: body_ensure(actor=users["peer_staff"], area=area, kind=BodyKind.MEDIATION)
            .memberships.filter(ended_on=None)
            .first()
            for relation, area in (("same", areas["village"]), ("other", areas["urban"]))
        },
    }


def _case(world, state: str, relation: str):
    return world.parts["mediation"]["cases"][state][relation]


def page(name: str, state: str, data: Callable[[object], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        dispute = _case(world, state, relation)
        return Call(reverse(name, args=[dispute.pk]), data(dispute) if data else {})

    return call


def _intake_form(world) -> dict:
    return {
        "community": world.areas["village"].pk,
        "category": "neighbours",
        "facts": "矩阵登记：两户因噪音发生争执。",
        "p0_side": "respondent",
        "p0_name": "矩阵对方",
        "p0_phone": OUTSIDER,
        "p1_side": "respondent",
        "p2_side": "respondent",
    }


def _session_form(dispute) -> dict:
    return {
        "held_on": timezone.localdate().isoformat(),
        "place": "矩阵调解室",
        "attendees": "双方当事人",
        **{f"position_{pk}": "矩阵意见" for pk in dispute.parties.values_list("pk", flat=True)},
    }


AGREEMENT = {"terms": "矩阵协议：一方疏通排水沟，另一方不再追究。", "effective_on": "2026-01-02"}


def _community_page(name: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        community = world.parts["mediation"]["communities"][relation]
        return Call(reverse(name, args=[community.pk]), dict(data or {}))

    return call


def _training(world, actor: str, relation: str) -> Call:
    seat = world.parts["mediation"]["seat"][relation]
    data = {"held_on": "2026-01-02", "course": "矩阵培训", "hours": "2", "given_by": "县司法局"}
    return Call(reverse("mediation:training", args=[seat.pk]), data)


def _scan(world, actor: str, relation: str) -> Call:
    dispute = _case(world, "agreed", relation)
    return Call(
        reverse("mediation:scan", args=[dispute.pk]), {"scan": SimpleUploadedFile("s.pdf", blank_pdf())}
    )


def _refer(table: str, state: str, name: str) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        found = world.obj(getattr(world, table)[state], actor, relation)
        return None if found is None else Call(reverse(name, args=[found.pk]))

    return call


def _assign_page(world, actor: str, relation: str) -> Call:
    """Assigning the second mediator of the case's committee (one the chair may assign: no party's relative)."""
    dispute = _case(world, "accepted", relation)
    second = world.parts["mediation"]["second"][relation]
    return Call(reverse("mediation:assign", args=[dispute.pk]), {"mediator": str(second.pk)})


def _assign_api(world, actor: str, relation: str) -> Call:
    dispute = _case(world, "accepted", relation)
    second = world.parts["mediation"]["second"][relation]
    return Call(f"/api/v1/mediation/cases/{dispute.pk}/assign", {"mediator_id": second.pk})


PAGE_CALLS: dict[str, Callable] = {
    "situations:refer_mediation": _refer("situations", "handling", "situations:refer_mediation"),
    "wishes:refer_mediation": _refer("wishes", "submitted", "wishes:refer_mediation"),
    "mediation:index": lambda world, actor, relation: Call(reverse("mediation:index")),
    "mediation:intake": lambda world, actor, relation: Call(reverse("mediation:intake"), _intake_form(world)),
    "mediation:stats": lambda world, actor, relation: Call(reverse("mediation:stats")),
    "mediation:committee": _community_page("mediation:committee"),
    "mediation:training": _training,
    "mediation:screenings": _community_page(
        "mediation:screenings", {"month": timezone.localdate().isoformat(), "none_found": "on"}
    ),
    "mediation:detail": page("mediation:detail", "mediating"),
    "mediation:agreement_pdf": page("mediation:agreement_pdf", "agreed"),
    "mediation:scan_pdf": page("mediation:scan_pdf", "agreed"),
    "mediation:referral_pdf": page("mediation:referral_pdf", "failed"),
    "mediation:accept": page("mediation:accept", "received"),
    "mediation:decline": page("mediation:decline", "received", lambda d: {"reason": "矩阵：已由法院受理"}),
    "mediation:assign": _assign_page,
    "mediation:recuse": page("mediation:recuse", "mediating", lambda d: {"reason": "矩阵回避"}),
    "mediation:party_add": page(
        "mediation:party_add",
        "mediating",
        lambda d: {"side": "respondent", "name": "矩阵新当事人", "phone": OUTSIDER},
    ),
    "mediation:session": page("mediation:session", "mediating", _session_form),
    "mediation:agree": page("mediation:agree", "mediating", lambda d: dict(AGREEMENT)),
    "mediation:fail": page(
        "mediation:fail", "mediating", lambda d: {"referral_to": "court", "reason": "矩阵：分歧太大"}
    ),
    "mediation:withdraw": page("mediation:withdraw", "mediating", lambda d: {"reason": "矩阵撤回"}),
    "mediation:scan": _scan,
    "mediation:followup": page(
        "mediation:followup",
        "agreed",
        lambda d: {"visited_on": timezone.localdate().isoformat(), "outcome": "kept", "note": "矩阵回访"},
    ),  # fmt: skip
    "mediation:reopen": page("mediation:reopen", "agreed", lambda d: {"reason": "矩阵：回访未履行"}),
}


def api(path: str, state: str, data: Callable[[object], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        dispute = _case(world, state, relation)
        return Call(path.format(dispute.pk), data(dispute) if data else {})

    return call


def _api_session(dispute) -> dict:
    return {
        "held_on": timezone.localdate().isoformat(),
        "place": "矩阵调解室",
        "attendees": "双方当事人",
        "positions": [
            {"party_id": pk, "text": "矩阵意见"} for pk in dispute.parties.values_list("pk", flat=True)
        ],
    }


def _api_scan(world, actor: str, relation: str) -> Call:
    dispute = _case(world, "agreed", relation)
    return Call(
        f"/api/v1/mediation/cases/{dispute.pk}/scan",
        {"scan": SimpleUploadedFile("s.pdf", blank_pdf())},
        multipart=True,
    )


def _api_community(path: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(world.parts["mediation"]["communities"][relation].pk), dict(data or {}))

    return call


def _api_training(world, actor: str, relation: str) -> Call:
    seat = world.parts["mediation"]["seat"][relation]
    data = {"held_on": "2026-01-02", "course": "矩阵培训", "hours": "2", "given_by": "县司法局"}
    return Call(f"/api/v1/mediation/committee/seats/{seat.pk}/trainings", data)


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/mediation/cases": lambda world, actor, relation: Call("/api/v1/mediation/cases"),
    "POST /api/v1/mediation/cases": lambda world, actor, relation: Call(
        "/api/v1/mediation/cases",
        {
            "community_id": world.areas["village"].pk if actor != "resident" else None,
            "category": "neighbours",
            "facts": "矩阵登记：两户因噪音发生争执。",
            "parties": [{"side": "respondent", "name": "矩阵对方", "phone": OUTSIDER}],
        },
    ),
    "GET /api/v1/mediation/cases/{dispute_id}": api("/api/v1/mediation/cases/{}", "mediating"),
    "POST /api/v1/mediation/cases/{dispute_id}/accept": api("/api/v1/mediation/cases/{}/accept", "received"),
    "POST /api/v1/mediation/cases/{dispute_id}/assign": _assign_api,
    "POST /api/v1/mediation/cases/{dispute_id}/sessions": api(
        "/api/v1/mediation/cases/{}/sessions", "mediating", _api_session
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/close": api(
        "/api/v1/mediation/cases/{}/close", "mediating", lambda d: {"outcome": "agreement", **AGREEMENT}
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/followup": api(
        "/api/v1/mediation/cases/{}/followup",
        "agreed",
        lambda d: {"visited_on": timezone.localdate().isoformat(), "outcome": "kept", "note": "矩阵回访"},
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/decline": api(
        "/api/v1/mediation/cases/{}/decline", "received", lambda d: {"reason": "矩阵：已由法院受理"}
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/recuse": api(
        "/api/v1/mediation/cases/{}/recuse", "mediating", lambda d: {"reason": "矩阵回避"}
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/parties": api(
        "/api/v1/mediation/cases/{}/parties",
        "mediating",
        lambda d: {"side": "respondent", "name": "矩阵新当事人", "phone": OUTSIDER},
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/scan": _api_scan,
    "POST /api/v1/mediation/cases/{dispute_id}/reopen": api(
        "/api/v1/mediation/cases/{}/reopen", "agreed", lambda d: {"reason": "矩阵：回访未履行"}
    ),
    "GET /api/v1/mediation/committees/{community_id}": _api_community("/api/v1/mediation/committees/{}"),
    "POST /api/v1/mediation/committee/seats/{membership_id}/trainings": _api_training,
    "GET /api/v1/mediation/screenings/{community_id}": _api_community("/api/v1/mediation/screenings/{}"),
    "POST /api/v1/mediation/screenings/{community_id}": _api_community(
        "/api/v1/mediation/screenings/{}", {"month": timezone.localdate().isoformat(), "none_found": True}
    ),
}
