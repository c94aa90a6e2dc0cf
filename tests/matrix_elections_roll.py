"""The round, the committee and the roll's part of the permission matrix (tests/policy_elections_roll.py).

Objects: a round of 永安镇 with an election per relation ("same" 青山村 by peer_staff, "other" 东街社区 by
other_staff), 40 days ahead: its committee's chair; a roll of the chair and a household (head and child) added
one by one (no planted register resident is on a roll, so no page shows one), published today; an open
objection to the chair's line; a person left off (for an addition) and one for the committee; the household's
spouse has authorised the head (a proxy with its scan, to read, attach to and withdraw).
"""

import datetime as dt
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.elections.actions import roll as actions
from gongzhi.elections.actions.rounds import committee_member_add, election_add, round_open
from gongzhi.elections.models import CommitteeMember, Voter
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Household, Resident
from tests.conftest import clean_input
from tests.pdfs import blank_pdf
from tests.permission_kit import Call


def _person(world, name: str, area_key: str, staff) -> Resident:
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[area_key]})
    return resident_create(actor=staff, data=data)


def _election(world, round_, community_key: str, area_key: str, staff, tag: str) -> dict:
    admin = world.users["township_admin"]
    today = timezone.localdate()
    community = world.areas[community_key]
    election = election_add(actor=admin, round_=round_, community=community,
                            election_day=today + dt.timedelta(days=40), seats=5 if tag == "same" else 7)  # fmt: skip
    chair = _person(world, "矩阵选委主任", area_key, staff)
    committee_member_add(actor=staff, election=election, resident=chair, post="chair", joined_on=today)
    head, child = _person(world, "矩阵户主", area_key, staff), _person(world, "矩阵家人", area_key, staff)
    spouse = _person(world, "矩阵配偶", area_key, staff)
    household = Household.objects.create(number=f"XJ-{tag}", area=head.area, area_path=head.area_path,
                                         community=head.community)  # fmt: skip
    Resident.objects.filter(pk=head.pk).update(household=household, relation_to_head="02")
    Resident.objects.filter(pk=child.pk).update(household=household, relation_to_head="20")
    Resident.objects.filter(pk=spouse.pk).update(household=household, relation_to_head="10")
    for person in (chair, head, child, spouse):
        actions.voter_add(actor=staff, election=election, resident=person, basis="living")
    election.refresh_from_db()
    election = actions.roll_publish(actor=staff, election=election)
    objection = actions.objection_file(actor=staff, election=election, author=chair, subject=chair,
                                       kind="wrongly_on", reason="矩阵：已长期在外定居")  # fmt: skip
    lines = {v.resident_id: v for v in Voter.objects.filter(election=election).select_related("resident")}
    # A proxy already recorded, with its scan (the spouse's, to the head): to read, attach to and withdraw.
    proxy = actions.proxy_authorise(actor=staff, election=election, grantor=lines[spouse.pk],
                                    holder=lines[head.pk], signed_on=timezone.localdate(),
                                    scan=actions.proxy_scan_check(blank_pdf()))  # fmt: skip
    return {
        "proxy": proxy,
        "election": election,
        "member": CommitteeMember.objects.get(election=election),
        "voter": lines[chair.pk],
        "grantor": lines[child.pk],
        "holder": lines[head.pk],
        "objection": objection,
        "left_off": _person(world, "矩阵漏登", area_key, staff),
        "newcomer": _person(world, "矩阵委员", area_key, staff),
    }


def build(world) -> None:
    round_ = round_open(actor=world.users["township_admin"], township=world.areas["township"], term=11,
                        name="第十一届村(社区)三委换届选举")  # fmt: skip
    world.parts["elections_roll"] = {
        "round": round_,
        "same": _election(world, round_, "village", "grid_a1", world.users["peer_staff"], "same"),
        "other": _election(world, round_, "urban", "grid_b1", world.users["other_staff"], "other"),
    }


def _of(world, relation: str) -> dict | None:
    return world.parts["elections_roll"].get(relation)


def _page(name: str, key: str = "election", data: Callable | None = None, extra: tuple = ()) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        objs = _of(world, relation)
        if objs is None:
            return None
        return Call(reverse(name, args=[objs[key].pk, *extra]), data(world, actor, objs) if data else {})

    return call


