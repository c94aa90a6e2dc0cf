"""Situation notes 微民情 on the case engine: post, accept, reply, resolve, rate, withdraw, reopen; pages and API."""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.models import Case, CaseAttachment, CaseEvent, PrivacyTier
from gongzhi.cases.selectors import case_moves_for
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.situations import actions
from gongzhi.situations.models import SituationNote
from gongzhi.situations.selectors import queue_for, situation_get_for

pytestmark = pytest.mark.django_db


def post(users, who: str = "resident", **extra) -> SituationNote:
    values = {"category": "roads", "place": "3组村道桥头", "body": "桥头路面塌了一个坑，晚上很危险。"}
    values.update(extra)
    return actions.situation_post(actor=users[who], **values)


def snapshot():
    return (
        set(Case.objects.values_list("pk", "state", "assignee_id", "rating", "due_at", "closed_at")),
        set(SituationNote.objects.values_list("pk", "reply", "handled_note")),
        CaseEvent.objects.count(),
        CaseAttachment.objects.count(),
        AuditEvent.objects.exclude(verb__startswith="access.").count(),  # a refusal's own trace is no change
        Notice.objects.count(),
    )


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_whole_life_of_a_situation_note(users):
    note = post(users)
    case = note.case
    assert (case.state, case.privacy, case.author, case.kind) == ("submitted", PrivacyTier.STAFF_ONLY,
                                                                  users["resident"], "situation")  # fmt: skip
    assert case.due_at is not None
    assert case.due_limit
    assert case.title.startswith("桥头路面")
    accept_due = case.due_at

    note = actions.situation_accept(actor=users["community_staff"], situation=note, note="已安排人员查看")
    assert (note.case.state, note.case.assignee) == ("handling", users["community_staff"])
    assert note.case.due_at > accept_due  # 1 workday to accept, then 3 to handle
    handling_due = note.case.due_at

    note = actions.situation_reply(
        actor=users["community_staff"], situation=note, reply="已联系施工队，明天修补。"
    )
    note.refresh_from_db()
    assert note.case.state == "handling"
    assert note.case.due_at == handling_due
    assert note.reply == "已联系施工队，明天修补。"
    assert note.replied_by == users["community_staff"]

    note = actions.situation_resolve(
        actor=users["community_staff"], situation=note, handled_note="坑已填平并压实。"
    )
    assert note.case.state == "resolved"
    assert note.case.closed_at is not None
    assert note.case.due_at is None
    assert note.handled_note == "坑已填平并压实。"

    note = actions.situation_rate(actor=users["resident"], situation=note, rating=5, comment="很快")
    note.refresh_from_db()
    assert (note.case.rating, note.case.rating_comment) == (5, "很快")
    moves = list(CaseEvent.objects.filter(case=case).values_list("verb", "from_state", "to_state"))
    assert moves == [
        ("open", "", "submitted"), ("accept", "submitted", "handling"), ("reply", "handling", "handling"),
        ("resolve", "handling", "resolved"), ("rate", "resolved", "resolved"),
    ]  # fmt: skip
    # The author heard of every status change and reply; the handler of the rating.
    to_author = list(Notice.objects.filter(recipient=users["resident"]).values_list("body", flat=True))
    assert len(to_author) == 3
    assert any("明天修补" in body for body in to_author)
    assert Notice.objects.filter(recipient=users["community_staff"], title__contains="5星").exists()
    verbs = set(AuditEvent.objects.filter(verb__startswith="case.").values_list("verb", flat=True))
    assert verbs == {"case.opened", "case.moved", "case.rated"}


