"""The legal rosters', consultations' and applications' part of the permission matrix (tests/policy_legal.py).

Objects, for "same" (青山村) and "other" (东街社区): the community itself; its legal adviser (青山村's is linked to
the mediator actor's account, so the mediator's row shows what a village's adviser may) and a legal assistant;
a 法律明白人 in training with one training record, and a resident not yet chosen; an open consultation slot, a
booked one (by a villager of that community, not an actor) and a past one still booked; a submitted
民主法治示范村 application with a PDF attachment (this year) and a returned one (last year). Each POST sends what
the page's form (or the API's body) sends, so an allowed cell really writes.
"""

import datetime as dt
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.legal import actions
from gongzhi.legal.models import Slot
from gongzhi.legal.standards import CRITERION_KEYS
from gongzhi.residents.actions import resident_create
from tests.conftest import clean_input, make_user
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call

SUMMARY = "本村建立了法律顾问制度，培养法律明白人，矛盾纠纷不出村，村务按时公开。"


def _at(days: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour))
    )


def _assessment() -> dict:
    return {key: {"met": True, "note": "有制度有记录"} for key in CRITERION_KEYS}


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    grids = {"same": "grid_a1", "other": "grid_b1"}
    year = timezone.localdate().year
    part: dict = {key: {} for key in ("community", "assistant", "savvy", "candidate", "open", "booked", "past",
                                      "submitted", "returned", "attachment")}  # fmt: skip
    for relation, community in communities.items():
        actor = staff[relation]
        part["community"][relation] = community
        actions.aide_appoint(
            actor=actor, community=community, kind="adviser", name="矩阵律师", unit="矩阵律师事务所",
            phone="13800138000", term_start=dt.date(2026, 1, 1),
            user=users["mediator"] if relation == "same" else None,
        )  # fmt: skip
        part["assistant"][relation] = actions.aide_appoint(
            actor=actor, community=community, kind="assistant", name="矩阵助理", unit="镇司法所",
            term_start=dt.date(2026, 1, 1),
        )  # fmt: skip

        def resident(name: str):
            data = clean_input(
                {"name": name, "id_number": world.next_id_number(), "area": areas[grids[relation]]}
            )
            return resident_create(actor=actor, data=data)  # noqa: B023

        savvy = actions.savvy_select(
            actor=actor, community=community, resident=resident("明白甲"), group="mediator"
        )
        actions.savvy_move(actor=actor, savvy=savvy, verb="train")
        actions.savvy_training_record(actor=actor, savvy=savvy, held_on=timezone.localdate(), course="宪法",
                                      hours=2, organiser="镇司法所")  # fmt: skip
        part["savvy"][relation] = savvy
        part["candidate"][relation] = resident("明白乙")

        part["open"][relation] = actions.slot_publish(
            actor=actor, community=community, starts_at=_at(3), place="村委会"
        )
        booker = make_user(f"legal_booker_{relation}", Role.RESIDENT, community)
        booked = actions.slot_publish(actor=actor, community=community, starts_at=_at(4), place="村委会")
        part["booked"][relation] = actions.consultation_book(actor=booker, slot=booked, topic="宅基地")
        past = actions.slot_publish(actor=actor, community=community, starts_at=_at(5), place="村委会")
        part["past"][relation] = actions.consultation_book(actor=booker, slot=past, topic="借款")
        Slot.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))

        def application(for_year: int):
            return actions.application_submit(
                actor=actor, community=community, year=for_year, assessment=_assessment(), summary=SUMMARY,  # noqa: B023
                files=[SimpleUploadedFile("材料.pdf", BLANK_PDF)],
            )  # fmt: skip

        submitted = application(year)
        part["submitted"][relation] = submitted
        part["attachment"][relation] = submitted.attachments.get()
        returned = application(year - 1)
        actions.application_decide(
            actor=users["township_admin"], application=returned, verb="return", note="请补充"
        )
        part["returned"][relation] = returned
    world.parts["legal"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["legal"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None, multipart: bool = False):
    def call(world, actor: str, relation: str) -> Call:
        obj = _obj(world, kind, relation)
        return Call(reverse(name, args=[obj.pk]), data(world, relation) if data else {}, multipart)

    return call


def plain(name: str) -> Callable:
    return lambda world, actor, relation: Call(reverse(name))


def _aide_form(world, relation: str) -> dict:
    return {"kind": "police", "name": "矩阵警官", "unit": "镇派出所", "term_start": "2026-01-01"}


def _savvy_form(world, relation: str) -> dict:
    return {"resident": _obj(world, "candidate", relation).pk, "group": "youth"}


def _slot_form(world, relation: str) -> dict:
    return {
        "starts_at": timezone.localtime(_at(6)).strftime("%Y-%m-%dT%H:%M"),
        "minutes": "30",
        "place": "村委会",
    }


def _application_form(world, relation: str) -> dict:
    body: dict = {"year": str(timezone.localdate().year - 1), "summary": SUMMARY + "补充了台账。"}
    for key in CRITERION_KEYS:
        body[f"met_{key}"], body[f"note_{key}"] = "on", "有制度有记录"
    return body


def _attachment(world, actor: str, relation: str) -> Call:
    application, item = _obj(world, "submitted", relation), _obj(world, "attachment", relation)
    return Call(reverse("legal:attachment", args=[application.pk, item.pk]))


PAGE_CALLS: dict[str, Callable] = {
    "legal:index": plain("legal:index"),
    "legal:coverage": plain("legal:coverage"),
    "legal:target": lambda world, actor, relation: Call(
        reverse("legal:target", args=[world.areas["township"].pk]), {"target": "4"}
    ),
    "legal:community": page("legal:community", "community"),
    "legal:aide_new": page("legal:aide_new", "community", _aide_form),
    "legal:savvy_new": page("legal:savvy_new", "community", _savvy_form),
    "legal:slot_new": page("legal:slot_new", "community", _slot_form),
    "legal:apply": page("legal:apply", "community", _application_form),
    "legal:aide_end": page("legal:aide_end", "assistant", lambda world, relation: {"reason": "矩阵离任"}),
    "legal:savvy": page("legal:savvy", "savvy"),
    "legal:savvy_training": page(
        "legal:savvy_training",
        "savvy",
        lambda world, relation: {
            "held_on": timezone.localdate().isoformat(),
            "course": "民法典",
            "hours": "2",
            "organiser": "镇司法所",
        },
    ),  # fmt: skip
    "legal:savvy_assess": page(
        "legal:savvy_assess",
        "savvy",
        lambda world, relation: {"assessed_on": timezone.localdate().isoformat(), "passed": "yes"},
    ),  # fmt: skip
    "legal:savvy_move": page("legal:savvy_move", "savvy", lambda world, relation: {"verb": "end"}),
    "legal:consult": plain("legal:consult"),
    "legal:book": page("legal:book", "open", lambda world, relation: {"topic": "土地纠纷"}),
    "legal:book_assisted": page(
        "legal:book_assisted",
        "open",
        lambda world, relation: {
            "resident": world.residents[relation].pk,
            "topic": "赡养纠纷",
            "consent_channel": "phone",
        },
    ),  # fmt: skip
    "legal:slot_withdraw": page("legal:slot_withdraw", "open"),
    "legal:cancel": page("legal:cancel", "booked"),
    "legal:record": page("legal:record", "past", lambda world, relation: {"held": "yes"}),
    "legal:applications": plain("legal:applications"),
    "legal:application": page("legal:application", "submitted"),
    "legal:decide": page(
        "legal:decide", "submitted", lambda world, relation: {"verb": "return", "note": "请补充"}
    ),
    "legal:resubmit": page("legal:resubmit", "returned", _application_form),
    "legal:attachment": _attachment,
    "legal:named": page("legal:named", "community"),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


def _api_aide(world, relation: str) -> dict:
    return {"kind": "police", "name": "矩阵警官", "unit": "镇派出所", "term_start": "2026-01-01"}


def _api_assessment() -> str:
    import json

    return json.dumps(_assessment(), ensure_ascii=False)


def _api_apply(world, actor: str, relation: str) -> Call:
    body = {"year": str(timezone.localdate().year - 1), "summary": SUMMARY + "补充了台账。",
            "assessment": _api_assessment(), "files": [SimpleUploadedFile("材料.pdf", BLANK_PDF)]}  # fmt: skip
    return Call(f"/api/v1/legal/communities/{_obj(world, 'community', relation).pk}/applications", body, True)


def _api_resubmit(world, actor: str, relation: str) -> Call:
    body = {"summary": SUMMARY + "补充了台账。", "assessment": _api_assessment(),
            "files": [SimpleUploadedFile("补充.pdf", BLANK_PDF)]}  # fmt: skip
    return Call(f"/api/v1/legal/applications/{_obj(world, 'returned', relation).pk}/resubmit", body, True)


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/legal/communities/{community_id}/roster": api(
        "/api/v1/legal/communities/{}/roster", "community"
    ),
    "POST /api/v1/legal/communities/{community_id}/aides": api(
        "/api/v1/legal/communities/{}/aides", "community", _api_aide
    ),
    "POST /api/v1/legal/communities/{community_id}/law-savvy": api(
        "/api/v1/legal/communities/{}/law-savvy",
        "community",
        lambda world, relation: {"resident_id": _obj(world, "candidate", relation).pk, "group": "youth"},
    ),  # fmt: skip
    "POST /api/v1/legal/law-savvy/{savvy_id}/training": api(
        "/api/v1/legal/law-savvy/{}/training",
        "savvy",
        lambda world, relation: {
            "held_on": timezone.localdate().isoformat(),
            "course": "民法典",
            "hours": "2",
            "organiser": "镇司法所",
        },
    ),  # fmt: skip
    "POST /api/v1/legal/law-savvy/{savvy_id}/assess": api(
        "/api/v1/legal/law-savvy/{}/assess",
        "savvy",
        lambda world, relation: {"assessed_on": timezone.localdate().isoformat(), "passed": True},
    ),  # fmt: skip
    "POST /api/v1/legal/law-savvy/{savvy_id}/move": api(
        "/api/v1/legal/law-savvy/{}/move", "savvy", lambda world, relation: {"verb": "end"}
    ),
    "GET /api/v1/legal/coverage": lambda world, actor, relation: Call("/api/v1/legal/coverage"),
    "GET /api/v1/legal/slots": lambda world, actor, relation: Call("/api/v1/legal/slots"),
    "POST /api/v1/legal/slots": lambda world, actor, relation: Call(
        "/api/v1/legal/slots",
        {
            "community_id": _obj(world, "community", relation).pk,
            "starts_at": _at(6).isoformat(),
            "place": "村委会",
        },
    ),
    "POST /api/v1/legal/slots/{slot_id}/book": api(
        "/api/v1/legal/slots/{}/book", "open", lambda world, relation: {"topic": "土地纠纷"}
    ),
    "GET /api/v1/legal/consultations": lambda world, actor, relation: Call("/api/v1/legal/consultations"),
    "POST /api/v1/legal/consultations/{consultation_id}/cancel": api(
        "/api/v1/legal/consultations/{}/cancel", "booked"
    ),
    "POST /api/v1/legal/consultations/{consultation_id}/record": api(
        "/api/v1/legal/consultations/{}/record", "past", lambda world, relation: {"held": True}
    ),
    "GET /api/v1/legal/applications": lambda world, actor, relation: Call("/api/v1/legal/applications"),
    "GET /api/v1/legal/applications/{application_id}": api("/api/v1/legal/applications/{}", "submitted"),
    "POST /api/v1/legal/communities/{community_id}/applications": _api_apply,
    "POST /api/v1/legal/applications/{application_id}/resubmit": _api_resubmit,
    "POST /api/v1/legal/applications/{application_id}/decide": api(
        "/api/v1/legal/applications/{}/decide",
        "submitted",
        lambda world, relation: {"verb": "return", "note": "请补充"},
    ),
}


