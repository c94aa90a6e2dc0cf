"""The count over the API (issue 13): nominations to the new committee and a recall through the API only, every
refusal answered with its status and Chinese message while nothing changes, idempotent creations, and the
double entry's blindness (a clerk never reads the other's figures)."""

import datetime as dt
import json
import uuid

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create, membership_add, membership_end
from gongzhi.bodies.models import BodyKind, Membership, Post
from gongzhi.elections.models import (
    BallotBox,
    CountLine,
    CountSheet,
    Election,
    Nomination,
    Nominator,
    Poll,
    Recall,
    Round,
    Scrutineer,
    Voter,
    VoterBasis,
)
from gongzhi.residents.models import Resident
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
API = "/api/v1/elections"


class Api:
    """A token per user, made before the test counts anything (creating a token is audited)."""

    def __init__(self, client, users: dict) -> None:
        self.client = client
        self.headers = {}
        for name, user in users.items():
            _token, key = api_token_create(actor=user, user=user, name="test")
            self.headers[name] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, who: str, path: str, body: dict | None = None, key: str | None = None):
        extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
        return self.client.post(
            API + path, json.dumps(body or {}), content_type="application/json", **self.headers[who], **extra
        )

    def get(self, who: str, path: str):
        return self.client.get(API + path, **self.headers[who])


def state() -> tuple:
    """Everything a refused request must leave as it was (the refusal trail aside)."""
    return (
        tuple(Nomination.objects.values_list("id", "status", "reason")),
        Nominator.objects.count(),
        tuple(Election.objects.values_list("candidates_published_at", "result_filed_at")),
        tuple(Poll.objects.values_list("id", "signed_off_at", "announced_at", "result")),
        tuple(BallotBox.objects.values_list("id", "issued", "returned", "spoiled")),
        CountSheet.objects.count(),
        tuple(CountLine.objects.values_list("id", "votes")),
        Scrutineer.objects.count(),
        Recall.objects.count(),
        tuple(Membership.objects.values_list("id", "ended_on")),
        AuditEvent.objects.exclude(verb__startswith="access.").exclude(verb__startswith="auth.").count(),
    )


def refused(response, status: int, message: str) -> None:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert body["code"]
    assert message in body["message"], body["message"]


@pytest.fixture
def world(client, users, areas, make_resident):
    round_ = Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )
    election = Election.objects.create(
        round=round_,
        community=areas["village"],
        election_day=TODAY + dt.timedelta(days=30),
        seats=2,
        roll_published_at=timezone.now(),
    )
    staff = users["community_staff"]
    voters = []
    for i in range(10):
        person = make_resident(name="选民" + "甲乙丙丁戊己庚辛壬癸"[i], gender="F" if i in (2, 5) else "M")
        voters.append(
            Voter.objects.create(election=election, resident=person, basis=VoterBasis.LIVING, added_by=staff)
        )
    # The resident actor is a voter of the community (who reads its published candidates).
    Resident.objects.filter(pk=voters[5].resident_id).update(user=users["resident"])
    clerk = make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"])
    api = Api(
        client,
        {
            "staff": staff,
            "clerk": clerk,
            "supervisor": users["supervisor"],
            "resident": users["resident"],
            "other_staff": users["other_staff"],
        },
    )
    return {"election": election, "voters": voters, "api": api, "users": users, "areas": areas}


def _v(world, *indexes) -> list[int]:
    return [world["voters"][i].pk for i in indexes]


def _nominate(world, indexes=(0, 1, 2)) -> list[int]:
    api, election = world["api"], world["election"]
    ids = []
    for i in indexes:
        created = api.post("staff", f"/{election.pk}/nominations", {"candidate_id": world["voters"][i].pk,
                                                                   "nominator_ids": _v(world, 6, 7, 8)})  # fmt: skip
        assert created.status_code == 201, created.content.decode()
        ids.append(created.json()["id"])
    return ids


def _published(world) -> list[int]:
    api = world["api"]
    ids = _nominate(world)
    for pk in ids:
        assert api.post("staff", f"/nominations/{pk}/decide", {"accept": True}).status_code == 200
    assert api.post("staff", f"/{world['election'].pk}/candidates/publish").status_code == 200
    return ids