def test_a_grid_worker_posts_for_their_grid_or_a_place_they_name(users, areas):
    default = post(users, "grid_worker")
    assert default.case.area_path == areas["grid_a1"].path
    assert default.case.community == areas["village"]
    assert default.case.author == users["grid_worker"]
    assert default.case.resident is None
    named = post(users, "grid_worker", area_id=areas["grid_a1"].pk, place="1组网格活动室")
    assert named.case.area_path == areas["grid_a1"].path
    before = snapshot()
    for area in ("grid_a2", "grid_b1", "building", "village"):  # not theirs, or not a grid or building
        with pytest.raises(DomainError, match="您负责的网格") as exc:
            post(users, "grid_worker", area_id=areas[area].pk)
        assert exc.value.field == "area"
    with pytest.raises(DomainError, match="您负责的网格"):
        post(users, "resident", area_id=areas["grid_a1"].pk)  # residents report where they live
    assert snapshot() == before


def test_a_residents_note_belongs_to_where_they_are_registered(users, areas, make_resident):
    from gongzhi.residents.models import Resident

    entry = make_resident("grid_a2", name="钱大妈")
    Resident.objects.filter(pk=entry.pk).update(user=users["resident"])
    note = post(users)
    assert note.case.resident == entry
    assert note.case.area_path == entry.area_path
    assert situation_get_for(viewer=users["community_staff"], situation_id=note.pk) == note


def test_only_the_author_and_the_handlers_see_a_note(users):
    note = post(users)
    for who in ("resident", "community_staff", "township_admin"):
        assert situation_get_for(viewer=users[who], situation_id=note.pk) == note
    for who in (
        "other_staff",
        "grid_worker",
        "window_clerk",
        "party_member",
        "volunteer",
        "supervisor",
        "nobody",
    ):
        with pytest.raises(NotFound):
            situation_get_for(viewer=users[who], situation_id=note.pk)
    with pytest.raises(NotFound):
        situation_get_for(viewer=users["resident"], situation_id=note.pk + 1000)


def test_wrong_people_and_wrong_states_change_nothing(users):
    note = post(users)
    before = snapshot()
    for who in ("party_member", "grid_worker", "window_clerk", "other_staff", "resident"):
        with pytest.raises(NotPermitted):
            actions.situation_accept(actor=users[who], situation=note)
    with pytest.raises(Conflict, match="待受理"):
        actions.situation_reply(actor=users["community_staff"], situation=note, reply="先答复")
    with pytest.raises(Conflict, match="待受理"):
        actions.situation_resolve(actor=users["community_staff"], situation=note, handled_note="已处理")
    with pytest.raises(Conflict, match="办结后"):
        actions.situation_rate(actor=users["resident"], situation=note, rating=5)
    with pytest.raises(NotPermitted):
        actions.situation_withdraw(actor=users["community_staff"], situation=note)  # the author's call
    with pytest.raises(NotPermitted):
        post(users, "party_member")  # residents and grid workers report
    assert snapshot() == before

    actions.situation_accept(actor=users["community_staff"], situation=note)
    before = snapshot()
    with pytest.raises(Conflict, match="不能撤回"):
        actions.situation_withdraw(actor=users["resident"], situation=note)
    with pytest.raises(Conflict):
        actions.situation_accept(actor=users["township_admin"], situation=note)  # already accepted
    with pytest.raises(NotPermitted):
        actions.situation_reply(actor=users["resident"], situation=note, reply="我自己答复")
    with pytest.raises(NotPermitted):
        actions.situation_resolve(actor=users["other_staff"], situation=note, handled_note="已处理")
    with pytest.raises(Conflict):
        actions.situation_reopen(actor=users["resident"], situation=note, reason="还没好")
    assert snapshot() == before

    actions.situation_resolve(actor=users["township_admin"], situation=note, handled_note="已修复")
    before = snapshot()
    with pytest.raises(NotPermitted):
        actions.situation_reopen(actor=users["community_staff"], situation=note, reason="再看看")
    with pytest.raises(NotPermitted):
        actions.situation_rate(actor=users["community_staff"], situation=note, rating=5)
    with pytest.raises(DomainError, match="1到5星"):
        actions.situation_rate(actor=users["resident"], situation=note, rating=6)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("category", {"category": ""}, "请选择民情类别"),
        ("category", {"category": "火星"}, "请选择民情类别"),
        ("place", {"place": ""}, "请填写地点"),
        ("place", {"place": "   "}, "请填写地点"),
        ("place", {"place": "长" * 101}, "不能超过100个字"),
        ("body", {"body": ""}, "请填写情况描述"),
        ("body", {"body": "太短"}, "至少5个字"),
        ("body", {"body": "长" * 501}, "不能超过500个字"),
        ("body", {"body": "坏字符\x00\x00\x00\x00"}, "无法显示"),
    ],
)
def test_bad_input_is_refused_clearly_and_changes_nothing(users, field, values, message):
    before = snapshot()
    with pytest.raises(DomainError) as exc:
        post(users, **values)
    assert exc.value.field == field
    assert message in exc.value.message
    assert snapshot() == before