def _round_page(name: str, data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        round_ = world.parts["elections_roll"]["round"]
        return Call(reverse(name, args=[round_.pk]), data(world) if data else {})

    return call


TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731


def _scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("委托书.pdf", blank_pdf(), content_type="application/pdf")


def _multipart(path: str, key: str, data: Callable) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        objs = _of(world, relation)
        if objs is None:
            return None
        return Call(path.format(objs[key].pk), data(world, actor, objs), multipart=True)

    return call


PAGE_CALLS: dict[str, Callable] = {
    "elections:rounds": lambda world, actor, relation: Call(
        reverse("elections:rounds"),
        {"township": world.areas["township"].pk, "term": "12", "name": "第十二届村(社区)三委换届选举"},
    ),
    "elections:round": _round_page(
        "elections:round",
        lambda world: {"community": world.areas["village"].pk, "election_day": "2099-01-01", "seats": "5"},
    ),
    "elections:round_practice": _round_page(
        "elections:round_practice",
        lambda world: {
            "committee_lead_days": "45",
            "candidates_lead_days": "5",
            "filing_days": "10",
            "shoulder_one_target": "60",
            "cross_holding_target": "50",
        },
    ),  # fmt: skip
    "elections:round_close": _round_page("elections:round_close"),
    "elections:round_export": _round_page("elections:round_export"),
    "elections:election": _page("elections:election"),
    "elections:election_edit": _page(
        "elections:election_edit", data=lambda world, actor, o: {"election_day": "2099-01-01", "seats": "5"}
    ),
    "elections:committee_add": _page(
        "elections:committee_add",
        data=lambda world, actor, o: {"resident": o["newcomer"].pk, "post": "member", "joined_on": TODAY()},
    ),
    "elections:committee_leave": _page(
        "elections:committee_leave",
        "member",
        lambda world, actor, o: {"left_on": TODAY(), "left_reason": "other"},
    ),
    "elections:roll_generate": _page("elections:roll_generate"),
    "elections:roll_publish": _page("elections:roll_publish"),
    "elections:voter_add": _page(
        "elections:voter_add",
        data=lambda world, actor, o: {
            "resident": o["left_off"].pk,
            "basis": "living",
            "reason": "本人户籍在本村",
        },
    ),
    "elections:voter_remove": _page(
        "elections:voter_remove", "voter", lambda world, actor, o: {"reason": "已迁出"}
    ),
    "elections:objection_answer": _page(
        "elections:objection_answer",
        "objection",
        lambda world, actor, o: {"upheld": "yes", "answer": "经核实予以除名"},
    ),
    "elections:proxy_add": _page(
        "elections:proxy_add",
        data=lambda world, actor, o: {
            "grantor": o["grantor"].pk,
            "holder": o["holder"].pk,
            "signed_on": TODAY(),
        },
    ),
    "elections:proxy_scan": _page("elections:proxy_scan", "proxy", lambda world, actor, o: {"scan": _scan()}),
    "elections:proxy_withdraw": _page("elections:proxy_withdraw", "proxy"),
    "elections:paper": _page("elections:paper", extra=("roll",)),
    "elections:voters": _page(
        "elections:voters",
        data=lambda world, actor, o: {
            "subject": o["left_off"].pk,
            "kind": "left_off",
            "basis": "living",
            "reason": "本人户籍在本村且常住",
        },
    ),  # fmt: skip
    "elections:public": _page("elections:public"),
}


def _api(path: str, key: str = "election", data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        objs = _of(world, relation)
        if objs is None:
            return None
        return Call(path.format(objs[key].pk), data(world, actor, objs) if data else {})

    return call


def _own(world, actor: str) -> int:
    own = world.residents.get(f"own:{actor}")
    return own.pk if own is not None else 0


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/elections/rounds/{round_id}": lambda world, actor, relation: Call(
        f"/api/v1/elections/rounds/{world.parts['elections_roll']['round'].pk}"
    ),
    "POST /api/v1/elections/rounds/{round_id}/elections": lambda world, actor, relation: Call(
        f"/api/v1/elections/rounds/{world.parts['elections_roll']['round'].pk}/elections",
        {"community_id": world.areas["village"].pk, "election_day": "2099-01-01", "seats": 5},
    ),
    "POST /api/v1/elections/{election_id}/committee": _api(
        "/api/v1/elections/{}/committee",
        data=lambda world, actor, o: {
            "resident_id": o["newcomer"].pk,
            "post": "member",
            "joined_on": TODAY(),
        },
    ),
    "GET /api/v1/elections/{election_id}/roll": _api("/api/v1/elections/{}/roll"),
    "POST /api/v1/elections/{election_id}/roll/generate": _api("/api/v1/elections/{}/roll/generate"),
    "POST /api/v1/elections/{election_id}/roll/publish": _api("/api/v1/elections/{}/roll/publish"),
    "POST /api/v1/elections/{election_id}/voters": _api(
        "/api/v1/elections/{}/voters",
        data=lambda world, actor, o: {
            "resident_id": o["left_off"].pk,
            "basis": "living",
            "reason": "本人户籍在本村",
        },
    ),
    "POST /api/v1/elections/voters/{voter_id}/remove": _api(
        "/api/v1/elections/voters/{}/remove", "voter", lambda world, actor, o: {"reason": "已迁出"}
    ),
    "POST /api/v1/elections/objections/{objection_id}/answer": _api(
        "/api/v1/elections/objections/{}/answer",
        "objection",
        lambda world, actor, o: {"upheld": True, "answer": "经核实予以除名"},
    ),  # fmt: skip
    "POST /api/v1/elections/{election_id}/proxies": _api(
        "/api/v1/elections/{}/proxies",
        data=lambda world, actor, o: {
            "grantor_id": o["grantor"].pk,
            "holder_id": o["holder"].pk,
            "signed_on": TODAY(),
        },
    ),  # fmt: skip
    "GET /api/v1/elections/{election_id}/proxies": _api("/api/v1/elections/{}/proxies"),
    "POST /api/v1/elections/{election_id}/proxies-with-scan": _multipart(
        "/api/v1/elections/{}/proxies-with-scan",
        "election",
        lambda world, actor, o: {
            "grantor_id": o["grantor"].pk,
            "holder_id": o["holder"].pk,
            "signed_on": TODAY(),
            "scan": _scan(),
        },
    ),  # fmt: skip
    "GET /api/v1/elections/proxies/{proxy_id}/scan": _api("/api/v1/elections/proxies/{}/scan", "proxy"),
    "POST /api/v1/elections/proxies/{proxy_id}/scan": _multipart(
        "/api/v1/elections/proxies/{}/scan", "proxy", lambda world, actor, o: {"scan": _scan()}
    ),
    "POST /api/v1/elections/proxies/{proxy_id}/withdraw": _api(
        "/api/v1/elections/proxies/{}/withdraw", "proxy"
    ),
    "POST /api/v1/elections/{election_id}/objections": _api(
        "/api/v1/elections/{}/objections",
        data=lambda world, actor, o: {
            "author_id": _own(world, actor),
            "subject_id": o["left_off"].pk,
            "kind": "left_off",
            "basis": "living",
            "reason": "本人户籍在本村且常住",
        },
    ),  # fmt: skip
}
