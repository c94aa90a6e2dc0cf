"""The merit board's part of the permission matrix (tests/policy_merit.py): its nominations and request recipes.

Each community gets a 道德评议会 of three: 青山村's seats the party_member actor (a resident of the register with
an account, as every signed-in actor is) and two members of its own; 东街社区's two of its own. Each community
has a nomination in every state a route needs: awaiting consent (青山村's names the `resident` actor, who may
consent), in review (paper consent: a scanned form; one evidence photo), passed, posted (公示) with one
objection, posted with its period over and the objection answered, and on the board. Nominees are fresh
residents (never the matrix's marker residents).
"""

import datetime as dt
import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.bodies.models import BodyKind, Post
from gongzhi.merit import actions
from gongzhi.merit.models import MeritCategory, Nomination
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input, make_user
from tests.pdfs import blank_pdf
from tests.permission_kit import Call

START = dt.date(2024, 1, 10)
STORY = "多年来义务照看村里的留守儿童，放学后辅导功课，寒暑假组织孩子们读书，从不要一分钱。"
TAG = {"same": "青", "other": "东"}
STATES = ("awaiting", "review", "passed", "posted", "over", "board", "mine")


def _resident(world, area_key: str, name: str, staff, user=None) -> Resident:
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[area_key]})
    resident = resident_create(actor=staff, data=data)
    if user is not None:
        Resident.objects.filter(pk=resident.pk).update(user=user)
        resident.refresh_from_db()
    return resident


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    where = {"same": ("village", "grid_a1"), "other": ("urban", "grid_b1")}
    category = MeritCategory.objects.get(name="助人为乐")
    filial = MeritCategory.objects.get(name="孝老爱亲")  # the `resident` actor's second nomination ("mine")
    judges: dict[str, list] = {}
    for relation, (community_key, grid_key) in where.items():
        body = body_ensure(actor=staff[relation], area=areas[community_key], kind=BodyKind.MORAL_REVIEW)
        judges[relation] = []
        for n in (1, 2):
            user = make_user(f"merit_judge_{relation}{n}")
            resident = _resident(
                world, grid_key, f"评议员{TAG[relation]}{'一二'[n - 1]}", staff[relation], user
            )
            member_ensure(
                actor=staff[relation], body=body, resident=resident, post=Post.MEMBER, started_on=START
            )
            judges[relation].append(user)
    village_body = body_ensure(actor=staff["same"], area=areas["village"], kind=BodyKind.MORAL_REVIEW)
    member_ensure(actor=staff["same"], body=village_body, resident=world.residents["own:party_member"],
                  post=Post.MEMBER, started_on=START)  # fmt: skip
    objector = make_user("merit_objector")
    found: dict[str, dict[str, Nomination]] = {state: {} for state in STATES}
    for relation, (community_key, grid_key) in where.items():
        keeper = staff[relation]
        for index, state in enumerate(STATES):
            if state in ("awaiting", "mine") and relation == "same":
                person = world.residents["own:resident"]
            else:
                person = _resident(
                    world, grid_key, f"矩阵好人{TAG[relation]}{'一二三四五六七'[index]}", keeper
                )
            n = actions.nomination_create(
                actor=keeper, community=areas[community_key], kind="person",
                category=filial if state == "mine" else category,
                title=f"义务辅导留守儿童{index}", story=STORY, witness="村小学老师", nominee_id=person.pk,
                photos=[_png()] if state == "review" else [],
            )  # fmt: skip
            if state == "mine" and relation == "same":  # consented online by the `resident` actor
                n = actions.nomination_consent(actor=users["resident"], nomination=n, display="surname")
            elif state != "awaiting":
                n = actions.nomination_consent_record(actor=keeper, nomination=n, display="surname",
                                                      consent_file=blank_pdf())  # fmt: skip
            if state in ("passed", "posted", "over", "board"):
                for judge in judges[relation]:
                    actions.review_opinion_record(actor=judge, nomination=n, agrees=True, reason="事迹属实")
                n.refresh_from_db()
            if state in ("posted", "over", "board"):
                n = actions.nomination_publicise(actor=keeper, nomination=n)
                objection = actions.objection_record(actor=objector, nomination=n, text="想了解更多的情况")
            if state in ("over", "board"):
                actions.objection_answer(actor=keeper, nomination=n, objection_id=objection.pk, upheld=False,
                                         answer="经核实，事迹属实")  # fmt: skip
                Nomination.objects.filter(pk=n.pk).update(
                    publicity_ends_at=timezone.now() - dt.timedelta(hours=1)
                )
                n.refresh_from_db()
            if state == "board":
                n = actions.nomination_place(actor=keeper, nomination=n)
            found[state][relation] = n
    _resident(world, "grid_a1", "矩阵被提名人", staff["same"])  # nominated by name in the POST recipes
    world.parts["merit"] = {"nominations": found, "category": category}