def test_bad_replies_and_results_are_refused(users):
    note = post(users)
    actions.situation_accept(actor=users["community_staff"], situation=note)
    before = snapshot()
    with pytest.raises(DomainError, match="请填写答复内容"):
        actions.situation_reply(actor=users["community_staff"], situation=note, reply="  ")
    with pytest.raises(DomainError, match="不能超过500个字"):
        actions.situation_reply(actor=users["community_staff"], situation=note, reply="长" * 501)
    with pytest.raises(DomainError, match="请填写办理结果"):
        actions.situation_resolve(actor=users["community_staff"], situation=note, handled_note="")
    assert snapshot() == before


def test_a_form_sent_twice_makes_one_note(users):
    first = post(users, submission_key="k-777")
    with pytest.raises(AlreadySubmitted) as exc:
        post(users, submission_key="k-777")
    assert exc.value.case.pk == first.pk
    assert SituationNote.objects.count() == 1


def test_withdraw_only_before_acceptance(users):
    note = post(users)
    note = actions.situation_withdraw(actor=users["resident"], situation=note, reason="已经自己解决了")
    assert note.case.state == "withdrawn"
    assert note.case.closed_at is not None
    assert note.case.due_at is None
    with pytest.raises(Conflict):
        note = actions.situation_reopen(actor=users["resident"], situation=note, reason="又坏了")
    with pytest.raises(Conflict, match="办结后"):
        note = actions.situation_rate(actor=users["resident"], situation=note, rating=3)


def test_the_author_reopens_within_seven_days_and_the_handler_is_told(users):
    note = post(users)
    note = actions.situation_accept(actor=users["community_staff"], situation=note)
    note = actions.situation_resolve(actor=users["community_staff"], situation=note, handled_note="已修复")
    note = actions.situation_rate(actor=users["resident"], situation=note, rating=2, comment="没修好")
    with pytest.raises(DomainError, match="请填写仍未解决的情况"):
        note = actions.situation_reopen(actor=users["resident"], situation=note, reason="")
    note = actions.situation_reopen(actor=users["resident"], situation=note, reason="下雨后坑又出现了")
    note.refresh_from_db()
    assert note.case.state == "handling"
    assert note.case.closed_at is None
    assert note.case.due_at is not None
    assert (
        note.case.rating is None
    )  # the earlier rating is in the timeline; the author rates the final outcome
    assert CaseEvent.objects.filter(case=note.case, verb="rate", note__contains="没修好").exists()
    assert Notice.objects.filter(
        recipient=users["community_staff"], body__contains="下雨后坑又出现了"
    ).exists()
    note = actions.situation_resolve(
        actor=users["community_staff"], situation=note, handled_note="重新铺了沥青"
    )
    later = note.case.closed_at + dt.timedelta(days=actions.REOPEN_DAYS, minutes=1)
    before = snapshot()
    with pytest.raises(Conflict, match="超过7天"):
        note = actions.situation_reopen(actor=users["resident"], situation=note, reason="又坏了", now=later)
    assert snapshot() == before
    assert "reopen" not in case_moves_for(note, users["resident"], now=later)
    assert case_moves_for(note, users["resident"]) == ["reopen", "rate"]


