"""The objects and requests of residents' proposals in the permission matrix (tests/policy_selfgov_proposals.py).

Every signed-in actor of the matrix has an entry of their own in 青山村's register (本人居民), so each may
propose and sign there. Objects, by relation: "own" is the actor's own proposal (for unsigning: a proposal of
青山村 the actor co-signed; for hiding: the actor's own post), "same" a proposal of 青山村 by another resident
(提案人甲), "other" one of 东街社区 (提案人乙). Each move's object is in the state the move starts from: draft
(open), gathering (sign, unsign, submit, withdraw, post), submitted (answer), submitted with a meeting due
(meeting), answered (close). They ask for an answer, so no signature reaches a threshold by the way.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.meetings.models import Meeting
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.models import Proposal
from tests import policy
from tests.conftest import clean_input, make_user
from tests.permission_kit import Call

TEXT = "村道路灯坏了很久，请党组织研究答复怎么修。"


def _author(world, username: str, name: str, area_key: str, staff) -> object:
    user = make_user(username, display_name=name)
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[area_key]})
    resident = resident_create(actor=staff, data=data)
    Resident.objects.filter(pk=resident.pk).update(user=user)
    return user


def build(world) -> None:
    users = world.users
    same = _author(world, "proposer_same", "提案人甲", "grid_a1", users["peer_staff"])
    other = _author(world, "proposer_other", "提案人乙", "grid_b1", users["other_staff"])
    authors = {"same": same, "other": other} | {
        f"own:{actor}": users[actor] for actor in policy.ACTORS if actor != "anonymous"
    }
    answerer = {"same": users["community_staff"], "other": users["other_staff"]}

    def make(author, state: str) -> Proposal:
        proposal = actions.proposal_create(actor=author, title="请修村道路灯", text=TEXT, asks="answer")
        if state == "draft":
            return proposal
        proposal = actions.proposal_open(actor=author, proposal=proposal)
        if state == "gathering":
            return proposal
        proposal = actions.proposal_submit(actor=author, proposal=proposal)
        if state == "submitted":
            return proposal
        staff = answerer["other"] if proposal.community_id == world.areas["urban"].pk else answerer["same"]
        return actions.proposal_answer(actor=staff, proposal=proposal, answer="已安排下周维修。")

    parts: dict = {state: {} for state in ("draft", "gathering", "submitted", "answered")}
    for key, author in authors.items():
        for state in parts:
            parts[state][key] = make(author, state)
    # One proposal of 青山村 that every actor co-signed (unsigning's "own").
    signed = make(same, "gathering")
    for actor in policy.ACTORS:
        if actor != "anonymous":
            actions.proposal_sign(actor=users[actor], proposal=signed)
    parts["signed"] = {f"own:{actor}": signed for actor in policy.ACTORS if actor != "anonymous"}
    # Submitted proposals whose threshold made a meeting due, and a meeting of the right body held since.
    parts["due"], parts["meetings"] = {}, {}
    for relation, author, rule in (
        ("same", same, "villagers_meeting"),
        ("other", other, "residents_meeting"),
    ):
        proposal = make(author, "submitted")
        community = proposal.community
        Proposal.objects.filter(pk=proposal.pk).update(
            asks="assembly", reached_at=timezone.now(), meeting_due_on=timezone.localdate()
        )
        parts["due"][relation] = proposal
        parts["meetings"][relation] = Meeting.objects.create(
            body_kind=rule, area=community, area_path=community.path, held_on=timezone.localdate(),
            present=60, adults=100, households=40, quorate=True, recorded_by=answerer[relation],
        )  # fmt: skip
    # Posts in the thread: the actor's own and 提案人甲's on a proposal of 青山村, 提案人乙's on 东街社区's.
    parts["posts"] = {
        "same": actions.proposal_post(actor=same, proposal=parts["gathering"]["same"], body="支持修路灯。"),
        "other": actions.proposal_post(actor=other, proposal=parts["gathering"]["other"], body="支持。"),
    }
    for actor in policy.ACTORS:
        if actor != "anonymous":
            parts["posts"][f"own:{actor}"] = actions.proposal_post(
                actor=users[actor], proposal=parts["gathering"]["same"], body="我也支持。"
            )
    world.parts["proposals"] = parts


def _proposal(world, state: str, actor: str, relation: str) -> Proposal | None:
    return world.obj(world.parts["proposals"][state], actor, relation)


def page(name: str, state: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        proposal = _proposal(world, state, actor, relation)
        return None if proposal is None else Call(reverse(name, args=[proposal.pk]), dict(data or {}))

    return call


def api(verb: str, state: str, data: dict | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        proposal = _proposal(world, state, actor, relation)
        if proposal is None:
            return None
        return Call(f"/api/v1/selfgov/proposals/{proposal.pk}{verb}", dict(data or {}))

    return call


def _community(world, relation: str):
    return world.areas["urban" if relation == "other" else "village"]


def _sign_for_page(world, actor: str, relation: str) -> Call:
    proposal, resident = _proposal(world, "gathering", actor, relation), world.residents[relation]
    path = reverse("selfgov:proposal_sign_for", args=[proposal.pk]) + f"?resident={resident.pk}"
    return Call(path, {"resident": resident.pk, "consent_channel": "in_person"})


def _sign_for_api(world, actor: str, relation: str) -> Call:
    proposal, resident = _proposal(world, "gathering", actor, relation), world.residents[relation]
    return Call(
        f"/api/v1/selfgov/proposals/{proposal.pk}/signatures/assisted",
        {"resident_id": resident.pk, "consent_channel": "in_person"},
    )


def _meeting(world, relation: str) -> dict:
    return {"meeting": world.parts["proposals"]["meetings"][relation].pk}


def _hide(world, actor: str, relation: str, api_call: bool) -> Call | None:
    post = world.obj(world.parts["proposals"]["posts"], actor, relation)
    if post is None:
        return None
    if api_call:
        return Call(
            f"/api/v1/selfgov/proposals/{post.proposal_id}/posts/{post.pk}/hide", {"reason": "不当言论"}
        )
    return Call(
        reverse("selfgov:proposal_post_hide", args=[post.proposal_id, post.pk]), {"reason": "不当言论"}
    )


NEW = {
    "title": "修缮村口的便民桥",
    "text": "桥面破损，雨天很滑，建议召开村民会议商量修缮。",
    "asks": "assembly",
}

PAGE_CALLS: dict[str, Callable] = {
    "selfgov:proposals": lambda world, actor, relation: Call(reverse("selfgov:proposals")),
    "selfgov:proposals_community": lambda world, actor, relation: Call(
        reverse("selfgov:proposals_community", args=[_community(world, relation).pk])
    ),
    "selfgov:proposal_new": lambda world, actor, relation: Call(
        reverse("selfgov:proposal_new"), {**NEW, "author_shown": "masked"}
    ),
    "selfgov:proposals_due": lambda world, actor, relation: Call(reverse("selfgov:proposals_due")),
    "selfgov:proposals_settings": lambda world, actor, relation: Call(
        reverse("selfgov:proposals_settings"),
        {"township": world.areas["township"].pk, "meeting_due_days": 20},
    ),
    "selfgov:proposal": page("selfgov:proposal", "gathering"),
    "selfgov:proposal_open": page("selfgov:proposal_open", "draft"),
    "selfgov:proposal_sign": page("selfgov:proposal_sign", "gathering"),
    "selfgov:proposal_unsign": lambda world, actor, relation: page(
        "selfgov:proposal_unsign", "signed" if relation == "own" else "gathering"
    )(world, actor, relation),
    "selfgov:proposal_sign_for": _sign_for_page,
    "selfgov:proposal_submit": page("selfgov:proposal_submit", "gathering"),
    "selfgov:proposal_withdraw": page("selfgov:proposal_withdraw", "gathering"),
    "selfgov:proposal_answer": page(
        "selfgov:proposal_answer", "submitted", {"decision": "answer", "answer": "已安排下周维修。"}
    ),
    "selfgov:proposal_meeting": lambda world, actor, relation: page(
        "selfgov:proposal_meeting", "due", _meeting(world, relation)
    )(world, actor, relation),
    "selfgov:proposal_close": page("selfgov:proposal_close", "answered"),
    "selfgov:proposal_post": page("selfgov:proposal_post", "gathering", {"body": "支持，早点修。"}),
    "selfgov:proposal_post_hide": lambda world, actor, relation: _hide(world, actor, relation, False),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/selfgov/proposal-settings": lambda world, actor, relation: Call(
        "/api/v1/selfgov/proposal-settings"
    ),
    "POST /api/v1/selfgov/proposal-settings/{township_id}": lambda world, actor, relation: Call(
        f"/api/v1/selfgov/proposal-settings/{world.areas['township'].pk}", {"meeting_due_days": 20}
    ),
    "GET /api/v1/selfgov/proposals": lambda world, actor, relation: Call(
        f"/api/v1/selfgov/proposals?community_id={_community(world, relation).pk}"
    ),
    "POST /api/v1/selfgov/proposals": lambda world, actor, relation: Call(
        "/api/v1/selfgov/proposals", dict(NEW)
    ),
    "GET /api/v1/selfgov/proposals/{proposal_id}": api("", "gathering"),
    "POST /api/v1/selfgov/proposals/{proposal_id}/open": api("/open", "draft"),
    "POST /api/v1/selfgov/proposals/{proposal_id}/signatures": api("/signatures", "gathering"),
    "POST /api/v1/selfgov/proposals/{proposal_id}/signatures/assisted": _sign_for_api,
    "POST /api/v1/selfgov/proposals/{proposal_id}/signatures/withdraw": lambda world, actor, relation: api(
        "/signatures/withdraw", "signed" if relation == "own" else "gathering"
    )(world, actor, relation),
    "POST /api/v1/selfgov/proposals/{proposal_id}/submit": api("/submit", "gathering"),
    "POST /api/v1/selfgov/proposals/{proposal_id}/withdraw": api("/withdraw", "gathering", {"reason": ""}),
    "POST /api/v1/selfgov/proposals/{proposal_id}/answer": api(
        "/answer", "submitted", {"decision": "answer", "answer": "已安排下周维修。"}
    ),
    "POST /api/v1/selfgov/proposals/{proposal_id}/meeting/{meeting_id}": lambda world, actor, relation: api(
        f"/meeting/{_meeting(world, relation)['meeting']}", "due"
    )(world, actor, relation),
    "POST /api/v1/selfgov/proposals/{proposal_id}/close": api("/close", "answered", {"reason": ""}),
    "GET /api/v1/selfgov/proposals/{proposal_id}/posts": api("/posts", "gathering"),
    "POST /api/v1/selfgov/proposals/{proposal_id}/posts": api(
        "/posts", "gathering", {"body": "支持，早点修。"}
    ),
    "POST /api/v1/selfgov/proposals/{proposal_id}/posts/{post_id}/hide": lambda world, actor, relation: _hide(
        world, actor, relation, True
    ),
}