API_CALLS |= {
    "POST /api/v1/legal/aides/{aide_id}/end": api(
        "/api/v1/legal/aides/{}/end", "assistant", lambda world, relation: {"reason": "矩阵接口离任"}
    ),
    "POST /api/v1/legal/townships/{township_id}/target": lambda world, actor, relation: Call(
        f"/api/v1/legal/townships/{world.areas['township'].pk}/target", {"target": 4}
    ),
    "POST /api/v1/legal/slots/{slot_id}/withdraw": api("/api/v1/legal/slots/{}/withdraw", "open"),
    "POST /api/v1/legal/slots/{slot_id}/book-for": api(
        "/api/v1/legal/slots/{}/book-for",
        "open",
        lambda world, relation: {
            "resident_id": world.residents[relation].pk,
            "topic": "赡养纠纷",
            "consent_channel": "phone",
        },
    ),
}


def _attachment_api(world, actor: str, relation: str) -> Call:
    application, item = _obj(world, "submitted", relation), _obj(world, "attachment", relation)
    return Call(f"/api/v1/legal/applications/{application.pk}/attachments/{item.pk}")


API_CALLS |= {
    "GET /api/v1/legal/law-savvy/{savvy_id}": api("/api/v1/legal/law-savvy/{}", "savvy"),
    "GET /api/v1/legal/applications/{application_id}/attachments/{attachment_id}": _attachment_api,
}
