"""The merit board's pages and API: the nominee consents on their page, a member reviews, staff post and place;
the public board shows the name as consented and the story — never the register's name, an ID or a count."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.merit import actions
from gongzhi.merit.models import Nomination, NominationState
from tests.merit.conftest import STORY

pytestmark = pytest.mark.django_db


def _post_nomination(client, merit, areas, **extra):
    data = {"community": areas["village"].pk, "category": merit["category"].pk, "kind": "person",
            "nominee_name": "孝媳王秀英", "title": "照顾瘫痪婆婆二十年", "story": STORY, "witness": "邻居"}  # fmt: skip
    data.update(extra)
    return client.post("/merit/new/", data)


def test_the_pages_carry_a_nomination_to_the_board(client, merit, areas, users):
    client.force_login(users["resident"])
    response = _post_nomination(client, merit, areas)
    n = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/merit/n/{n.pk}/"
    client.force_login(merit["nominee_user"])
    page = client.get(f"/merit/n/{n.pk}/").content.decode()
    assert 'data-testid="consent-form"' in page
    client.post(f"/merit/n/{n.pk}/consent/", {"display": "surname"})
    n.refresh_from_db()
    assert n.state == NominationState.IN_REVIEW
    for judge in merit["members"][:2]:
        client.force_login(judge)
        assert 'data-testid="review-form"' in client.get(f"/merit/n/{n.pk}/").content.decode()
        client.post(f"/merit/n/{n.pk}/review/", {"agrees": "yes", "reason": "事迹属实"})
    client.force_login(users["community_staff"])
    client.post(f"/merit/n/{n.pk}/publicise/")
    n.refresh_from_db()
    assert n.state == NominationState.PUBLICISED
    client.logout()
    board = client.get(f"/merit/board/c/{areas['village'].pk}/").content.decode()
    assert "公示中" in board
    assert "孝某某" in board
    Nomination.objects.filter(pk=n.pk).update(publicity_ends_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(users["community_staff"])
    client.post(f"/merit/n/{n.pk}/place/")
    n.refresh_from_db()
    assert n.state == NominationState.ON_BOARD
    client.logout()
    board = client.get(f"/merit/board/c/{areas['village'].pk}/").content.decode()
    assert "孝某某" in board
    assert "照顾瘫痪婆婆二十年" in board
    assert "孝媳王秀英" not in board
    assert merit["nominee"].id_last4 not in board
    township = client.get(f"/merit/board/t/{areas['township'].pk}/").content.decode()
    assert "孝某某" in township
    poster = client.get(f"/merit/board/c/{areas['village'].pk}/poster.pdf")
    assert poster.status_code == 200
    assert poster.content[:5] == b"%PDF-"


def test_a_refused_nomination_is_shown_on_the_form_and_nothing_is_stored(client, merit, areas, users):
    client.force_login(users["resident"])
    response = _post_nomination(client, merit, areas, story="太短了")
    assert response.status_code == 200
    assert "事迹至少20个字" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_non_member_is_refused_the_review_and_told_nothing_changed(client, merit, areas, users):
    n = actions.nomination_create(actor=users["resident"], community=areas["village"], category=merit["category"],
                                  kind="person", title="照顾婆婆", story=STORY, witness="邻居",
                                  nominee_name="孝媳王秀英")  # fmt: skip
    n = actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="full")
    client.force_login(users["community_staff"])
    assert 'data-testid="review-form"' not in client.get(f"/merit/n/{n.pk}/").content.decode()
    assert client.post(f"/merit/n/{n.pk}/review/", {"agrees": "yes", "reason": "属实"}).status_code == 403
    assert not n.opinions.exists()


def test_an_objection_after_the_publicity_is_a_message_not_a_write(client, merit, areas, users):
    n = actions.nomination_create(actor=users["resident"], community=areas["village"], category=merit["category"],
                                  kind="person", title="照顾婆婆", story=STORY, witness="邻居",
                                  nominee_name="孝媳王秀英")  # fmt: skip
    n = actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="full")
    for judge in merit["members"][:2]:
        actions.review_opinion_record(actor=judge, nomination=n, agrees=True, reason="属实")
    n.refresh_from_db()
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=n)
    Nomination.objects.filter(pk=n.pk).update(publicity_ends_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(users["volunteer"])
    response = client.post(f"/merit/board/e/{n.pk}/object/", {"text": "我有不同意见要说"}, follow=True)
    assert "公示期已于" in response.content.decode()
    assert not n.objections.exists()


def test_the_api_nominates_consents_and_reads_the_board(client, merit, areas, users):
    token = api_token_create(actor=users["resident"], user=users["resident"], name="t")[1]
    nominee_token = api_token_create(actor=merit["nominee_user"], user=merit["nominee_user"], name="t")[1]
    created = client.post(
        "/api/v1/merit/nominations",
        json.dumps({"community_id": areas["village"].pk, "category_id": merit["category"].pk, "kind": "person",
                    "title": "照顾瘫痪婆婆", "story": STORY, "witness": "邻居", "nominee_name": "孝媳王秀英"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    nid = created.json()["id"]
    refused = client.post(f"/api/v1/merit/nominations/{nid}/publicise", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 403  # the nominator sees their nomination, but does not keep the board
    assert refused.json()["code"] == "forbidden"
    consent = client.post(f"/api/v1/merit/nominations/{nid}/consent", json.dumps({"display": "full"}),
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {nominee_token}")  # fmt: skip
    assert consent.status_code == 200
    assert consent.json()["state"] == "in_review"
    board = client.get(f"/api/v1/merit/boards/{areas['village'].pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert board.status_code == 200
    assert board.json() == []


def test_the_api_finds_the_community_and_category_through_scoped_selectors(client, merit, areas, users):
    """A community outside the nominator's reach answers as one that does not exist (404), as the page offers
    only the communities one may nominate in; a retired or missing category is 404 too; nothing is written."""
    from gongzhi.audit.models import AuditEvent
    from gongzhi.merit.models import MeritCategory

    token = api_token_create(actor=users["resident"], user=users["resident"], name="t")[1]
    body = {"community_id": areas["village"].pk, "category_id": merit["category"].pk, "kind": "person",
            "title": "照顾瘫痪婆婆", "story": STORY, "witness": "邻居", "nominee_name": "孝媳王秀英"}  # fmt: skip

    def post(**changed):
        return client.post(
            "/api/v1/merit/nominations", json.dumps({**body, **changed}), content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )  # fmt: skip

    before = (Nomination.objects.count(), AuditEvent.objects.filter(verb__startswith="merit.").count())
    elsewhere = post(community_id=areas["urban"].pk)  # another community: the resident does not live there
    missing = post(community_id=999999)
    assert elsewhere.status_code == missing.status_code == 404
    assert elsewhere.json() == missing.json()
    retired = MeritCategory.objects.create(name="已停用的类别", active=False)
    assert post(category_id=retired.pk).status_code == 404
    assert post(category_id=999999).status_code == 404
    assert (
        Nomination.objects.count(),
        AuditEvent.objects.filter(verb__startswith="merit.").count(),
    ) == before
    assert post().status_code == 201


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, user=user, name='t')[1]}"}


def _merit_state():
    from gongzhi.audit.models import AuditEvent
    from gongzhi.merit.models import MeritCategory, MeritSetting
    from gongzhi.photos.models import Photo

    return (
        list(Nomination.objects.order_by("pk").values_list("pk", "state", "consent_channel")),
        list(MeritCategory.objects.order_by("pk").values_list("name", "active")),
        list(MeritSetting.objects.values_list("community_id", "publicity_days")),
        Photo.objects.count(),
        AuditEvent.objects.filter(verb__startswith="merit.").count(),
    )


def test_the_api_nominates_with_photos_stripped_of_exif(client, merit, areas, users):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gongzhi.audit.models import AuditEvent
    from tests.activities.test_activities import jpeg_with_gps

    body = {"community_id": areas["village"].pk, "category_id": merit["category"].pk, "kind": "person",
            "title": "照顾瘫痪婆婆", "story": STORY, "witness": "邻居", "nominee_name": "孝媳王秀英"}  # fmt: skip
    path = "/api/v1/merit/nominations-with-photos"
    before = _merit_state()
    bad = SimpleUploadedFile("a.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    refused = client.post(path, {**body, "photos": [bad]}, **_bearer(users["resident"]))
    assert refused.status_code == 400
    assert refused.json()["message"]
    elsewhere = client.post(path, {**body, "community_id": areas["urban"].pk}, **_bearer(users["resident"]))
    assert elsewhere.status_code == 404
    assert _merit_state() == before

    def photo():
        return SimpleUploadedFile("好人.jpg", jpeg_with_gps(), content_type="image/jpeg")

    sent = [
        client.post(
            path, {**body, "photos": [photo()]}, HTTP_IDEMPOTENCY_KEY="n-1", **_bearer(users["resident"])
        )
        for _ in range(2)
    ]
    assert [s.status_code for s in sent] == [201, 201], sent[0].content
    assert sent[0].json()["id"] == sent[1].json()["id"]
    n = Nomination.objects.get(pk=sent[0].json()["id"])
    stored = n.photos.get().photo
    with Image.open(stored.file_path) as image:
        assert not image.getexif().get_ifd(0x8825)
    assert AuditEvent.objects.filter(verb="merit.nominated", target_id=str(n.pk)).count() == 1


def test_staff_record_the_paper_consent_over_the_api(client, merit, areas, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongzhi.audit.models import AuditEvent
    from tests.pdfs import blank_pdf

    n = actions.nomination_create(
        actor=users["community_staff"], community=areas["village"], category=merit["category"], kind="person",
        title="照顾瘫痪婆婆", story=STORY, witness="邻居张大爷", nominee_id=merit["nominee"].pk,
    )  # fmt: skip
    path = f"/api/v1/merit/nominations/{n.pk}/consent-record"
    staff = _bearer(users["community_staff"])
    before = _merit_state()
    missing = client.post(path, {"display": "full"}, **staff)
    assert missing.status_code == 400
    assert "同意书" in missing.json()["message"]
    not_pdf = SimpleUploadedFile("同意书.pdf", b"%PDF-1.4 broken", content_type="application/pdf")
    assert client.post(path, {"display": "full", "consent_file": not_pdf}, **staff).status_code == 400
    pdf = SimpleUploadedFile("同意书.pdf", blank_pdf(), content_type="application/pdf")
    assert (
        client.post(
            path, {"display": "full", "consent_file": pdf}, **_bearer(users["other_staff"])
        ).status_code
        == 404
    )
    assert _merit_state() == before
    pdf = SimpleUploadedFile("同意书.pdf", blank_pdf(), content_type="application/pdf")
    done = client.post(path, {"display": "surname", "consent_file": pdf}, **staff)
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "in_review"
    assert AuditEvent.objects.filter(target_id=str(n.pk), verb__startswith="merit.consent").count() == 1


def test_the_publicity_period_and_the_categories_over_the_api(client, merit, areas, users):
    from gongzhi.audit.models import AuditEvent
    from gongzhi.merit.models import MeritCategory

    path = f"/api/v1/merit/communities/{areas['village'].pk}/setting"
    staff, township = _bearer(users["community_staff"]), _bearer(users["township_admin"])
    assert client.get(path, **staff).json()["publicity_days"] == 7
    before = _merit_state()
    refused = client.post(path, json.dumps({"publicity_days": 0}), content_type="application/json", **staff)
    assert refused.status_code == 400
    assert "公示天数" in refused.json()["message"]
    assert client.post(path, json.dumps({"publicity_days": 9}), content_type="application/json",
                       **_bearer(users["other_staff"])).status_code == 404  # fmt: skip
    assert client.post(path, json.dumps({"publicity_days": 9}), content_type="application/json",
                       **_bearer(users["resident"])).status_code == 403  # fmt: skip
    made = client.post("/api/v1/merit/categories", json.dumps({"name": ""}), content_type="application/json",
                       **township)  # fmt: skip
    assert made.status_code == 400
    assert client.post("/api/v1/merit/categories", json.dumps({"name": "爱岗敬业新"}),
                       content_type="application/json", **staff).status_code == 403  # fmt: skip
    twice = client.post("/api/v1/merit/categories", json.dumps({"name": merit["category"].name}),
                        content_type="application/json", **township)  # fmt: skip
    assert twice.status_code == 409
    assert "已经有" in twice.json()["message"]
    assert _merit_state() == before
    done = client.post(path, json.dumps({"publicity_days": 9}), content_type="application/json", **staff)
    assert done.json() == {"community_id": areas["village"].pk, "publicity_days": 9}
    assert AuditEvent.objects.filter(verb="merit.setting_changed").count() == 1
    made = client.post("/api/v1/merit/categories", json.dumps({"name": "热心公益"}),
                       content_type="application/json", **township)  # fmt: skip
    assert made.status_code == 201, made.content
    category = MeritCategory.objects.get(name="热心公益")
    retired = client.post(f"/api/v1/merit/categories/{category.pk}/active", json.dumps({"active": False}),
                          content_type="application/json", **township)  # fmt: skip
    assert retired.status_code == 200
    assert retired.json()["active"] is False
    assert AuditEvent.objects.filter(verb="merit.category_retired").count() == 1