def _n(world, state: str, relation: str) -> Nomination:
    return world.parts["merit"]["nominations"][state][relation]


def nomination_call(name: str, state: str, data: dict | None = None, api: str = "") -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        n = _n(world, state, relation)
        path = api.format(n.pk) if api else reverse(name, args=[n.pk])
        return Call(path, dict(data or {}))

    return call


def _consent_record(world, actor, relation) -> Call:
    n = _n(world, "awaiting", relation)
    return Call(
        reverse("merit:consent_record", args=[n.pk]),
        {"display": "full", "consent_file": SimpleUploadedFile("同意书.pdf", blank_pdf())},
    )


def _photo(world, actor, relation) -> Call:
    n = _n(world, "review", relation)
    return Call(reverse("merit:photo", args=[n.pk, n.photos.get().pk]))


def _answer(api: str = "") -> Callable:
    def call(world, actor, relation) -> Call:
        n = _n(world, "posted", relation)
        objection = n.objections.get()
        if api:
            return Call(api.format(n.pk, objection.pk), {"upheld": False, "answer": "已核实"})
        return Call(reverse("merit:answer", args=[n.pk, objection.pk]), {"upheld": "no", "answer": "已核实"})

    return call


def _community_call(name: str, data: dict | None = None, api: str = "") -> Callable:
    def call(world, actor, relation) -> Call:
        community = world.areas["village" if relation == "same" else "urban"]
        return Call(api.format(community.pk) if api else reverse(name, args=[community.pk]), dict(data or {}))

    return call


def _nominate(world, actor, relation) -> Call:
    return Call(
        reverse("merit:nominate"),
        {"community": world.areas["village"].pk, "category": world.parts["merit"]["category"].pk, "kind": "person",
         "nominee_name": "矩阵被提名人", "title": "帮邻居修好了屋顶", "story": STORY, "witness": "同组村民"},
    )  # fmt: skip


def _nominate_api(world, actor, relation) -> Call:
    return Call(
        "/api/v1/merit/nominations",
        {"community_id": world.areas["village"].pk, "category_id": world.parts["merit"]["category"].pk,
         "kind": "person", "nominee_name": "矩阵被提名人", "title": "帮邻居修好了屋顶", "story": STORY,
         "witness": "同组村民"},
    )  # fmt: skip


def _category_active(world, actor, relation) -> Call:
    return Call(reverse("merit:category_active", args=[world.parts["merit"]["category"].pk]), {"active": "0"})


API = "/api/v1/merit/nominations/{}"