def test_the_queue_shows_due_times_and_overdue_marks(users, client, django_assert_max_num_queries):
    fresh = post(users, body="路灯不亮了，晚上看不见路。")
    late = post(users, body="垃圾桶满了三天没人清运。", category="environment")
    Case.objects.filter(pk=late.pk).update(
        due_at=timezone.now() - dt.timedelta(hours=2), due_basis="weekends_only",
        due_note="2027年节假日安排未公布，仅按周末计算",
    )  # fmt: skip
    theirs = post(users, "grid_worker", body="网格内有一处电线裸露。")
    actions.situation_accept(actor=users["community_staff"], situation=theirs)
    done = post(users, body="这条已经处理完了的民情。")
    actions.situation_accept(actor=users["community_staff"], situation=done)
    actions.situation_resolve(actor=users["community_staff"], situation=done, handled_note="已处理")
    assert list(queue_for(viewer=users["community_staff"])) == [late, fresh, theirs]  # earliest due first
    assert list(queue_for(viewer=users["other_staff"])) == []

    client.force_login(users["community_staff"])
    with django_assert_max_num_queries(12):
        html = client.get("/situations/queue/").content.decode()
    assert html.count('data-testid="queue-row"') == 3
    assert "这条已经处理完了" not in html
    assert html.count('class="gz-overdue"') == 1
    assert "已超期" in html
    assert "仅按周末计算" in html  # the due basis, when the holiday schedule is unknown
    assert "垃圾桶满了" in html.split("已超期")[0]  # the overdue note is on top
    filtered = client.get("/situations/queue/?category=environment").content.decode()
    assert filtered.count('data-testid="queue-row"') == 1
    resolved = client.get("/situations/queue/?state=resolved").content.decode()
    assert "这条已经处理完了" in resolved
    for who in ("grid_worker", "window_clerk", "resident"):
        client.force_login(users[who])
        assert client.get("/situations/queue/").status_code == 403


