"""The meetings' part of the permission matrix: a body's convened meetings in each state a move starts from.

Objects (world.parts["meetings"]): the representatives' meetings of 青山村 ("same") and of 东街社区 ("other"),
each with a named roll of residents created here (none of the planted markers: the bodies' members are not the
register's private persons), in the states the routes start from — "convened" today (urgent; its roll marked,
ready to close), "held" (quorate; the first representative, who has an account, attends online; item 1 voted by peer_staff, unconfirmed; item 2 not voted; a minutes PDF;
青山村's witness is the supervisor's own resident entry, on the supervisory committee), "ready" (held, minutes
written, nothing unconfirmed: it may close). 青山村's supervisory committee has the supervisor's resident.
"""

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.meetings.actions import (
    AgendaEntry,
    RollMark,
    meeting_agenda_vote,
    meeting_convene,
    meeting_minutes_record,
    meeting_roll_close,
    meeting_roll_mark,
    meeting_witness_name,
)
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input, make_user
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call

URGENT = "汛期河堤出现险情，须当天议定抢修方案"
START = timezone.localdate().replace(year=timezone.localdate().year - 2)


def _representatives(world, community: str, staff, names: list[str]):
    area = world.areas[community]
    grid = world.areas["grid_a1" if community == "village" else "grid_b1"]
    body = body_ensure(actor=staff, area=area, kind=BodyKind.REPRESENTATIVES)
    for n, name in enumerate(names):
        data = clean_input({"name": name, "id_number": world.next_id_number(), "area": grid})
        resident = resident_create(actor=staff, data=data)
        if n == 0:  # the first representative has an account and attends online
            resident.user = make_user(f"online_{community}", Role.RESIDENT, area)
            resident.save(update_fields=["user"])
        member_ensure(actor=staff, body=body, resident=resident, post=Post.REPRESENTATIVE, started_on=START)
    return body


def _meeting(staff, body, state: str, witness=None):
    meeting = meeting_convene(
        actor=staff, body=body, held_on=timezone.localdate(), place="会议室", urgency_reason=URGENT,
        agenda=[AgendaEntry("修建村道"), AgendaEntry("处置集体资产"), AgendaEntry("出租集体厂房", method="secret_ballot")],
    )  # fmt: skip
    marks = [RollMark(m.pk, "present", online=m.user_id is not None) for m in meeting.roll.all()]
    meeting_roll_mark(actor=staff, meeting=meeting, marks=marks)
    if witness is not None:
        meeting_witness_name(actor=staff, meeting=meeting, resident=witness)
    if state == "convened":
        return meeting
    meeting = meeting_roll_close(actor=staff, meeting=meeting)
    if state == "held":
        meeting_agenda_vote(actor=staff, agenda_item=meeting.agenda.get(number=1), in_favour=3)
        upload = SimpleUploadedFile("会议记录.pdf", BLANK_PDF, content_type="application/pdf")
        meeting_minutes_record(
            actor=staff, meeting=meeting, minutes="主持人宣布开会。", documents={"minutes": upload}
        )
    else:
        meeting_minutes_record(actor=staff, meeting=meeting, minutes="主持人宣布开会。")
    return meeting


def build(world) -> None:
    users = world.users
    peer, other_staff = users["peer_staff"], users["other_staff"]
    supervisory = body_ensure(actor=peer, area=world.areas["village"], kind=BodyKind.SUPERVISORY)
    witness = Resident.objects.get(pk=world.residents["own:supervisor"].pk)  # with the account set on it
    member_ensure(actor=peer, body=supervisory, resident=witness, post=Post.CHAIR, started_on=START)
    bodies = {
        "same": _representatives(world, "village", peer, ["代表甲", "代表乙", "代表丙"]),
        "other": _representatives(world, "urban", other_staff, ["代表丁", "代表戊", "代表己"]),
    }
    staff = {"same": peer, "other": other_staff}
    meetings: dict[str, dict] = {}
    for state in ("convened", "held", "ready"):
        meetings[state] = {
            relation: _meeting(
                staff[relation], bodies[relation], state, witness if relation == "same" else None
            )
            for relation in ("same", "other")
        }
        meetings[state]["grid"] = meetings[state]["same"]
    world.parts["meetings"] = {"bodies": bodies, "meetings": meetings, "witness": witness}


def _of(world, state: str, relation: str):
    return world.parts["meetings"]["meetings"][state].get(relation)


def meeting_call(
    name: str, state: str, data: Callable | None = None, extra: Callable | None = None
) -> Callable:
    """A page on one meeting in `state` (extra: further URL arguments from the meeting)."""

    def call(world, actor: str, relation: str) -> Call | None:
        meeting = _of(world, state, relation)
        if meeting is None:
            return None
        args = [meeting.pk, *(extra(meeting) if extra else [])]
        return Call(reverse(name, args=args), data(world, meeting) if data else {})

    return call