def _poll(world, kind="first", recall_id=None) -> int:
    body = {"kind": kind, "held_on": TODAY.isoformat(), "meeting_place": "村委会大院", "recall_id": recall_id}
    opened = world["api"].post("staff", f"/{world['election'].pk}/polls", body)
    assert opened.status_code == 201, opened.content.decode()
    return opened.json()["id"]


def _box(world, poll_id) -> int:
    api = world["api"]
    box = api.post(
        "staff", f"/polls/{poll_id}/boxes", {"kind": "central", "place": "村委会大院", "staff": "王会计"}
    )
    assert box.status_code == 201, box.content.decode()
    box_id = box.json()["id"]
    paper = api.post("staff", f"/boxes/{box_id}/paper", {"issued": 10, "returned": 9, "spoiled": 1})
    assert paper.status_code == 200, paper.content.decode()
    return box_id


def _votes(figures: dict[int, int]) -> dict:
    return {"votes": [{"nomination_id": pk, "votes": n} for pk, n in figures.items()]}


def test_an_election_from_nominations_to_the_new_committee_through_the_api_only(world):
    api, election, voters = world["api"], world["election"], world["voters"]
    committee = body_create(actor=world["users"]["community_staff"], area=world["areas"]["village"],
                            kind=BodyKind.COMMITTEE)  # fmt: skip
    old = membership_add(actor=world["users"]["community_staff"], body=committee, resident=voters[9].resident,
                         post=Post.CHAIR, started_on=TODAY - dt.timedelta(days=1000), term="第十届")  # fmt: skip
    # A member of the previous term who left today: a current post still, whose leaving is already recorded.
    left = membership_add(actor=world["users"]["community_staff"], body=committee, resident=voters[8].resident,
                          post=Post.MEMBER, started_on=TODAY - dt.timedelta(days=1000), term="第十届")  # fmt: skip
    membership_end(actor=world["users"]["community_staff"], membership=left, ended_on=TODAY, reason="辞职")

    # Nominations: the runner reads the candidate's name, a reader who does not run it a masked one.
    a, b, c = _nominate(world)
    listed = api.get("staff", f"/{election.pk}/nominations").json()
    assert [(n["id"], n["candidate"], n["status"], n["nominators"]) for n in listed] == [
        (a, "选民甲", "pending", 3),
        (b, "选民乙", "pending", 3),
        (c, "选民丙", "pending", 3),
    ]
    assert [n["candidate"] for n in api.get("supervisor", f"/{election.pk}/nominations").json()] == [
        "选**"
    ] * 3
    for pk in (a, b, c):
        assert api.post("staff", f"/nominations/{pk}/decide", {"accept": True}).json() == {"id": pk}
    published = api.post("staff", f"/{election.pk}/candidates/publish")
    assert published.status_code == 200
    assert published.json()["published_at"]
    # The community's residents read the published candidates.
    read = api.get("resident", f"/{election.pk}/candidates").json()
    assert sorted(c["name"] for c in read["candidates"]) == ["选民丙", "选民乙", "选民甲"]

    # Election day: the poll, a box and its paper; the board lists the choices.
    poll_id = _poll(world)
    box_id = _box(world, poll_id)
    board = api.get("supervisor", f"/polls/{poll_id}").json()
    assert {c["nomination_id"] for c in board["choices"]} == {a, b, c}
    assert board["boxes"][0] | {"id": 0} == {
        "id": 0, "kind": "central", "place": "村委会大院", "staff": "王会计", "issued": 10, "returned": 9,
        "spoiled": 1, "sheets": 0, "mine": False, "disagreements": [],
    }  # fmt: skip

    # The double entry: the first clerk's figures are hers alone until the second sheet is in.
    first = api.post("staff", f"/boxes/{box_id}/sheets", _votes({a: 8, b: 6, c: 2}))
    assert first.status_code == 201, first.content.decode()
    assert {v["nomination_id"]: v["votes"] for v in first.json()["votes"]} == {a: 8, b: 6, c: 2}
    assert api.get("clerk", f"/boxes/{box_id}/sheets/mine").status_code == 404
    board = api.get("clerk", f"/polls/{poll_id}").json()["boxes"][0]
    assert (board["sheets"], board["mine"], board["disagreements"]) == (1, False, [])
    assert "8" not in json.dumps(board["disagreements"])
    second = api.post("clerk", f"/boxes/{box_id}/sheets", _votes({a: 8, b: 5, c: 2}))
    assert second.status_code == 201
    board = api.get("staff", f"/polls/{poll_id}").json()["boxes"][0]
    assert board["disagreements"] == [{"candidate": "选民乙", "first": 6, "second": 5}]
    refused(
        api.post("staff", f"/polls/{poll_id}/sign-off", {"scrutineer_ids": _v(world, 6, 7)}), 400, "不一致"
    )

    # The second clerk corrects her own sheet (audited with the figures changed); the clerks agree.
    corrected = api.post("clerk", f"/boxes/{box_id}/sheets/mine", _votes({a: 8, b: 6, c: 2}))
    assert corrected.status_code == 200
    assert corrected.json()["corrected_at"]
    mine = api.get("clerk", f"/boxes/{box_id}/sheets/mine").json()
    assert {v["nomination_id"]: v["votes"] for v in mine["votes"]} == {a: 8, b: 6, c: 2}
    assert api.get("staff", f"/polls/{poll_id}").json()["boxes"][0]["disagreements"] == []
    change = AuditEvent.objects.get(verb="elections.count_corrected")
    assert change.summary["changes"] == [{"choice": b, "from": 5, "to": 6}]

    # Sign-off computes the result; announced, it is read by anyone with a token, its figures by readers.
    signed = api.post("staff", f"/polls/{poll_id}/sign-off", {"scrutineer_ids": _v(world, 6, 7)})
    assert signed.status_code == 200, signed.content.decode()
    assert signed.json()["result"]["elected"] == [a, b]
    assert api.get("resident", f"/{election.pk}/result").status_code == 404  # not announced yet
    announced = api.post("staff", f"/polls/{poll_id}/announce")
    assert announced.json()["announced_at"]
    public = api.get("resident", f"/{election.pk}/result").json()
    assert public["elected"] == ["选民甲", "选民乙"]
    assert public["without_woman"] is True
    assert public["rounds"][0]["rows"] == [
        {"candidate": "选民甲", "votes": 8, "elected": True},
        {"candidate": "选民乙", "votes": 6, "elected": True},
        {"candidate": "选民丙", "votes": 2, "elected": False},
    ]
    assert public["results"] is None
    assert api.get("supervisor", f"/{election.pk}/result").json()["results"][0]["boxes"][0]["issued"] == 10

    # Filed with the township, the elected take their posts; the previous term ends the day before.
    filed = api.post("staff", f"/{election.pk}/file")
    assert filed.json()["result_filed_at"]
    installed = api.post("staff", f"/{election.pk}/install", {
        "posts": [{"nomination_id": a, "post": "chair"}, {"nomination_id": b, "post": "member"}],
        "started_on": TODAY.isoformat(),
    })  # fmt: skip
    assert installed.status_code == 200, installed.content.decode()
    assert [(m["name"], m["post"], m["term"]) for m in installed.json()] == [
        ("选民甲", "chair", "第十一届"),
        ("选民乙", "member", "第十一届"),
    ]
    old.refresh_from_db()
    assert old.ended_on == TODAY - dt.timedelta(days=1)
    left.refresh_from_db()
    assert (left.ended_on, left.end_reason) == (TODAY, "辞职")
    assert list(
        AuditEvent.objects.filter(verb__startswith="elections.").order_by("id").values_list("verb", flat=True)
    ) == [
        *["elections.nominated"] * 3,
        *["elections.nomination_accepted"] * 3,
        "elections.candidates_published",
        "elections.poll_opened",
        "elections.box_added",
        "elections.box_paper_recorded",
        "elections.count_entered",
        "elections.count_entered",
        "elections.count_corrected",
        "elections.count_signed",
        "elections.result_announced",
        "elections.result_filed",
        "elections.committee_installed",
    ]