def test_the_queue_costs_the_same_for_three_notes_or_thirty(users, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["community_staff"])
    for n in range(3):
        post(users, body=f"第{n}条民情的情况描述。")
    client.get("/situations/queue/")  # the session's first request writes it
    with CaptureQueriesContext(connection) as few:
        client.get("/situations/queue/")
    for n in range(27):
        post(users, "grid_worker", body=f"网格员第{n}条民情的情况描述。")
    with CaptureQueriesContext(connection) as many:
        client.get("/situations/queue/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_pages_walk_the_note_and_escape_what_people_type(users, client):
    client.force_login(users["resident"])
    page = client.get("/situations/new/")
    assert page.status_code == 200
    assert "area" not in page.context["form"].fields
    key = page.context["form"]["submission_key"].value()
    data = {"category": "safety", "place": "<b>村口</b>", "body": "<script>alert(1)</script>有陌生车辆徘徊",
            "submission_key": key, "photo": SimpleUploadedFile("a.jpg", _jpeg(), "image/jpeg")}  # fmt: skip
    response = client.post("/situations/new/", data)
    note = SituationNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/situations/{note.pk}/"
    again = client.post(
        "/situations/new/", {**data, "photo": SimpleUploadedFile("a.jpg", _jpeg(), "image/jpeg")}
    )
    assert again.status_code == 302
    assert again["Location"] == f"/situations/{note.pk}/"
    assert SituationNote.objects.count() == 1
    assert CaseAttachment.objects.count() == 1
    body = client.get(f"/situations/{note.pk}/").content.decode()
    assert "&lt;script&gt;" in body
    assert "<script>alert" not in body
    assert "&lt;b&gt;村口" in body
    assert 'data-testid="withdraw"' in body
    assert 'data-testid="accept"' not in body
    photo = note.case.attachments.get()
    assert client.get(f"/situations/{note.pk}/photos/{photo.pk}/").status_code == 200
    mine = client.get("/situations/mine/").content.decode()
    assert "&lt;script&gt;alert(1)" in mine
    assert "<script>alert" not in mine

    client.force_login(users["other_staff"])
    assert client.get(f"/situations/{note.pk}/").status_code == 404
    assert client.get(f"/situations/{note.pk}/photos/{photo.pk}/").status_code == 404
    assert client.post(f"/situations/{note.pk}/accept/").status_code == 404

    client.force_login(users["community_staff"])
    assert 'data-testid="accept"' in client.get(f"/situations/{note.pk}/").content.decode()
    client.post(f"/situations/{note.pk}/accept/", {"note": "马上去看"})
    empty = client.post(f"/situations/{note.pk}/reply/", {"reply": ""}, follow=True)
    assert "请填写答复内容" in empty.content.decode()
    client.post(f"/situations/{note.pk}/reply/", {"reply": "已通知派出所巡逻"})
    client.post(f"/situations/{note.pk}/resolve/", {"handled_note": "车辆已离开，加强巡逻"})
    note.refresh_from_db()
    assert note.case.state == "resolved"
    assert note.reply == "已通知派出所巡逻"

    client.force_login(users["resident"])
    page = client.get(f"/situations/{note.pk}/").content.decode()
    assert "已通知派出所巡逻" in page
    assert "车辆已离开" in page
    assert 'data-testid="rate"' in page
    client.post(f"/situations/{note.pk}/rate/", {"rating": "4", "comment": "谢谢"})
    assert Case.objects.get(pk=note.pk).rating == 4


def test_a_grid_worker_picks_one_of_their_grids_on_the_page(users, areas, client):
    client.force_login(users["grid_worker"])
    form = client.get("/situations/new/").context["form"]
    assert [pk for pk, _label in form.fields["area"].choices] == [areas["grid_a1"].pk]
    data = {"category": "environment", "place": "河边", "body": "河边堆了很多建筑垃圾。"}
    refused = client.post("/situations/new/", {**data, "area": areas["grid_a2"].pk})
    assert refused.status_code == 200
    assert SituationNote.objects.count() == 0
    client.post("/situations/new/", {**data, "area": areas["grid_a1"].pk})
    assert SituationNote.objects.get().case.area_path == areas["grid_a1"].path


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_saved(users, client):
    client.force_login(users["resident"])
    data = {"category": "other", "place": "村委会门口", "body": "门口台阶坏了，老人不好走。",
            "photo": SimpleUploadedFile("a.jpg", b"not an image at all", "image/jpeg")}  # fmt: skip
    response = client.post("/situations/new/", data)
    assert response.status_code == 200
    assert SituationNote.objects.count() == 0
    assert Case.objects.count() == 0
    assert "图片" in response.content.decode() or "照片" in response.content.decode()


# --- API -------------------------------------------------------------------------------------


def bearer(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def api_post(path: str, data: dict, user):
    return Client().post(path, json.dumps(data), content_type="application/json", **bearer(user))


def test_the_same_lifecycle_over_the_api(users):
    payload = {
        "category": "livelihood",
        "place": "2组",
        "body": "自来水停了两天，请帮忙问问。",
        "submission_key": "api-1",
    }
    created = api_post("/api/v1/situations", payload, users["resident"])
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "submitted"
    assert body["privacy"] == "staff_only"
    assert body["allowed_moves"] == ["withdraw"]
    assert body["due_at"]
    assert body["due_limit"]
    again = api_post("/api/v1/situations", payload, users["resident"])
    assert again.status_code == 400
    assert again.json()["code"] == "already_submitted"
    pk = body["id"]

    staff = Client()
    headers = bearer(users["community_staff"])
    queue = staff.get("/api/v1/situations/queue", **headers).json()
    assert queue["count"] == 1
    assert queue["items"][0]["id"] == pk
    accepted = staff.post(f"/api/v1/situations/{pk}/accept", "{}", content_type="application/json", **headers)
    assert accepted.json()["state"] == "handling"
    assert accepted.json()["assignee"]
    replied = staff.post(f"/api/v1/situations/{pk}/reply", json.dumps({"reply": "已联系水厂"}),
                         content_type="application/json", **headers)  # fmt: skip
    assert replied.json()["reply"] == "已联系水厂"
    resolved = staff.post(f"/api/v1/situations/{pk}/resolve", json.dumps({"handled_note": "已恢复供水"}),
                          content_type="application/json", **headers)  # fmt: skip
    assert resolved.json()["state"] == "resolved"
    rated = api_post(f"/api/v1/situations/{pk}/rate", {"rating": 5}, users["resident"])
    assert rated.status_code == 200
    assert rated.json()["rating"] == 5
    detail = Client().get(f"/api/v1/situations/{pk}", **bearer(users["resident"])).json()
    assert [row["verb"] for row in detail["timeline"]] == ["提交", "受理", "答复", "办结", "评价"]
    mine = Client().get("/api/v1/situations/mine", **bearer(users["resident"])).json()
    assert [s["id"] for s in mine] == [pk]


def test_api_refusals_are_clear_and_change_nothing(users, areas):
    note = post(users)
    who = ("resident", "grid_worker", "party_member", "other_staff", "community_staff")
    tokens = {
        name: bearer(users[name]) for name in who
    }  # tokens are written (and audited) before the snapshot

    def send(path: str, data: dict, name: str):
        return Client().post(path, json.dumps(data), content_type="application/json", **tokens[name])

    before = snapshot()
    road = {"category": "roads", "place": "河边", "body": "河边路坏了需要修。"}
    bad = send("/api/v1/situations", {**road, "place": ""}, "resident")
    assert bad.status_code == 400
    assert bad.json()["details"] == {"field": "place"}
    assert "地点" in bad.json()["message"]
    outside = send("/api/v1/situations", {**road, "area_id": areas["grid_b1"].pk}, "grid_worker")
    assert outside.status_code == 400
    assert outside.json()["details"] == {"field": "area"}
    assert send("/api/v1/situations", road, "party_member").status_code == 403
    assert Client().get(f"/api/v1/situations/{note.pk}", **tokens["other_staff"]).status_code == 404
    assert send(f"/api/v1/situations/{note.pk}/accept", {}, "other_staff").status_code == 404
    assert send(f"/api/v1/situations/{note.pk}/accept", {}, "resident").status_code == 403
    wrong_state = send(f"/api/v1/situations/{note.pk}/reply", {"reply": "先答复"}, "community_staff")
    assert wrong_state.status_code == 409
    assert "待受理" in wrong_state.json()["message"]
    assert Client().get("/api/v1/situations/queue", **tokens["resident"]).status_code == 403
    assert snapshot() == before


def test_waiting_notes_reach_the_handlers_daily_digest(users):
    from gongzhi.cases.digest import queue_counts_for

    post(users)
    late = post(users, body="垃圾桶满了三天没人清运。")
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    counts = {c.kind: c for c in queue_counts_for(users["community_staff"])}
    assert (counts["situation"].waiting, counts["situation"].overdue) == (2, 1)
    assert counts["situation"].url == "/situations/queue/"
    assert "situation" not in {c.kind for c in queue_counts_for(users["grid_worker"])}


def test_a_too_long_reply_from_the_page_gets_the_actions_message(users, client):
    from gongzhi.situations import actions as situation_actions
    from gongzhi.situations.models import SituationNote

    note = situation_actions.situation_post(actor=users["resident"], category="roads", place="村口",
                                            body="村口的路灯坏了，晚上很黑。")  # fmt: skip
    situation_actions.situation_accept(actor=users["community_staff"], situation=note)
    client.force_login(users["community_staff"])
    page = client.post(f"/situations/{note.pk}/reply/", {"reply": "长" * 5000}, follow=True).content.decode()
    assert "不能超过" in page
    assert SituationNote.objects.get(pk=note.pk).reply == ""