def api_call(suffix: str, state: str, data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        meeting = _of(world, state, relation)
        if meeting is None:
            return None
        path = f"/api/v1/meetings/{meeting.pk}{suffix(meeting) if callable(suffix) else suffix}"
        return Call(path, data(world, meeting) if data else {})

    return call


def _simple(name: str, data: Callable | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), data(world) if data else {})


def _convene_form(world) -> dict:
    return {
        "body": world.parts["meetings"]["bodies"]["same"].pk, "held_on": timezone.localdate().isoformat(),
        "place": "村委会", "urgency_reason": URGENT, "agenda_1_title": "修建村道",
        "agenda_1_method": "show_of_hands", "agenda_1_majority": "",
    }  # fmt: skip


def _convene_json(world) -> dict:
    return {
        "body_id": world.parts["meetings"]["bodies"]["same"].pk, "held_on": timezone.localdate().isoformat(),
        "place": "村委会", "urgency_reason": URGENT, "agenda": [{"title": "修建村道"}],
    }  # fmt: skip


def _marks_form(world, meeting) -> dict:
    return {f"a_{m.pk}": "present" for m in meeting.roll.all()}


def _marks_json(world, meeting) -> dict:
    return {
        "marks": [{"member_id": m.pk, "attendance": "present", "online": True} for m in meeting.roll.all()]
    }


def _item(meeting) -> list:
    return [meeting.items.get(number=1).pk]


def _witness(world, meeting) -> dict:
    return {"resident": world.parts["meetings"]["witness"].pk}


def _document(meeting) -> list:
    return [meeting.documents.get().pk]


PAGE_CALLS: dict[str, Callable] = {
    "meetings:index": _simple("meetings:index"),
    "meetings:board": _simple("meetings:board"),
    "meetings:convene": _simple("meetings:convene", _convene_form),
    "meetings:detail": meeting_call("meetings:detail", "held"),
    "meetings:roll": meeting_call("meetings:roll", "convened", _marks_form),
    "meetings:roll_close": meeting_call("meetings:roll_close", "convened"),
    "meetings:vote": meeting_call(
        "meetings:vote", "held", lambda w, m: {"in_favour": "3"}, extra=lambda m: [2]
    ),
    "meetings:ballot_open": meeting_call(
        "meetings:ballot_open", "held", lambda w, m: {"minutes": "30"}, extra=lambda m: [3]
    ),
    "meetings:confirm": meeting_call("meetings:confirm", "held", extra=_item),
    "meetings:witness": meeting_call("meetings:witness", "convened", _witness),
    "meetings:sign": meeting_call("meetings:sign", "held", lambda w, m: {"note": "程序合规"}),
    "meetings:minutes": meeting_call(
        "meetings:minutes", "held", lambda w, m: {"minutes": "补充：全体通过。"}
    ),
    "meetings:close": meeting_call("meetings:close", "ready"),
    "meetings:cancel": meeting_call("meetings:cancel", "convened", lambda w, m: {"reason": "主持人因公外出"}),
    "meetings:record_pdf": meeting_call("meetings:record_pdf", "held"),
    "meetings:document": meeting_call("meetings:document", "held", extra=_document),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/meetings": lambda world, actor, relation: Call("/api/v1/meetings"),
    "POST /api/v1/meetings": lambda world, actor, relation: Call("/api/v1/meetings", _convene_json(world)),
    "GET /api/v1/meetings/board": lambda world, actor, relation: Call("/api/v1/meetings/board"),
    "GET /api/v1/meetings/{meeting_id}": api_call("", "held"),
    "POST /api/v1/meetings/{meeting_id}/roll": api_call("/roll", "convened", _marks_json),
    "POST /api/v1/meetings/{meeting_id}/roll/close": api_call("/roll/close", "convened"),
    "POST /api/v1/meetings/{meeting_id}/agenda/{number}/vote": api_call(
        "/agenda/2/vote", "held", lambda w, m: {"in_favour": 3}
    ),
    "POST /api/v1/meetings/{meeting_id}/agenda/{number}/ballot": api_call(
        "/agenda/3/ballot?minutes=30", "held"
    ),
    "POST /api/v1/meetings/{meeting_id}/items/{item_id}/confirm": api_call(
        lambda m: f"/items/{_item(m)[0]}/confirm", "held"
    ),
    "POST /api/v1/meetings/{meeting_id}/witness/{resident_id}": lambda world, actor, relation: api_call(
        f"/witness/{world.parts['meetings']['witness'].pk}", "convened"
    )(world, actor, relation),
    "POST /api/v1/meetings/{meeting_id}/sign": api_call("/sign", "held", lambda w, m: {"note": "程序合规"}),
    "POST /api/v1/meetings/{meeting_id}/minutes": api_call(
        "/minutes", "held", lambda w, m: {"minutes": "补充：全体通过。"}
    ),
    "POST /api/v1/meetings/{meeting_id}/close": api_call("/close", "ready"),
    "POST /api/v1/meetings/{meeting_id}/cancel": api_call(
        "/cancel", "convened", lambda w, m: {"reason": "主持人因公外出"}
    ),
    "GET /api/v1/meetings/{meeting_id}/record.pdf": api_call("/record.pdf", "held"),
}
