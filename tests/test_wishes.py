"""The life of a wish on the case engine: post, moderate, wall, claim, fulfil, confirm, rate, withdraw, reopen."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from gongzhi.audit.models import AuditEvent
from gongzhi.cases.actions import AlreadySubmitted
from gongzhi.cases.models import Case, CaseEvent, PrivacyTier
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.hours.models import ServiceCredit
from gongzhi.notices.models import Notice
from gongzhi.residents.models import Tag
from gongzhi.wishes import actions
from gongzhi.wishes.models import Wish
from gongzhi.wishes.selectors import wall_for, wish_get_for, wisher_label

pytestmark = pytest.mark.django_db


def post(users, **extra):
    values = {"title": "想要一台收音机", "story": "家里的收音机坏了，想听戏。", "category": "elderly"}
    values.update(extra)
    return actions.wish_post(actor=users["resident"], **values)


def snapshot():
    return (Case.objects.count(), CaseEvent.objects.count(), Wish.objects.count(), AuditEvent.objects.count())


def test_the_whole_life_of_a_wish(users):
    wish = post(users)
    assert wish.case.state == "submitted"
    assert wish.case.due_at is not None
    assert wish.case.due_limit
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish)
    assert list(wall_for()) == [wish]
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    wish.refresh_from_db()
    assert wish.case.state == "claimed"
    assert wish.claimer == users["party_member"]
    assert wish.claim_due_at - timezone.now() > dt.timedelta(days=13)
    wish = actions.wish_fulfil(actor=users["party_member"], wish=wish, note="送去了一台新收音机", hours="1.5")
    wish = actions.wish_confirm(actor=users["resident"], wish=wish)
    wish = actions.wish_rate(actor=users["resident"], wish=wish, rating=5, comment="谢谢")
    wish.refresh_from_db()
    assert (wish.case.state, wish.case.rating, wish.confirmed_as) == ("confirmed", 5, "wisher")
    assert ServiceCredit.objects.get(helper=users["party_member"]).hours == wish.service_hours
    moves = list(CaseEvent.objects.filter(case=wish.case).values_list("verb", "from_state", "to_state"))
    assert moves == [
        ("open", "", "submitted"), ("publish", "submitted", "published"), ("claim", "published", "claimed"),
        ("fulfil", "claimed", "fulfilled"), ("confirm", "fulfilled", "confirmed"), ("rate", "confirmed", "confirmed"),
    ]  # fmt: skip
    # The author heard of every move made by someone else; the claimer of the confirmation and the rating.
    to_author = Notice.objects.filter(recipient=users["resident"]).count()
    assert to_author == 3  # publish, claim, fulfil
    assert Notice.objects.filter(recipient=users["party_member"]).count() == 2  # confirm, rate


def test_only_one_claim_wins_and_the_loser_is_told(users):
    wish = post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    actions.wish_claim(actor=users["party_member"], wish=wish)
    before = snapshot()
    with pytest.raises(Conflict) as exc:
        actions.wish_claim(actor=users["volunteer"], wish=Wish.objects.get(pk=wish.pk))
    assert exc.value.code == "already_claimed"
    assert "刚刚已被" in exc.value.message
    assert snapshot() == before


def test_wrong_people_and_wrong_states_change_nothing(users):
    wish = post(users)
    before = snapshot()
    with pytest.raises(NotPermitted):
        wish = actions.wish_publish(actor=users["party_member"], wish=wish)
    with pytest.raises(NotPermitted):
        wish = actions.wish_publish(actor=users["other_staff"], wish=wish)  # another community's staff
    with pytest.raises(Conflict, match="待审核"):
        wish = actions.wish_claim(actor=users["party_member"], wish=wish)  # not on the wall yet
    with pytest.raises(NotPermitted):
        wish = actions.wish_claim(actor=users["resident"], wish=wish)  # residents post, helpers claim
    assert snapshot() == before
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    wish = actions.wish_fulfil(actor=users["party_member"], wish=wish, note="已送达", hours=1)
    before = snapshot()
    with pytest.raises(NotPermitted, match="许愿人本人"):
        wish = actions.wish_confirm(actor=users["party_member"], wish=wish)  # the claimer cannot confirm
    with pytest.raises(NotPermitted):
        wish = actions.wish_confirm(actor=users["community_staff"], wish=wish)  # the wisher has an account
    assert snapshot() == before
    wish = actions.wish_confirm(actor=users["resident"], wish=wish)
    with pytest.raises(Conflict):
        wish = actions.wish_claim(actor=users["volunteer"], wish=wish)  # a closed wish


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("title", {"title": ""}, "请填写心愿标题"),
        ("title", {"title": "长" * 61}, "不能超过60个字"),
        ("story", {"story": "短"}, "至少5个字"),
        ("category", {"category": "火星"}, "请选择心愿类别"),
        ("desired_by", {"desired_by": dt.date(2020, 1, 1)}, "今天到一年之内"),
        ("story", {"story": "坏字符\x00\x00\x00"}, "无法显示"),
    ],
)
def test_bad_input_is_refused_clearly(users, field, values, message):
    before = snapshot()
    with pytest.raises(DomainError) as exc:
        post(users, **values)
    assert exc.value.field == field
    assert message in exc.value.message
    assert snapshot() == before


def test_a_form_sent_twice_makes_one_wish(users):
    first = post(users, submission_key="k-123")
    with pytest.raises(AlreadySubmitted) as exc:
        post(users, submission_key="k-123")
    assert exc.value.case.pk == first.pk
    assert Wish.objects.count() == 1


def test_assisted_wish_records_consent_and_a_witness_confirms(users, make_resident):
    elder = make_resident("grid_a1", name="王奶奶")
    wish = actions.wish_post_assisted(
        actor=users["grid_worker"], resident=elder, title="想去医院复查", story="需要人陪同去县医院。",
        category="medical", consent_channel="in_person", consent_note="入户时本人口头同意",
    )  # fmt: skip
    case = wish.case
    assert case.assisted
    assert case.author is None
    assert case.resident == elder
    assert case.consent_at is not None
    assert case.consent_channel == "in_person"
    assert case.submitted_by == users["grid_worker"]
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish)
    wish = actions.wish_claim(actor=users["volunteer"], wish=wish)
    wish = actions.wish_fulfil(actor=users["volunteer"], wish=wish, note="陪同复查", hours="3")
    with pytest.raises(NotPermitted):
        wish = actions.wish_confirm(actor=users["volunteer"], wish=wish)  # never the claimer
    wish = actions.wish_confirm(actor=users["grid_worker"], wish=wish)
    wish.refresh_from_db()
    assert wish.confirmed_as == "witness"
    assert wish.confirmed_by == users["grid_worker"]
    # The grid worker who typed it hears of the fulfilment on the resident's behalf.
    assert Notice.objects.filter(recipient=users["grid_worker"], title__contains="想去医院复查").exists()


def test_assisted_posting_is_limited_to_the_assisters_scope(users, make_resident):
    stranger = make_resident("grid_b1", name="李四")
    with pytest.raises(NotPermitted):
        actions.wish_post_assisted(
            actor=users["grid_worker"], resident=stranger, title="想要书包", story="孩子开学需要书包。",
            category="study", consent_channel="phone",
        )  # fmt: skip


def test_wishes_of_people_with_a_sensitive_tag_go_to_staff_and_the_claimer_by_default(users, make_resident):
    elder = make_resident("grid_a1", name="赵爷爷")
    elder.tags.add(Tag.objects.get(code="living_alone_elderly"))
    wish = actions.wish_post_assisted(
        actor=users["grid_worker"], resident=elder, title="想要一床厚被子", story="冬天冷，被子太薄了。",
        category="goods", consent_channel="in_person",
    )  # fmt: skip
    assert wish.case.privacy == PrivacyTier.RESTRICTED
    assert wish.case.sensitive
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    assert wisher_label(wish, private=False) == "一位居民"
    assert not wall_for().filter(pk=wish.pk).exists()
    assert wisher_label(wish, private=True) == "赵爷爷"


def test_staff_only_wishes_never_reach_the_wall(users, client):
    wish = post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish, privacy=PrivacyTier.STAFF_ONLY)
    assert list(wall_for()) == []
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotFound):
        wish_get_for(viewer=AnonymousUser(), wish_id=wish.pk)
    assert client.get(f"/wishes/{wish.pk}/").status_code == 404


def test_withdraw_and_reopen_keep_an_honest_history(users):
    wish = post(users)
    actions.wish_withdraw(actor=users["resident"], wish=wish, reason="已经有了")
    assert Wish.objects.get(pk=wish.pk).case.closed_at is not None
    actions.wish_reopen(actor=users["resident"], wish=wish)
    wish.refresh_from_db()
    assert wish.case.state == "submitted"
    assert wish.case.closed_at is None
    assert [e.verb for e in CaseEvent.objects.filter(case=wish.case)] == ["open", "withdraw", "reopen"]


def test_a_claimed_wish_cannot_be_withdrawn(users):
    wish = post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    actions.wish_claim(actor=users["party_member"], wish=wish)
    with pytest.raises(Conflict, match="已被认领"):
        actions.wish_withdraw(actor=users["resident"], wish=wish)


def test_expired_claims_remind_then_return_to_the_wall(users):
    wish = post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    actions.wish_claim(actor=users["party_member"], wish=wish)
    wish.refresh_from_db()
    due = wish.claim_due_at
    assert actions.wish_claims_check(now=due - dt.timedelta(days=1)) == {"reminded": 1, "returned": 0}
    assert actions.wish_claims_check(now=due - dt.timedelta(hours=12)) == {
        "reminded": 0,
        "returned": 0,
    }  # once
    assert actions.wish_claims_check(now=due + dt.timedelta(minutes=1)) == {"reminded": 0, "returned": 1}
    wish.refresh_from_db()
    assert wish.case.state == "published"
    assert wish.claimer is None
    assert Notice.objects.filter(recipient=users["party_member"], title__contains="即将到期").exists()
    assert AuditEvent.objects.filter(verb="wish.claim_reminded", actor_label="系统").count() == 1


def test_the_community_sets_its_claim_period(users, areas):
    with pytest.raises(NotPermitted):
        actions.wish_settings_set(actor=users["party_member"], community=areas["village"], claim_days=7)
    with pytest.raises(DomainError, match="1到90天"):
        actions.wish_settings_set(actor=users["community_staff"], community=areas["village"], claim_days=0)
    actions.wish_settings_set(actor=users["community_staff"], community=areas["village"], claim_days=7)
    wish = post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    actions.wish_claim(actor=users["party_member"], wish=wish)
    wish.refresh_from_db()
    # by the end (Beijing time) of the 7th day after the claim
    assert dt.timedelta(days=7) <= wish.claim_due_at - timezone.now() < dt.timedelta(days=8)
    assert wish.case.due_limit.startswith("7")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_pages_walk_the_wish_and_escape_what_people_type(users, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["resident"])
    page = client.get("/wishes/new/")
    key = page.context["form"]["submission_key"].value()
    data = {"title": "<script>alert(1)</script>收音机", "story": "想听戏<b>谢谢</b>", "category": "elderly",
            "submission_key": key, "photo": SimpleUploadedFile("a.jpg", _jpeg(), "image/jpeg")}  # fmt: skip
    response = client.post("/wishes/new/", data)
    wish = Wish.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/wishes/{wish.pk}/"
    again = client.post("/wishes/new/", {**data, "photo": SimpleUploadedFile("a.jpg", _jpeg(), "image/jpeg")})
    assert again.status_code == 302
    assert Wish.objects.count() == 1
    body = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert "&lt;script&gt;" in body
    assert "<script>alert" not in body
    assert client.get(f"/wishes/{wish.pk}/photos/{wish.case.attachments.get().pk}/").status_code == 200
    client.force_login(users["community_staff"])
    client.post(f"/wishes/{wish.pk}/publish/", {"privacy": "public"})
    client.logout()
    wall = client.get("/wishes/").content.decode()
    assert "收音机" in wall
    assert "resident" not in wall
    client.force_login(users["party_member"])
    client.post(f"/wishes/{wish.pk}/claim/")
    client.force_login(users["volunteer"])
    late = client.post(f"/wishes/{wish.pk}/claim/", follow=True)
    assert "刚刚已被其他人认领" in late.content.decode()


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_saved(users, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["resident"])
    data = {"title": "想要书", "story": "想看看新书。", "category": "study",
            "photo": SimpleUploadedFile("a.jpg", b"not an image at all", "image/jpeg")}  # fmt: skip
    response = client.post("/wishes/new/", data)
    assert response.status_code == 200
    assert Wish.objects.count() == 0
    assert Case.objects.count() == 0
    assert "图片" in response.content.decode() or "照片" in response.content.decode()


def test_wall_page_queries_do_not_grow_with_rows(users, client, make_resident, django_assert_num_queries):
    # Given a wall with a few wishes of every kind of wisher: own, assisted, anonymised
    def publish_some(count):
        for number in range(count):
            elder = make_resident("grid_a1", name=f"{'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许'[number]}秀英")
            wish = actions.wish_post_assisted(
                actor=users["grid_worker"], resident=elder, title=f"想要一台收音机{number}", story="家里的收音机坏了。",
                category="elderly", consent_channel="phone", privacy="anonymised" if number % 2 else "public",
            )  # fmt: skip
            actions.wish_publish(actor=users["community_staff"], wish=wish)
        actions.wish_publish(actor=users["community_staff"], wish=post(users))

    publish_some(2)
    community_id = Wish.objects.first().case.community_id
    client.cookies["django_language"] = (
        "zh-hans"  # a visitor with a cookie: rendered, not the shared page copy
    )
    client.get(
        "/wishes/"
    )  # the lookups (the community, all communities for the filter) are cached from here on
    client.get(f"/wishes/c/{community_id}/")
    # When the wall is read with few wishes, then with many more (cards not cached yet either time)
    with django_assert_num_queries(2) as few:  # the page's ids, its cards
        client.get(f"/wishes/c/{community_id}/?state=published")
    publish_some(20)
    with django_assert_num_queries(2):
        page = client.get(f"/wishes/c/{community_id}/?state=published")
    # Then the number of queries stays, and the page shows the newest wishes, named per the privacy tier
    body = page.content.decode()
    assert body.count('data-testid="wish-card"') == 24
    assert "想要一台收音机19" in body
    assert "一位居民" in body
    assert "尤**" in body
    assert "秀英" not in body
    with django_assert_num_queries(1):  # the same page again: its ids only, the cards from the cache
        client.get(f"/wishes/c/{community_id}/?state=published")
    with django_assert_num_queries(2):  # the whole wall: no COUNT, whatever its size
        assert client.get("/wishes/").status_code == 200
    assert len(few.captured_queries) == 2