PAGE_CALLS: dict[str, Callable] = {
    "merit:index": lambda world, actor, relation: Call(reverse("merit:index")),
    "merit:nominate": _nominate,
    "merit:nomination": nomination_call("merit:nomination", "review"),
    "merit:consent": nomination_call("merit:consent", "awaiting", {"display": "full"}),
    "merit:decline": nomination_call("merit:decline", "awaiting"),
    "merit:consent_withdraw": nomination_call("merit:consent_withdraw", "mine", {"reason": "不想公开"}),
    "merit:consent_record": _consent_record,
    "merit:consent_file": nomination_call("merit:consent_file", "review"),
    "merit:photo": _photo,
    "merit:review": nomination_call("merit:review", "review", {"agrees": "yes", "reason": "事迹属实"}),
    "merit:publicise": nomination_call("merit:publicise", "passed"),
    "merit:answer": _answer(),
    "merit:place": nomination_call("merit:place", "over"),
    "merit:withdraw": nomination_call("merit:withdraw", "review", {"reason": "本人要求撤回"}),
    "merit:manage": _community_call("merit:manage"),
    "merit:setting": _community_call("merit:setting", {"publicity_days": "10"}),
    "merit:categories": lambda world, actor, relation: Call(
        reverse("merit:categories"), {"name": "矩阵新类别"}
    ),
    "merit:category_active": _category_active,
    "merit:boards": lambda world, actor, relation: Call(reverse("merit:boards")),
    "merit:board": _community_call("merit:board"),
    "merit:poster": _community_call("merit:poster"),
    "merit:township_board": lambda world, actor, relation: Call(
        reverse("merit:township_board", args=[world.areas["township"].pk])
    ),
    "merit:entry": nomination_call("merit:entry", "posted"),
    "merit:object": nomination_call("merit:object", "posted", {"text": "我想再了解一下情况"}),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/merit/categories": lambda world, actor, relation: Call("/api/v1/merit/categories"),
    "GET /api/v1/merit/nominations": lambda world, actor, relation: Call("/api/v1/merit/nominations"),
    "POST /api/v1/merit/nominations": _nominate_api,
    "GET /api/v1/merit/nominations/{nomination_id}": nomination_call("", "review", api=API),
    "POST /api/v1/merit/nominations/{nomination_id}/consent": nomination_call(
        "", "awaiting", {"display": "full"}, api=API + "/consent"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/consent/withdraw": nomination_call(
        "", "mine", {"reason": "不想公开"}, api=API + "/consent/withdraw"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/decline": nomination_call(
        "", "awaiting", api=API + "/decline"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/review": nomination_call(
        "", "review", {"agrees": True, "reason": "事迹属实"}, api=API + "/review"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/publicise": nomination_call(
        "", "passed", api=API + "/publicise"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/objections": nomination_call(
        "", "posted", {"text": "我想再了解一下情况"}, api=API + "/objections"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/objections/{objection_id}/answer": _answer(
        API + "/objections/{}/answer"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/place": nomination_call("", "over", api=API + "/place"),
    "POST /api/v1/merit/nominations/{nomination_id}/withdraw": nomination_call(
        "", "review", {"reason": "本人要求撤回"}, api=API + "/withdraw"
    ),
    "GET /api/v1/merit/boards/{community_id}": _community_call("", api="/api/v1/merit/boards/{}"),
}


def _nominate_with_photos_api(world, actor, relation) -> Call:
    body = _nominate_api(world, actor, relation).data
    photo = SimpleUploadedFile("好人好事.png", _png(), content_type="image/png")
    return Call("/api/v1/merit/nominations-with-photos", {**body, "photos": [photo]}, multipart=True)


def _consent_record_api(world, actor, relation) -> Call:
    n = _n(world, "awaiting", relation)
    return Call(
        API.format(n.pk) + "/consent-record",
        {"display": "full", "consent_file": SimpleUploadedFile("同意书.pdf", blank_pdf())},
        multipart=True,
    )


API_CALLS |= {
    "POST /api/v1/merit/nominations-with-photos": _nominate_with_photos_api,
    "POST /api/v1/merit/nominations/{nomination_id}/consent-record": _consent_record_api,
    "GET /api/v1/merit/communities/{community_id}/setting": _community_call(
        "", api="/api/v1/merit/communities/{}/setting"
    ),
    "POST /api/v1/merit/communities/{community_id}/setting": _community_call(
        "", {"publicity_days": 10}, api="/api/v1/merit/communities/{}/setting"
    ),
    "POST /api/v1/merit/categories": lambda world, actor, relation: Call(
        "/api/v1/merit/categories", {"name": "矩阵接口类别"}
    ),
    "POST /api/v1/merit/categories/{category_id}/active": lambda world, actor, relation: Call(
        f"/api/v1/merit/categories/{world.parts['merit']['category'].pk}/active", {"active": False}
    ),
}


def _photo_api(world, actor, relation) -> Call:
    n = _n(world, "review", relation)
    return Call(API.format(n.pk) + f"/photos/{n.photos.get().pk}")


API_CALLS |= {
    "GET /api/v1/merit/nominations/{nomination_id}/consent-file": nomination_call(
        "", "review", api=API + "/consent-file"
    ),
    "GET /api/v1/merit/nominations/{nomination_id}/photos/{photo_id}": _photo_api,
}
