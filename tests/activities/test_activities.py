"""Activities 活动: publish (community staff, a registered organisation), edit, cancel, sign up (self and
assisted), withdraw, no overbooking, attendance by the organiser only, volunteer hours, the photo report,
the public calendar and its feed, and every bad input refused with nothing changed."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.roles import Role
from gongzhi.activities import actions, selectors
from gongzhi.activities.models import Activity, ReportPhoto, SignUp
from gongzhi.audit.models import AuditEvent
from gongzhi.core.deeds import deed_source
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hours.models import ServiceCredit
from gongzhi.notices.models import Notice
from gongzhi.photos.models import Photo
from tests.activities.conftest import kind, move_to_past, next_week, publish, series
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Activity.objects.count(),
        set(Activity.objects.values_list("pk", "state", "title", "places", "report", "starts_at")),
        set(SignUp.objects.values_list("pk", "state")),
        ServiceCredit.objects.count(),
        Notice.objects.count(),
        AuditEvent.objects.filter(success=True).count(),
        ReportPhoto.objects.count(),
        Photo.objects.count(),
    )


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (31.0, 14.0, 5.0), 3: "E", 4: (121.0, 28.0, 9.0)}
    exif[0x8825] = gps  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    raw = buffer.getvalue()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825), "the test photo must carry GPS EXIF"
    return raw


def test_the_whole_life_of_a_volunteer_activity(users, areas, make_resident):
    staff = users["community_staff"]
    activity = publish(staff, areas["village"], volunteer=True, places=3, series_id=series("volunteer").pk,
                       kind_id=kind("volunteer_service").pk, title="敬老院志愿服务")  # fmt: skip
    assert (activity.state, activity.area_path, activity.organisation) == (
        "open",
        areas["village"].path,
        None,
    )
    mine = actions.signup_create(actor=users["volunteer"], activity=activity)
    elder = make_resident("grid_a1", name="王奶奶")
    theirs = actions.signup_create_assisted(
        actor=users["grid_worker"], activity=activity, resident=elder, consent_channel="phone"
    )
    assert (theirs.assisted, theirs.consent_channel, theirs.signed_by) == (
        True,
        "phone",
        users["grid_worker"],
    )
    assert theirs.consent_at
    party = actions.signup_create(actor=users["party_member"], activity=activity)
    assert selectors.places_left(selectors.activity_get(activity.pk)) == 0
    activity = move_to_past(activity, minutes=100)
    marked = actions.attendance_mark(actor=staff, activity=activity, signup_ids=[mine.pk, theirs.pk])
    assert {s.state for s in marked} == {"attended"}
    credit = ServiceCredit.objects.get(helper=users["volunteer"])
    assert (credit.source, credit.source_id, credit.hours) == ("activity", activity.pk, Decimal("1.5"))
    assert ServiceCredit.objects.count() == 1  # 王奶奶 has no account: no credit, and no error
    party.refresh_from_db()
    assert party.state == "signed"  # not marked: simply did not come, no check-in asked
    verbs = list(
        AuditEvent.objects.filter(verb__regex=r"^(activity|signup)\.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["activity.published", "signup.created", "signup.created", "signup.created",
                     "signup.attended", "signup.attended"]  # fmt: skip


def test_an_organisation_publishes_through_its_representative(users, areas, volunteer_org):
    activity = publish(users["volunteer"], areas["village"], organisation_id=volunteer_org.pk)
    assert activity.organisation == volunteer_org
    assert selectors.organiser_label(activity) == volunteer_org.name
    signup = actions.signup_create(actor=users["resident"], activity=activity)
    activity = move_to_past(activity)
    # The community's staff did not organise it: only the organisation's representative marks attendance.
    before = snapshot()
    with pytest.raises(NotPermitted, match="只有活动的组织方"):
        actions.attendance_mark(actor=users["community_staff"], activity=activity, signup_ids=[signup.pk])
    assert snapshot() == before
    actions.attendance_mark(actor=users["volunteer"], activity=activity, signup_ids=[signup.pk])
    signup.refresh_from_db()
    assert signup.state == "attended"
    # The representative sees the signer masked, staff in full.
    assert selectors.signer_label(signup, viewer=users["volunteer"]) == "r**"
    assert selectors.signer_label(signup, viewer=users["community_staff"]) == "resident"


def test_a_representative_without_naming_the_organisation_or_of_another_is_refused(
    users, areas, volunteer_org
):
    before = snapshot()
    with pytest.raises(DomainError, match="请选择以哪个社会组织的名义发布"):
        publish(users["volunteer"], areas["village"])
    with pytest.raises(NotPermitted):
        publish(users["volunteer"], areas["urban"], organisation_id=volunteer_org.pk)
    assert snapshot() == before


def test_publishing_outside_scope_is_refused(users, areas):
    before = snapshot()
    for actor in (users["resident"], users["volunteer"], users["grid_worker"], users["window_clerk"]):
        with pytest.raises(NotPermitted):
            publish(actor, areas["village"])
    with pytest.raises(NotPermitted):
        publish(users["community_staff"], areas["urban"])
    assert snapshot() == before


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "请填写活动名称"),
        ({"description": "短"}, "至少5个字"),
        ({"ends_at": next_week()[0] - dt.timedelta(hours=1)}, "结束时间应晚于开始时间"),
        ({"ends_at": next_week()[0]}, "结束时间应晚于开始时间"),
        ({"starts_at": timezone.now() - dt.timedelta(hours=1)}, "开始时间已经过去"),
        ({"starts_at": None}, "请填写开始时间"),
        ({"places": 0}, "名额应在1到2000之间"),
        ({"places": "3.5"}, "名额请填写整数"),
        ({"places": 2.5}, "名额请填写整数"),
        ({"series_id": None}, "请选择活动系列"),
        ({"kind_id": 999999}, "请选择活动类型"),
    ],
)
def test_bad_activities_are_refused_with_nothing_written(users, areas, values, message):
    before = snapshot()
    with pytest.raises(DomainError, match=message):
        publish(users["community_staff"], areas["village"], **values)
    assert snapshot() == before


def test_unlimited_places_take_everyone(users, areas):
    activity = publish(users["community_staff"], areas["village"], places="")
    assert activity.places is None
    for n in range(5):
        actions.signup_create(actor=make_user(f"r{n}", Role.RESIDENT, areas["village"]), activity=activity)
    assert selectors.places_left(selectors.activity_get(activity.pk)) is None


def test_sign_up_beyond_the_places_twice_after_the_start_and_when_cancelled(users, areas):
    activity = publish(users["community_staff"], areas["village"], places=1)
    actions.signup_create(actor=users["resident"], activity=activity)
    before = snapshot()
    with pytest.raises(Conflict, match="您已报名这项活动"):
        actions.signup_create(actor=users["resident"], activity=activity)
    with pytest.raises(Conflict, match="名额已满"):
        actions.signup_create(actor=users["volunteer"], activity=activity)
    assert snapshot() == before
    later = publish(users["community_staff"], areas["village"])
    later = move_to_past(later)
    before = snapshot()
    with pytest.raises(Conflict, match="活动已经开始或结束，不能再报名"):
        actions.signup_create(actor=users["resident"], activity=later)
    assert snapshot() == before
    called_off = publish(users["community_staff"], areas["village"])
    actions.activity_cancel(actor=users["community_staff"], activity=called_off)
    before = snapshot()
    with pytest.raises(Conflict, match="这项活动已取消，不能报名"):
        actions.signup_create(actor=users["resident"], activity=called_off)
    assert snapshot() == before


def test_an_assisted_sign_up_needs_consent_and_scope(users, areas, make_resident):
    activity = publish(users["community_staff"], areas["village"])
    elder = make_resident("grid_a2", name="李爷爷")
    before = snapshot()
    with pytest.raises(DomainError, match="请选择居民同意的方式"):
        actions.signup_create_assisted(
            actor=users["community_staff"], activity=activity, resident=elder, consent_channel=""
        )
    with pytest.raises(NotPermitted):  # the grid worker's grid is 1组网格
        actions.signup_create_assisted(
            actor=users["grid_worker"], activity=activity, resident=elder, consent_channel="phone"
        )
    assert snapshot() == before
    actions.signup_create_assisted(
        actor=users["community_staff"], activity=activity, resident=elder, consent_channel="in_person"
    )
    with pytest.raises(Conflict, match="这位居民已报名这项活动"):
        actions.signup_create_assisted(
            actor=users["window_clerk"], activity=activity, resident=elder, consent_channel="phone"
        )


def test_withdraw_frees_the_place_before_the_start_only(users, areas):
    activity = publish(users["community_staff"], areas["village"], places=1)
    signup = actions.signup_create(actor=users["resident"], activity=activity)
    before = snapshot()
    with pytest.raises(NotPermitted):
        actions.signup_withdraw(actor=users["volunteer"], signup=signup)
    assert snapshot() == before
    actions.signup_withdraw(actor=users["resident"], signup=signup)
    actions.signup_create(actor=users["volunteer"], activity=activity)  # the place is free again
    again = actions.signup_create(
        actor=users["party_member"], activity=publish(users["community_staff"], areas["village"])
    )
    move_to_past(again.activity)
    again = SignUp.objects.get(pk=again.pk)
    before = snapshot()
    with pytest.raises(Conflict, match="活动已经开始，不能再退出报名"):
        actions.signup_withdraw(actor=users["party_member"], signup=again)
    assert snapshot() == before


def test_attendance_by_someone_else_before_the_start_or_for_someone_not_signed_up(users, areas):
    activity = publish(users["community_staff"], areas["village"], volunteer=True)
    signup = actions.signup_create(actor=users["volunteer"], activity=activity)
    withdrawn = actions.signup_create(actor=users["resident"], activity=activity)
    actions.signup_withdraw(actor=users["resident"], signup=withdrawn)
    before = snapshot()
    with pytest.raises(Conflict, match="活动开始后才能记录参加"):
        actions.attendance_mark(actor=users["community_staff"], activity=activity, signup_ids=[signup.pk])
    assert snapshot() == before
    activity = move_to_past(activity)
    for outsider in (
        users["volunteer"],
        users["grid_worker"],
        users["township_admin"],
        users["other_staff"],
        users["resident"],
    ):
        with pytest.raises(NotPermitted, match="只有活动的组织方才能记录谁参加了活动"):
            actions.attendance_mark(actor=outsider, activity=activity, signup_ids=[signup.pk])
    other = publish(users["community_staff"], areas["village"])
    stranger = actions.signup_create(actor=users["party_member"], activity=other)
    before = snapshot()
    with pytest.raises(DomainError, match="只能为报名了这项活动的人记录参加"):
        actions.attendance_mark(
            actor=users["community_staff"], activity=activity, signup_ids=[signup.pk, stranger.pk]
        )
    with pytest.raises(Conflict, match="已经退出，不能记为参加"):
        actions.attendance_mark(
            actor=users["community_staff"], activity=activity, signup_ids=[signup.pk, withdrawn.pk]
        )
    with pytest.raises(DomainError, match="请勾选"):
        actions.attendance_mark(actor=users["community_staff"], activity=activity, signup_ids=[])
    assert snapshot() == before
    actions.attendance_mark(actor=users["community_staff"], activity=activity, signup_ids=[signup.pk])
    with pytest.raises(Conflict, match="已经记为参加"):
        actions.attendance_mark(actor=users["community_staff"], activity=activity, signup_ids=[signup.pk])
    assert ServiceCredit.objects.filter(helper=users["volunteer"], source="activity").count() == 1


def test_cancel_tells_everyone_signed_up(users, areas, make_resident):
    activity = publish(users["community_staff"], areas["village"])
    actions.signup_create(actor=users["resident"], activity=activity)
    elder = make_resident("grid_a1", name="王奶奶")
    actions.signup_create_assisted(
        actor=users["grid_worker"], activity=activity, resident=elder, consent_channel="phone"
    )
    before = snapshot()
    with pytest.raises(NotPermitted):
        actions.activity_cancel(actor=users["other_staff"], activity=activity)
    assert snapshot() == before
    actions.activity_cancel(actor=users["community_staff"], activity=activity, reason="台风预警")
    assert set(SignUp.objects.filter(activity=activity).values_list("state", flat=True)) == {"cancelled"}
    told = Notice.objects.filter(title__contains="已取消", body__contains="台风预警")
    assert set(told.values_list("recipient__username", flat=True)) == {"resident", "grid_worker"}
    with pytest.raises(Conflict, match="已经取消了"):
        actions.activity_cancel(actor=users["community_staff"], activity=activity)


def test_edit_before_the_start_never_below_the_sign_ups(users, areas):
    activity = publish(users["community_staff"], areas["village"], places=5)
    actions.signup_create(actor=users["resident"], activity=activity)
    actions.signup_create(actor=users["volunteer"], activity=activity)
    values = {
        "title": activity.title, "description": activity.description, "place": "青山村新礼堂", "audience": "",
        "starts_at": activity.starts_at, "ends_at": activity.ends_at, "series_id": activity.series_id,
        "kind_id": activity.kind_id,
    }  # fmt: skip
    before = snapshot()
    with pytest.raises(Conflict, match="已有 2 人报名，名额不能少于 2 个"):
        actions.activity_edit(actor=users["community_staff"], activity=activity, places=1, **values)
    with pytest.raises(NotPermitted):
        actions.activity_edit(actor=users["volunteer"], activity=activity, places=9, **values)
    assert snapshot() == before
    actions.activity_edit(actor=users["community_staff"], activity=activity, places=2, **values)
    activity.refresh_from_db()
    assert (activity.places, activity.place) == (2, "青山村新礼堂")
    assert Notice.objects.filter(title__contains="有变动").count() == 2
    activity = move_to_past(activity)
    with pytest.raises(Conflict, match="活动已经开始，不能再修改"):
        actions.activity_edit(actor=users["community_staff"], activity=activity, places=3, **values)


def test_the_report_strips_gps_and_refuses_a_non_image(users, areas, client):
    activity = publish(users["community_staff"], areas["village"])
    with pytest.raises(Conflict, match="活动开始后才能发布报道"):
        actions.report_save(
            actor=users["community_staff"], activity=activity, text="活动开得很好，大家很受教育。"
        )
    activity = move_to_past(activity)
    client.force_login(users["community_staff"])
    url = reverse("activities:report", args=[activity.pk])
    before = snapshot()
    not_image = SimpleUploadedFile("report.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(url, {"report": "活动开得很好，大家很受教育。", "photos": [not_image]})
    assert response.status_code == 200
    assert "图片" in response.content.decode() or "照片" in response.content.decode()
    assert snapshot() == before
    photo = SimpleUploadedFile("scene.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(url, {"report": "活动开得很好，大家很受教育。", "photos": [photo]})
    assert response.status_code == 302
    stored = ReportPhoto.objects.get(activity=activity).photo
    with Image.open(stored.file_path) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
    # Shown on the public page, to anyone.
    client.logout()
    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "活动开得很好" in page
    served = client.get(reverse("activities:photo", args=[activity.pk, ReportPhoto.objects.get().pk]))
    assert served.status_code == 200
    assert AuditEvent.objects.filter(verb="activity.reported").count() == 1
    # Someone other than the organiser: refused, nothing changed.
    client.force_login(users["other_staff"])
    before = snapshot()
    assert client.post(url, {"report": "不是组织方写的报道文字。"}).status_code == 403
    assert snapshot() == before


def test_the_public_calendar_month_list_and_feed(users, areas, client):
    activity = publish(users["community_staff"], areas["village"], title="新时代好家风故事会")
    other = publish(users["other_staff"], areas["urban"], title="防范传销宣传进社区", places=None)
    month = timezone.localtime(activity.starts_at).strftime("%Y-%m")
    village = client.get(reverse("activities:community", args=[areas["village"].pk]) + f"?month={month}")
    assert village.status_code == 200
    text = village.content.decode()
    assert "新时代好家风故事会" in text
    assert "防范传销宣传进社区" not in text
    assert 'data-testid="month-view"' in text
    township = client.get(reverse("activities:calendar") + f"?month={month}").content.decode()
    assert "新时代好家风故事会" in township
    assert "防范传销宣传进社区" in township
    feed = client.get(reverse("activities:community_ics", args=[areas["urban"].pk]))
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:activity-{other.pk}@" in body
    assert "新时代好家风故事会" not in body
    assert f"URL:http://testserver/activities/{other.pk}/" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    # Nobody's name is on the public pages.
    actions.signup_create(actor=users["resident"], activity=activity)
    detail = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "resident" not in detail


def test_pages_sign_up_and_attendance(users, areas, client):
    activity = publish(users["community_staff"], areas["village"], volunteer=True)
    client.force_login(users["volunteer"])
    response = client.post(reverse("activities:sign_up", args=[activity.pk]))
    assert response.status_code == 302
    signup = SignUp.objects.get(activity=activity)
    move_to_past(activity)
    before = snapshot()
    response = client.post(reverse("activities:attendance", args=[activity.pk]), {"signup": [signup.pk]})
    assert response.status_code == 403
    assert snapshot() == before
    client.force_login(users["community_staff"])
    response = client.post(
        reverse("activities:attendance", args=[activity.pk]), {"signup": [signup.pk]}, follow=True
    )
    assert "已记录参加情况" in response.content.decode()
    assert ServiceCredit.objects.filter(helper=users["volunteer"], source="activity").exists()


def test_an_attendance_the_organiser_recorded_is_a_deed_the_points_may_reward(users, areas):
    activity = publish(users["community_staff"], areas["village"])
    came = actions.signup_create(actor=users["resident"], activity=activity)
    actions.signup_create(actor=users["volunteer"], activity=activity)
    activity = move_to_past(activity)
    actions.attendance_mark(actor=users["community_staff"], activity=activity, signup_ids=[came.pk])
    day = timezone.localtime(activity.starts_at).date()
    # Through the kernel's registry of recorded deeds (gongzhi.core.deeds), as the points feature reads it.
    deeds = deed_source("activities").between(areas["village"], day, day)
    assert [(d.source_id, d.user_id, d.resident_id, d.on, d.description) for d in deeds] == [
        (came.pk, users["resident"].pk, None, day, activity.title)
    ]  # the volunteer signed up but was not marked: no deed
    assert deed_source("activities").between(areas["urban"], day, day) == []
    assert deed_source("activities").between(areas["village"], day + dt.timedelta(days=1), day + dt.timedelta(days=9)) == []  # fmt: skip


def test_the_api_publishes_signs_up_marks_and_reports(users, areas, client):
    from gongzhi.accounts.actions import api_token_create

    def token(user):
        return api_token_create(actor=user, user=user, name="t")[1]

    staff, resident = token(users["community_staff"]), token(users["resident"])
    starts_at, ends_at = next_week()
    body = {
        "community_id": areas["village"].pk, "series_id": series("law_six").pk, "kind_id": kind("publicity").pk,
        "title": "法治文化进乡村", "description": "律师讲讲身边的法律问题。", "place": "青山村广场",
        "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "places": 1,
    }  # fmt: skip
    created = client.post(
        "/api/v1/activities", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {staff}"
    )
    assert created.status_code == 201, created.content
    activity_id = created.json()["id"]
    bad = client.post("/api/v1/activities", {**body, "ends_at": starts_at.isoformat()}, content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {staff}")  # fmt: skip
    assert bad.status_code == 400
    assert "结束时间应晚于开始时间" in bad.json()["message"]
    signed = client.post(f"/api/v1/activities/{activity_id}/signup", HTTP_AUTHORIZATION=f"Bearer {resident}")
    assert signed.status_code == 201
    full = client.post(
        f"/api/v1/activities/{activity_id}/signup", HTTP_AUTHORIZATION=f"Bearer {token(users['volunteer'])}"
    )
    assert full.status_code == 409
    assert "名额已满" in full.json()["message"]
    move_to_past(Activity.objects.get(pk=activity_id))
    marked = client.post(f"/api/v1/activities/{activity_id}/attendance", {"signup_ids": [signed.json()["id"]]},
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {staff}")  # fmt: skip
    assert marked.status_code == 200
    assert marked.json()[0]["state"] == "attended"
    reported = client.post(f"/api/v1/activities/{activity_id}/report", {"report": "来了好多村民，讨论热烈。"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {staff}")  # fmt: skip
    assert reported.status_code == 200
    assert reported.json()["report"] == "来了好多村民，讨论热烈。"


def test_the_home_page_shows_my_sign_ups_and_what_the_organiser_has_to_record(users, areas, client):
    upcoming = publish(users["community_staff"], areas["village"], title="好家风故事会")
    actions.signup_create(actor=users["resident"], activity=upcoming)
    past = publish(users["community_staff"], areas["village"], title="清明会·缅怀先人")
    actions.signup_create(actor=users["volunteer"], activity=past)
    move_to_past(past)
    client.force_login(users["resident"])
    page = client.get(reverse("core:home")).content.decode()
    assert "好家风故事会" in page
    assert "清明会" not in page
    client.force_login(users["community_staff"])
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="home-to-record"' in page
    assert "清明会·缅怀先人" in page
    client.force_login(users["other_staff"])
    assert "清明会·缅怀先人" not in client.get(reverse("core:home")).content.decode()


def test_the_api_reports_with_photos_stripped_of_exif_and_refuses_bad_photos(users, areas, client):
    from gongzhi.accounts.actions import api_token_create
    from gongzhi.activities.actions import PHOTOS_MAX

    def auth(user) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, user=user, name='t')[1]}"}

    def jpeg(name: str = "scene.jpg") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")

    staff, other, resident = (
        auth(users["community_staff"]),
        auth(users["other_staff"]),
        auth(users["resident"]),
    )
    activity = publish(users["community_staff"], areas["village"])
    url = f"/api/v1/activities/{activity.pk}/report-with-photos"
    text = "活动开得很好，大家很受教育。"
    before = snapshot()
    early = client.post(url, {"report": text, "photos": [jpeg()]}, **staff)
    assert early.status_code == 409
    assert "活动开始后才能发布报道" in early.json()["message"]
    assert snapshot() == before
    activity = move_to_past(activity)
    before = snapshot()
    # Not an image (gongzhi.core.images, as on the page): refused with its Chinese message.
    not_image = SimpleUploadedFile("report.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    refused = client.post(url, {"report": text, "photos": [jpeg(), not_image]}, **staff)
    assert refused.status_code == 400
    assert "图片" in refused.json()["message"] or "照片" in refused.json()["message"]
    # Too many photos for one report.
    many = client.post(
        url, {"report": text, "photos": [jpeg(f"{n}.jpg") for n in range(PHOTOS_MAX + 1)]}, **staff
    )
    assert many.status_code == 400
    assert f"最多 {PHOTOS_MAX} 张照片" in many.json()["message"]
    # Not the organiser: another community's staff, a resident.
    not_organiser = client.post(url, {"report": text, "photos": [jpeg()]}, **other)
    assert not_organiser.status_code == 403
    assert "只有活动的组织方" in not_organiser.json()["message"]
    assert client.post(url, {"report": text, "photos": [jpeg()]}, **resident).status_code == 403
    assert client.post(url, {"report": text, "photos": [jpeg()]}).status_code == 401
    assert snapshot() == before

    done = client.post(
        url, {"report": text, "photos": [jpeg(), jpeg("b.jpg")]}, HTTP_IDEMPOTENCY_KEY="r-1", **staff
    )
    assert done.status_code == 200, done.content
    assert done.json()["report"] == text
    # A retry with the same key and the same photos adds nothing.
    retry = client.post(
        url, {"report": text, "photos": [jpeg(), jpeg("b.jpg")]}, HTTP_IDEMPOTENCY_KEY="r-1", **staff
    )
    assert retry.status_code == 200
    stored = ReportPhoto.objects.filter(activity=activity)
    assert stored.count() == 2
    for item in stored:
        with Image.open(item.photo.file_path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825)
            assert 0x010F not in exif
    assert AuditEvent.objects.filter(verb="activity.reported", summary__photos=2).count() == 1
    # The photos are served on the public page like the page's.
    served = client.get(reverse("activities:photo", args=[activity.pk, stored.first().pk]))
    assert served.status_code == 200


def test_the_api_edits_an_activity_through_the_pages_action(users, areas, client):
    import json

    from gongzhi.accounts.actions import api_token_create

    def auth(user) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, user=user, name='t')[1]}"}

    staff, other = auth(users["community_staff"]), auth(users["other_staff"])
    activity = publish(users["community_staff"], areas["village"], places=10)
    actions.signup_create(actor=users["resident"], activity=activity)
    url = f"/api/v1/activities/{activity.pk}/edit"
    body = {
        "series_id": activity.series_id,
        "kind_id": activity.kind_id,
        "title": activity.title,
        "description": activity.description,
        "place": "村文化礼堂二楼",
        "starts_at": activity.starts_at.isoformat(),
        "ends_at": activity.ends_at.isoformat(),
        "places": 10,
    }

    def post(data, headers):
        return client.post(url, json.dumps(data), content_type="application/json", **headers)

    before = snapshot()
    # Fewer places than those signed up, an end before the start, another community's staff: refused, unchanged.
    fewer = post({**body, "places": 0}, staff)
    assert fewer.status_code in (400, 409)
    assert "名额" in fewer.json()["message"]
    backwards = post({**body, "ends_at": (activity.starts_at - dt.timedelta(hours=1)).isoformat()}, staff)
    assert backwards.status_code == 400
    assert backwards.json()["message"]
    refused = post(body, other)
    assert refused.status_code == 403
    assert "只有活动的组织方" in refused.json()["message"]
    assert post(body, {}).status_code == 401
    assert snapshot() == before
    done = post(body, staff)
    assert done.status_code == 200, done.content
    assert done.json()["place"] == "村文化礼堂二楼"
    # The same audit row as the page's edit, and the signed-up resident is told of the new place.
    event = AuditEvent.objects.get(verb="activity.edited", target_id=str(activity.pk))
    assert event.actor == users["community_staff"]
    assert Notice.objects.filter(recipient=users["resident"]).count() >= 1
    organised = client.get("/api/v1/activities/organised/mine", **staff)
    assert [a["id"] for a in organised.json()] == [activity.pk]
    assert client.get("/api/v1/activities/organised/mine", **other).json() == []
