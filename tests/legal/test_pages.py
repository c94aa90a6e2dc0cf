"""The legal pages: what each person sees and does, and every refusal shown as a message with nothing changed."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.legal import actions
from gongzhi.legal.models import Application, Consultation, Slot
from gongzhi.legal.standards import CRITERION_KEYS
from tests.conftest import make_user
from tests.pdfs import BLANK_PDF


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_a_resident_books_on_the_page_and_a_second_sees_it_taken(client, villagers, slot, adviser):
    open_slot = slot()
    client.force_login(villagers[0])
    page = client.get(reverse("legal:consult")).content.decode()
    assert 'data-testid="open-slot"' in page
    assert "李**" in page
    assert "13800138000" not in page
    response = client.post(reverse("legal:book", args=[open_slot.pk]), {"topic": "宅基地纠纷"}, follow=True)
    assert "预约成功" in _messages(response)
    assert 'data-testid="my-booking"' in response.content.decode()
    client.force_login(villagers[1])
    response = client.post(reverse("legal:book", args=[open_slot.pk]), {"topic": "合同"}, follow=True)
    assert "已被他人预约" in _messages(response)
    assert Consultation.objects.get().booker == villagers[0]


def test_the_adviser_sees_the_topic_and_the_township_does_not(client, villagers, slot, adviser_user, users):
    booked = actions.consultation_book(actor=villagers[0], slot=slot(), topic="遗嘱怎么写才有效")
    client.force_login(adviser_user)
    assert "遗嘱怎么写才有效" in client.get(reverse("legal:consult")).content.decode()
    client.force_login(users["community_staff"])
    assert "遗嘱怎么写才有效" in client.get(reverse("legal:consult")).content.decode()
    client.force_login(users["township_admin"])
    page = client.get(reverse("legal:consult")).content.decode()
    assert "遗嘱" not in page
    assert client.post(reverse("legal:cancel", args=[booked.pk])).status_code == 404


def test_activating_without_a_passed_assessment_is_a_message_and_changes_nothing(
    client, users, areas, make_resident
):
    staff = users["community_staff"]
    savvy = actions.savvy_select(actor=staff, community=areas["village"], resident=make_resident(name="陈明白"),
                                 group="veteran")  # fmt: skip
    client.force_login(staff)
    response = client.post(reverse("legal:savvy_move", args=[savvy.pk]), {"verb": "activate"}, follow=True)
    assert "考核合格后才能上岗" in _messages(response)
    savvy.refresh_from_db()
    assert savvy.state == "selected"
    page = client.get(reverse("legal:savvy", args=[savvy.pk])).content.decode()
    assert 'data-testid="move-activate"' not in page
    assert "陈**" in page
    assert "陈明白" not in page


def test_the_coverage_page_shows_the_communities_short_of_the_target(client, users, adviser):
    client.force_login(users["township_admin"])
    page = client.get(reverse("legal:coverage")).content.decode()
    assert page.count('data-short="1"') == 2
    client.post(reverse("legal:target", args=[users["township_admin"].role_assignments.get().area_id]),
                {"target": "0"})  # fmt: skip
    assert client.get(reverse("legal:coverage")).content.decode().count('data-short="1"') == 2
    home = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="home-legal"' in home


def _form(year: int) -> dict:
    body: dict = {"year": str(year), "summary": "本村建立了法律顾问制度，培养法律明白人，矛盾纠纷不出村。"}
    for key in CRITERION_KEYS:
        body[f"met_{key}"], body[f"note_{key}"] = "on", "有制度有记录"
    return body


@pytest.mark.usefixtures("adviser")
def test_staff_apply_with_a_pdf_and_the_named_village_is_public(client, users, areas, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(users["community_staff"])
    url = reverse("legal:apply", args=[areas["village"].pk])
    year = timezone.localdate().year
    bad = client.post(url, {**_form(year), "files": SimpleUploadedFile("a.pdf", b"<html>")})
    assert "不是有效的PDF" in bad.content.decode()
    assert Application.objects.count() == 0
    response = client.post(url, {**_form(year), "files": SimpleUploadedFile("材料.pdf", BLANK_PDF)})
    application = Application.objects.get()
    assert response.status_code == 302
    attachment = application.attachments.get()
    download = client.get(reverse("legal:attachment", args=[application.pk, attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    client.force_login(users["township_admin"])
    decided = client.post(reverse("legal:decide", args=[application.pk]), {"verb": "approve", "note": "材料齐全"},
                          follow=True)  # fmt: skip
    assert "已审核" in _messages(decided)
    again = client.post(
        reverse("legal:decide", args=[application.pk]), {"verb": "reject", "note": "重复"}, follow=True
    )
    assert "已经审核过了" in _messages(again)
    client.logout()
    public = client.get(reverse("legal:named", args=[areas["urban"].pk])).content.decode()
    assert "青山村" in public
    village = client.get(reverse("legal:named", args=[areas["village"].pk])).content.decode()
    assert 'data-testid="public-adviser"' in village
    assert "13800138000" not in village
    assert "138****8000" not in village
    assert "李明律" not in village


def test_a_past_slot_cannot_be_published_on_the_form(client, users, areas, adviser):
    client.force_login(users["community_staff"])
    past = (timezone.localtime() - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    page = client.post(reverse("legal:slot_new", args=[areas["village"].pk]),
                       {"starts_at": past, "minutes": "30", "place": "村委会"}).content.decode()  # fmt: skip
    assert "咨询时间应晚于现在" in page
    assert not Slot.objects.exists()


def test_a_clerk_finds_the_resident_and_books_for_them_on_the_page(client, users, slot, make_resident):
    open_slot = slot()
    elderly = make_resident(name="王大爷")
    client.force_login(users["window_clerk"])
    consult = client.get(reverse("legal:consult")).content.decode()
    assert reverse("legal:book_assisted", args=[open_slot.pk]) in consult
    page = client.get(reverse("legal:book_assisted", args=[open_slot.pk]), {"q": "王"}).content.decode()
    assert "王**" in page
    assert "王大爷" not in page
    response = client.post(
        reverse("legal:book_assisted", args=[open_slot.pk]),
        {"resident": elderly.pk, "topic": "赡养纠纷", "consent_channel": "in_person"},
    )
    assert response.status_code == 302
    assert Consultation.objects.get().resident == elderly


def test_linking_an_aide_to_an_account_looks_only_within_the_keepers_reach(
    client, users, areas, make_resident
):
    """The username lookup is no oracle: a username that does not exist and one of an account outside the keeper's
    reach (on another community's register) are refused with the same message, and nothing is written."""
    from gongzhi.legal.models import Aide
    from gongzhi.residents.models import Resident

    inside, outside = make_user("villager_zhao"), make_user("townsman_qian")
    Resident.objects.filter(pk=make_resident(name="赵律师").pk).update(user=inside)
    Resident.objects.filter(pk=make_resident("grid_b1", name="钱先生").pk).update(user=outside)
    client.force_login(users["community_staff"])
    url = f"/legal/c/{areas['village'].pk}/aides/new/"
    form = {"kind": "adviser", "name": "赵助理", "unit": "青山律师事务所", "phone": "13800138001",
            "term_start": "2026-01-01"}  # fmt: skip
    before = (Aide.objects.count(), AuditEvent.objects.filter(verb__startswith="legal.").count())
    answers = [client.post(url, {**form, "username": name}) for name in ("no_such_user", "townsman_qian")]
    assert [a.status_code for a in answers] == [200, 200]
    texts = [a.content.decode() for a in answers]
    assert all("居民登记簿上没有这个用户名的在用账号" in t for t in texts)
    assert (Aide.objects.count(), AuditEvent.objects.filter(verb__startswith="legal.").count()) == before
    # Over the API, the same lookup and the same answer for both.
    token = api_token_create(actor=users["community_staff"], user=users["community_staff"], name="t")[1]
    path = f"/api/v1/legal/communities/{areas['village'].pk}/aides"
    body = {**form, "term_start": "2026-01-01"}
    refused = [
        client.post(path, json.dumps({**body, "username": name}), content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {token}")
        for name in ("no_such_user", "townsman_qian")
    ]  # fmt: skip
    assert [r.status_code for r in refused] == [400, 400]
    assert refused[0].json() == refused[1].json()
    assert "居民登记簿上没有这个用户名的在用账号" in refused[0].json()["message"]
    assert (Aide.objects.count(), AuditEvent.objects.filter(verb__startswith="legal.").count()) == before
    made = client.post(url, {**form, "username": "villager_zhao"})
    assert made.status_code == 302
    assert Aide.objects.get(name="赵助理").user == inside


def test_the_law_savvy_are_chosen_only_from_the_keepers_register(client, users, areas, make_resident):
    from gongzhi.legal.models import LawSavvy

    mine, theirs = make_resident(name="孙明白"), make_resident("grid_b1", name="周外村")
    client.force_login(users["community_staff"])
    url = f"/legal/c/{areas['village'].pk}/savvy/new/"
    page = client.get(url).content.decode()
    assert f'value="{mine.pk}"' in page
    assert f'value="{theirs.pk}"' not in page
    token = api_token_create(actor=users["community_staff"], user=users["community_staff"], name="t")[1]
    answer = client.post(
        f"/api/v1/legal/communities/{areas['village'].pk}/law-savvy",
        json.dumps({"resident_id": theirs.pk, "group": "cadre"}), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert answer.status_code == 404
    assert not LawSavvy.objects.exists()