def test_every_creation_replayed_with_its_key_gives_the_same_object_and_creates_nothing(world):
    api, election, voters = world["api"], world["election"], world["voters"]
    body = {"candidate_id": voters[0].pk, "nominator_ids": _v(world, 6)}
    key = uuid.uuid4().hex
    first = api.post("staff", f"/{election.pk}/nominations", body, key=key)
    again = api.post("staff", f"/{election.pk}/nominations", body, key=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Nomination.objects.count() == 1
    before = state()
    refused(
        api.post("staff", f"/{election.pk}/nominations", {**body, "nominator_ids": _v(world, 7)}, key=key),
        422,
        "Idempotency-Key 已用于一次内容不同的请求",
    )
    assert state() == before

    _nominate(world, (1, 2))
    for nomination in Nomination.objects.all():
        assert api.post("staff", f"/nominations/{nomination.pk}/decide", {"accept": True}).status_code == 200
    assert api.post("staff", f"/{election.pk}/candidates/publish").status_code == 200
    ids = list(Nomination.objects.filter(status="accepted").values_list("pk", flat=True))
    assert len(ids) == 3
    poll_body = {"kind": "first", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}
    key = uuid.uuid4().hex
    polls = [api.post("staff", f"/{election.pk}/polls", poll_body, key=key) for _ in range(2)]
    assert [p.status_code for p in polls] == [201, 201]
    assert polls[0].json() == polls[1].json()
    poll_id = polls[0].json()["id"]
    box_body = {"kind": "mobile", "place": "敬老院", "staff": "王会计、李出纳"}
    key = uuid.uuid4().hex
    boxes = [api.post("staff", f"/polls/{poll_id}/boxes", box_body, key=key) for _ in range(3)]
    assert {b.json()["id"] for b in boxes} == {boxes[0].json()["id"]}
    assert BallotBox.objects.count() == 1
    box_id = boxes[0].json()["id"]
    api.post("staff", f"/boxes/{box_id}/paper", {"issued": 10, "returned": 9, "spoiled": 1})
    key = uuid.uuid4().hex
    sheets = [
        api.post("staff", f"/boxes/{box_id}/sheets", _votes(dict.fromkeys(ids, 3)), key=key) for _ in range(2)
    ]
    assert [s.status_code for s in sheets] == [201, 201]
    assert sheets[0].json() == sheets[1].json()
    assert CountSheet.objects.count() == 1
    assert AuditEvent.objects.filter(verb="elections.count_entered").count() == 1
    # Without the key, a second entry by the same clerk is refused: a correction goes to her own sheet.
    refused(
        api.post("staff", f"/boxes/{box_id}/sheets", _votes(dict.fromkeys(ids, 3))), 409, "同一人不能录入两次"
    )
    assert Poll.objects.count() == 1


def test_the_refusals_of_nominations_and_publication_change_nothing(world):
    api, election, voters = world["api"], world["election"], world["voters"]
    path = f"/{election.pk}/nominations"
    gone = voters[9]
    gone.removed_at = timezone.now()
    gone.save(update_fields=["removed_at"])
    before = state()
    refused(api.post("staff", path, {"candidate_id": voters[0].pk, "nominator_ids": []}), 400, "请填写提名人")
    refused(api.post("staff", path, {"candidate_id": gone.pk, "nominator_ids": _v(world, 6)}), 400,
            "选民癸不在本村(社区)的选民名单上")  # fmt: skip
    refused(api.post("staff", path, {"candidate_id": voters[0].pk, "nominator_ids": _v(world, 6, 6)}), 400,
            "同一位提名人填写了两次")  # fmt: skip
    refused(api.post("staff", path, {"candidate_id": 10**9, "nominator_ids": _v(world, 6)}), 404, "未找到")
    refused(api.post("supervisor", path, {"candidate_id": voters[0].pk, "nominator_ids": _v(world, 6)}), 403,
            "没有权限")  # fmt: skip
    refused(api.post("other_staff", path, {"candidate_id": voters[0].pk, "nominator_ids": _v(world, 6)}), 404,
            "未找到")  # fmt: skip
    assert api.post("staff", path, {"candidate_id": voters[0].pk, "nominator_ids": "x"}).status_code == 422
    assert state() == before

    a, b = _nominate(world, (0, 1))
    before = state()
    refused(api.post("staff", path, {"candidate_id": voters[0].pk, "nominator_ids": _v(world, 7)}), 409,
            "选民甲已经被提名过了")  # fmt: skip
    refused(api.post("staff", f"/nominations/{a}/decide", {"accept": False, "reason": ""}), 400, "理由")
    refused(api.post("staff", f"/{election.pk}/candidates/publish"), 400, "还有提名没有审核")
    refused(api.post("supervisor", f"/nominations/{a}/decide", {"accept": True}), 403, "没有权限")
    refused(api.post("other_staff", f"/nominations/{a}/decide", {"accept": True}), 404, "未找到")
    refused(api.post("staff", f"/{election.pk}/polls", {"kind": "first", "held_on": TODAY.isoformat(),
                                                        "meeting_place": "村委会大院"}), 400, "候选人名单公布后")  # fmt: skip
    assert api.get("resident", f"/{election.pk}/candidates").json()["candidates"] == []
    assert api.get("other_staff", f"/{election.pk}/nominations").status_code == 404
    assert state() == before

    api.post("staff", f"/nominations/{a}/decide", {"accept": True})
    rejected = api.post("staff", f"/nominations/{b}/decide", {"accept": False, "reason": "不符合条件"})
    assert rejected.status_code == 200
    before = state()
    refused(api.post("staff", f"/nominations/{b}/decide", {"accept": True}), 409, "已经审核过了")
    refused(api.post("staff", f"/{election.pk}/candidates/publish"), 400, "候选人应多于应选名额")
    assert state() == before
    listed = {n["id"]: n for n in api.get("staff", f"/{election.pk}/nominations").json()}
    assert (listed[b]["status"], listed[b]["reason"]) == ("rejected", "不符合条件")
    assert listed[b]["decided_at"]


def test_the_refusals_of_election_day_and_the_count_change_nothing(world):
    api, election = world["api"], world["election"]
    a, b, c = _published(world)
    poll_id = _poll(world)
    before = state()
    place = {"held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}
    refused(
        api.post("staff", f"/{election.pk}/polls", {"kind": "first", **place}), 409, "这一轮投票已经登记过了"
    )
    refused(api.post("staff", f"/{election.pk}/polls", {"kind": "third", **place}), 400, "未知的投票类型")
    refused(api.post("staff", f"/{election.pk}/polls", {"kind": "second", **place}), 400, "另行选举")
    refused(api.post("staff", f"/{election.pk}/polls", {"kind": "recall", "recall_id": 10**9, **place}), 404,
            "未找到")  # fmt: skip
    refused(api.post("staff", f"/polls/{poll_id}/boxes", {"kind": "tent", "place": "大院", "staff": "王会计"}),
            400, "未知的票箱类型")  # fmt: skip
    refused(api.post("supervisor", f"/polls/{poll_id}/boxes", {"kind": "central", "place": "大院", "staff": "王"}),
            403, "没有权限")  # fmt: skip
    refused(
        api.post("staff", f"/polls/{poll_id}/sign-off", {"scrutineer_ids": _v(world, 6, 7)}),
        400,
        "还没有登记票箱",
    )
    refused(api.post("staff", f"/polls/{poll_id}/announce"), 400, "监票人签字后")
    refused(api.post("staff", f"/{election.pk}/file"), 400, "选举结果宣布后")
    assert api.get("other_staff", f"/polls/{poll_id}").status_code == 404
    assert state() == before

    box = api.post(
        "staff", f"/polls/{poll_id}/boxes", {"kind": "central", "place": "村委会大院", "staff": "王会计"}
    )
    box_id = box.json()["id"]
    before = state()
    refused(api.post("staff", f"/boxes/{box_id}/sheets", _votes({a: 1, b: 1, c: 1})), 400, "请先登记这个票箱")
    refused(api.post("staff", f"/boxes/{box_id}/paper", {"issued": 5, "returned": 6, "spoiled": 0}), 400,
            "收回的选票（6张）多于发出的选票（5张）")  # fmt: skip
    refused(api.post("staff", f"/boxes/{box_id}/paper", {"issued": 5, "returned": 4, "spoiled": 5}), 400,
            "无效票不能多于收回的选票")  # fmt: skip
    refused(api.post("other_staff", f"/boxes/{box_id}/paper", {"issued": 5, "returned": 4, "spoiled": 0}), 404,
            "未找到")  # fmt: skip
    assert state() == before

    api.post("staff", f"/boxes/{box_id}/paper", {"issued": 10, "returned": 9, "spoiled": 1})
    before = state()
    sheets = f"/boxes/{box_id}/sheets"
    refused(api.post("staff", sheets, _votes({a: 1, b: 1})), 400, "请为每一位候选人填写得票数")
    refused(
        api.post("staff", sheets, _votes({a: 9, b: 1, c: 1})), 400, "得票数（9）多于这个票箱的有效票（8张）"
    )
    refused(api.post("staff", sheets, _votes({a: 8, b: 8, c: 8})), 400, "得票总数多于有效票乘以应选名额")
    refused(api.post("staff", sheets, _votes({a: -1, b: 1, c: 1})), 400, "不小于0的整数")
    refused(
        api.post("staff", sheets, {"votes": [{"nomination_id": a, "votes": 1}] * 2}),
        400,
        "同一位候选人填写了两次",
    )
    refused(api.post("supervisor", sheets, _votes({a: 1, b: 1, c: 1})), 403, "没有权限")
    refused(api.post("staff", f"/boxes/{box_id}/sheets/mine", _votes({a: 1, b: 1, c: 1})), 404, "未找到")
    assert state() == before

    api.post("staff", sheets, _votes({a: 5, b: 4, c: 3}))
    before = state()
    refused(api.post("staff", f"/polls/{poll_id}/sign-off", {"scrutineer_ids": _v(world, 6, 7)}), 400,
            "只有一位录入员录入")  # fmt: skip
    refused(api.post("staff", f"/boxes/{box_id}/paper", {"issued": 10, "returned": 9, "spoiled": 0}), 400,
            "已经开始录入这个票箱的计票")  # fmt: skip
    # The second clerk reads nobody's sheet but her own; the supervisor has none.
    assert api.get("clerk", f"/boxes/{box_id}/sheets/mine").status_code == 404
    assert api.get("supervisor", f"/boxes/{box_id}/sheets/mine").status_code == 404
    assert "5" not in json.dumps(api.get("clerk", f"/polls/{poll_id}").json()["boxes"][0]["disagreements"])
    assert state() == before

    api.post("clerk", sheets, _votes({a: 5, b: 4, c: 3}))
    # A third clerk is one too many.
    third = make_user("clerk3", Role.COMMUNITY_STAFF, world["areas"]["village"])
    _token, key = api_token_create(actor=third, user=third, name="test")
    api.headers["third"] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    before = state()
    refused(api.post("third", sheets, _votes({a: 5, b: 4, c: 3})), 409, "已经有两位录入员录入了")
    sign = f"/polls/{poll_id}/sign-off"
    refused(api.post("staff", sign, {"scrutineer_ids": _v(world, 6)}), 400, "请填写至少两位监票人")
    refused(api.post("staff", sign, {"scrutineer_ids": _v(world, 0, 6)}), 400, "候选人选民甲不能担任监票人")
    refused(api.post("staff", sign, {"scrutineer_ids": [*_v(world, 6), 10**9]}), 404, "未找到")
    refused(api.post("supervisor", sign, {"scrutineer_ids": _v(world, 6, 7)}), 403, "没有权限")
    assert state() == before

    assert api.post("staff", sign, {"scrutineer_ids": _v(world, 6, 7)}).status_code == 200
    before = state()
    refused(
        api.post("staff", f"/boxes/{box_id}/sheets/mine", _votes({a: 4, b: 4, c: 3})), 400, "监票人已签字"
    )
    refused(api.post("staff", sign, {"scrutineer_ids": _v(world, 6, 7)}), 400, "监票人已签字")
    refused(api.post("staff", f"/{election.pk}/install", {"posts": [], "started_on": TODAY.isoformat()}), 400,
            "选举结果报备后")  # fmt: skip
    assert api.get("resident", f"/{election.pk}/result").status_code == 404
    assert state() == before
    api.post("staff", f"/polls/{poll_id}/announce")
    before = state()
    refused(api.post("staff", f"/polls/{poll_id}/announce"), 409, "结果已经宣布过了")
    assert state() == before
    api.post("staff", f"/{election.pk}/file")
    before = state()
    refused(api.post("staff", f"/{election.pk}/file"), 409, "结果已经报备过了")
    # Only 选民甲 has more than half of the 9 ballots cast: one seat is unfilled.
    install = f"/{election.pk}/install"
    day = TODAY.isoformat()
    refused(api.post("staff", install, {"posts": [{"nomination_id": a, "post": "chair"}, {"nomination_id": b,
            "post": "member"}], "started_on": day}), 400, "请为每一位当选人选择职务")  # fmt: skip
    refused(api.post("staff", install, {"posts": [{"nomination_id": a, "post": "chair"}] * 2, "started_on": day}),
            400, "同一位当选人填写了两次")  # fmt: skip
    refused(api.post("staff", install, {"posts": [{"nomination_id": a, "post": "boss"}], "started_on": day}), 400,
            "没有这个职务")  # fmt: skip
    refused(api.post("staff", install, {"posts": [{"nomination_id": a, "post": "chair"}], "started_on": day}), 400,
            "请先在组织中登记")  # fmt: skip
    assert state() == before


def test_a_recall_through_the_api_ends_the_recalled_members_post(world):
    api, election, voters = world["api"], world["election"], world["voters"]
    staff = world["users"]["community_staff"]
    committee = body_create(actor=staff, area=world["areas"]["village"], kind=BodyKind.COMMITTEE)
    member = membership_add(actor=staff, body=committee, resident=voters[9].resident, post=Post.MEMBER,
                            started_on=TODAY - dt.timedelta(days=400))  # fmt: skip
    body = {
        "membership_id": member.pk,
        "reason": "长期不履职",
        "supporter_ids": _v(world, 0),
        "proposed_on": TODAY.isoformat(),
    }
    before = state()
    refused(api.post("staff", f"/{election.pk}/recalls", body), 400, "联名人数不足")
    refused(api.post("staff", f"/{election.pk}/recalls", {**body, "membership_id": 10**9}), 404, "未找到")
    refused(api.post("staff", f"/{election.pk}/recalls", {**body, "supporter_ids": _v(world, 0, 1), "reason": "差"}),
            400, "罢免理由")  # fmt: skip
    refused(api.post("supervisor", f"/{election.pk}/recalls", {**body, "supporter_ids": _v(world, 0, 1)}), 403,
            "没有权限")  # fmt: skip
    assert state() == before

    key = uuid.uuid4().hex
    body = {**body, "supporter_ids": _v(world, 0, 1)}
    proposed = [api.post("staff", f"/{election.pk}/recalls", body, key=key) for _ in range(2)]
    assert [p.status_code for p in proposed] == [201, 201]
    assert proposed[0].json() == proposed[1].json()
    assert Recall.objects.count() == 1
    recall_id = proposed[0].json()["id"]
    poll_id = _poll(world, "recall", recall_id)
    place = {"held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}
    refused(api.post("staff", f"/{election.pk}/polls", {"kind": "recall", "recall_id": recall_id, **place}), 409,
            "这个罢免要求已经投过票了")  # fmt: skip
    board = api.get("staff", f"/polls/{poll_id}").json()
    assert board["choices"] == []
    box_id = _box(world, poll_id)
    refused(api.post("staff", f"/boxes/{box_id}/sheets", {"votes": []}), 400, "请为每一位候选人填写得票数")
    assert api.post("staff", f"/boxes/{box_id}/sheets", {"recall_for": 5}).json()["recall_for"] == 5
    assert api.post("clerk", f"/boxes/{box_id}/sheets", {"recall_for": 5}).status_code == 201
    signed = api.post("staff", f"/polls/{poll_id}/sign-off", {"scrutineer_ids": _v(world, 6, 7)}).json()
    assert signed["result"]["recalled"] is True
    api.post("staff", f"/polls/{poll_id}/announce")
    member.refresh_from_db()
    assert member.ended_on == TODAY
    assert AuditEvent.objects.filter(verb="elections.recall_proposed").count() == 1
