"""Proxies after the first record: the signed 委托书's scan (a checked PDF or a re-encoded photo, for the
election's readers only, never cached), withdrawing one (dropped from the published list), and the reads the
roll's pages and API take through scoped selectors (404 outside reach)."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.actions import api_token_create
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError
from gongzhi.elections.actions.roll import (
    SCAN_DIR,
    proxy_authorise,
    proxy_scan_attach,
    proxy_scan_check,
    proxy_withdraw,
    roll_generate,
)
from gongzhi.elections.models import Election, Proxy, Voter
from gongzhi.meetings.models import Meeting
from gongzhi.residents.models import Resident
from tests.elections.roll_kit import add_election, household_of, open_round, with_committee
from tests.pdfs import blank_pdf, pdf_with_javascript

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, user=user, name='t')[1]}"}


def _scans() -> set[Path]:
    folder = Path(settings.DATA_DIR) / SCAN_DIR
    return set(folder.glob("*")) if folder.exists() else set()


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def village(users, areas, make_resident):
    return with_committee(
        users, add_election(users, open_round(users, areas), areas["village"]), make_resident
    )


@pytest.fixture
def family(users, village, make_resident):
    """A household on the roll: the head (who holds proxies) and two children."""
    head = make_resident(name="户主")
    children = [make_resident(name="家人甲"), make_resident(name="家人乙")]
    household_of((head, "02"), *[(child, "20") for child in children])
    roll_generate(actor=users["community_staff"], election=village)
    lines = {v.resident_id: v for v in Voter.objects.filter(election=village).select_related("resident")}
    return lines[head.pk], [lines[child.pk] for child in children]


def _counts():
    return (
        Proxy.objects.count(),
        Proxy.objects.exclude(scan_name="").count(),
        Proxy.objects.exclude(withdrawn_at=None).count(),
        AuditEvent.objects.filter(verb__startswith="elections.").count(),
        len(_scans()),
    )


# --- The scan ----------------------------------------------------------------------------------------------


def test_a_proxy_recorded_on_the_page_with_its_scan_serves_it_to_the_readers_only(
    client, users, village, family
):
    holder, (grantor, _second) = family
    client.force_login(users["community_staff"])
    pdf = blank_pdf()
    client.post(
        reverse("elections:proxy_add", args=[village.pk]),
        {"grantor": grantor.pk, "holder": holder.pk, "signed_on": timezone.localdate().isoformat(),
         "scan": io.BytesIO(pdf)},
    )  # fmt: skip
    proxy = Proxy.objects.get(grantor=grantor)
    assert proxy.scan_name.startswith(f"{SCAN_DIR}/")
    assert proxy.scan_name.endswith(".pdf")
    event = AuditEvent.objects.filter(verb="elections.proxy_authorised").latest("id")
    assert event.summary["scan"]
    url = reverse("elections:proxy_scan", args=[proxy.pk])
    page = client.get(reverse("elections:election", args=[village.pk])).content.decode()
    assert url in page
    got = client.get(url)
    assert got.status_code == 200
    assert got["Content-Type"] == "application/pdf"
    assert got["Cache-Control"] == "private, no-store"
    assert _body(got) == pdf
    # The township reads it; the supervisory committee reads the election, so it too.
    for reader in ("township_admin", "supervisor"):
        client.force_login(users[reader])
        assert client.get(url).status_code == 200, reader
    # Another community's staff and a resident of the community (who sees the published list): 404.
    for outsider in ("other_staff", "resident"):
        client.force_login(users[outsider])
        assert client.get(url).status_code == 404, outsider
    client.logout()
    assert client.get(url).status_code == 302  # to the login page, never public


def test_a_photo_is_stored_re_encoded_and_a_proxy_without_a_scan_has_none_to_serve(
    client, users, village, family
):
    holder, (grantor, second) = family
    staff, today = users["community_staff"], timezone.localdate()
    bare = proxy_authorise(actor=staff, election=village, grantor=second, holder=holder, signed_on=today)
    client.force_login(staff)
    assert client.get(reverse("elections:proxy_scan", args=[bare.pk])).status_code == 404
    proxy = proxy_authorise(actor=staff, election=village, grantor=grantor, holder=holder, signed_on=today,
                            scan=proxy_scan_check(_png()))  # fmt: skip
    got = client.get(reverse("elections:proxy_scan", args=[proxy.pk]))
    assert got["Content-Type"] == "image/jpeg"  # an opaque photo is re-encoded as JPEG, without metadata
    assert _body(got)[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a scan", "PDF 文件或照片"),
        (b"%PDF-1.4 broken", "不是有效的PDF文件"),
        (pdf_with_javascript(), "含有脚本"),
        (b"", "空文件"),
    ],
)
def test_a_bad_file_is_refused_with_its_message_and_nothing_is_recorded(
    client, users, village, family, content, message
):
    holder, (grantor, _second) = family
    before = _counts()
    with pytest.raises(DomainError, match=message):
        proxy_scan_check(content)
    client.force_login(users["community_staff"])
    upload = io.BytesIO(content)
    upload.name = "委托书.pdf"
    answer = client.post(
        reverse("elections:proxy_add", args=[village.pk]),
        {"grantor": grantor.pk, "holder": holder.pk, "signed_on": timezone.localdate().isoformat(),
         "scan": upload},
        follow=True,
    )  # fmt: skip
    assert message in answer.content.decode()
    assert _counts() == before


def test_a_scan_is_attached_later_and_a_replaced_file_is_removed(
    client, users, village, family, django_capture_on_commit_callbacks
):
    holder, (grantor, _second) = family
    staff = users["community_staff"]
    proxy = proxy_authorise(actor=staff, election=village, grantor=grantor, holder=holder,
                            signed_on=timezone.localdate())  # fmt: skip
    client.force_login(staff)
    url = reverse("elections:proxy_scan", args=[proxy.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"scan": io.BytesIO(blank_pdf())})
    proxy.refresh_from_db()
    first = Path(settings.DATA_DIR) / proxy.scan_name
    assert first.is_file()
    event = AuditEvent.objects.filter(verb="elections.proxy_scan_attached").latest("id")
    assert event.summary["replaced"] is False
    assert event.target_label == str(proxy)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"scan": io.BytesIO(blank_pdf(pages=2))})
    proxy.refresh_from_db()
    assert not first.exists()
    assert (Path(settings.DATA_DIR) / proxy.scan_name).is_file()
    # Nothing sent: refused with its message, unchanged.
    before = _counts()
    answer = client.post(url, {}, follow=True).content.decode()
    assert "请上传书面委托书的扫描件" in answer
    assert _counts() == before
    # Readers who do not run the election may not attach one.
    client.force_login(users["supervisor"])
    assert client.post(url, {"scan": io.BytesIO(blank_pdf())}).status_code == 403
    assert _counts() == before


# --- Withdrawing -------------------------------------------------------------------------------------------


def test_a_withdrawn_proxy_leaves_the_published_list_and_is_refused_twice(client, users, village, family):
    holder, (grantor, second) = family
    staff, today = users["community_staff"], timezone.localdate()
    kept = proxy_authorise(actor=staff, election=village, grantor=second, holder=holder, signed_on=today)
    proxy = proxy_authorise(actor=staff, election=village, grantor=grantor, holder=holder, signed_on=today)
    village.refresh_from_db()
    Election.objects.filter(pk=village.pk).update(roll_published_at=timezone.now())
    client.force_login(users["resident"])
    Resident.objects.filter(pk=grantor.resident_id).update(user=users["resident"])
    voters = reverse("elections:voters", args=[village.pk])
    assert client.get(voters).content.decode().count("委托 户主") == 2
    client.force_login(staff)
    client.post(reverse("elections:proxy_withdraw", args=[proxy.pk]))
    proxy.refresh_from_db()
    assert proxy.withdrawn_at is not None
    assert AuditEvent.objects.filter(verb="elections.proxy_withdrawn", target_id=str(proxy.pk)).count() == 1
    client.force_login(users["resident"])
    page = client.get(voters).content.decode()
    assert "家人乙 委托 户主" in page
    assert "家人甲 委托 户主" not in page
    client.force_login(staff)
    listed = client.get(f"/api/v1/elections/{village.pk}/proxies", **_bearer(staff)).json()
    assert [row["id"] for row in listed] == [kept.pk]
    # Withdrawn once: a second time is refused with its message, nothing changes.
    before = _counts()
    answer = client.post(reverse("elections:proxy_withdraw", args=[proxy.pk]), follow=True).content.decode()
    assert "这份委托已经撤销" in answer
    assert _counts() == before
    # And no scan is attached to it any more.
    with pytest.raises(DomainError, match="已经撤销"):
        proxy_scan_attach(actor=staff, proxy=proxy, scan=proxy_scan_check(blank_pdf()))
    assert _counts() == before
    # The grantor may authorise again once the first is withdrawn.
    again = proxy_authorise(actor=staff, election=village, grantor=grantor, holder=holder, signed_on=today)
    assert again.pk != proxy.pk


def test_withdrawing_is_for_those_who_run_the_election(client, users, village, family):
    holder, (grantor, _second) = family
    proxy = proxy_authorise(actor=users["community_staff"], election=village, grantor=grantor, holder=holder,
                            signed_on=timezone.localdate())  # fmt: skip
    url = reverse("elections:proxy_withdraw", args=[proxy.pk])
    before = _counts()
    client.force_login(users["supervisor"])
    assert client.post(url).status_code == 403
    client.force_login(users["other_staff"])
    assert client.post(url).status_code == 404
    assert _counts() == before
    with pytest.raises(DomainError):
        proxy_withdraw(actor=users["supervisor"], proxy=proxy)
    client.force_login(users["township_admin"])
    assert client.post(url).status_code == 302
    proxy.refresh_from_db()
    assert proxy.withdrawn_at is not None


# --- The API -----------------------------------------------------------------------------------------------


def test_the_api_records_with_a_scan_serves_it_as_the_page_and_withdraws(client, users, village, family):
    holder, (grantor, _second) = family
    staff = users["community_staff"]
    headers = _bearer(staff)
    pdf = blank_pdf()
    body = {"grantor_id": grantor.pk, "holder_id": holder.pk, "signed_on": timezone.localdate().isoformat()}
    path = f"/api/v1/elections/{village.pk}/proxies-with-scan"
    created = client.post(path, {**body, "scan": io.BytesIO(pdf)}, HTTP_IDEMPOTENCY_KEY="k-1", **headers)
    assert created.status_code == 201, created.content
    proxy_id = created.json()["id"]
    again = client.post(path, {**body, "scan": io.BytesIO(pdf)}, HTTP_IDEMPOTENCY_KEY="k-1", **headers)
    assert again.status_code == 201
    assert again.json()["id"] == proxy_id
    assert Proxy.objects.filter(grantor=grantor).count() == 1
    scan = f"/api/v1/elections/proxies/{proxy_id}/scan"
    got = client.get(scan, **headers)
    assert got.status_code == 200
    assert got["Cache-Control"] == "private, no-store"
    client.force_login(staff)
    assert _body(got) == _body(client.get(reverse("elections:proxy_scan", args=[proxy_id]))) == pdf
    assert client.get(scan, **_bearer(users["other_staff"])).status_code == 404
    assert client.get(scan, **_bearer(users["resident"])).status_code == 404
    assert client.get(scan).status_code == 401
    # A bad file is a 400 with its message, nothing written.
    before = _counts()
    bad = client.post(f"{scan}", {"scan": io.BytesIO(b"GIF89a not really")}, **headers)
    assert bad.status_code == 400
    assert "PDF 文件或照片" in bad.json()["message"]
    assert _counts() == before
    replaced = client.post(scan, {"scan": io.BytesIO(_png())}, **headers)
    assert replaced.status_code == 200
    assert replaced.json()["has_scan"] is True
    assert client.get(scan, **headers)["Content-Type"] == "image/jpeg"
    withdraw = f"/api/v1/elections/proxies/{proxy_id}/withdraw"
    assert client.post(withdraw, **_bearer(users["supervisor"])).status_code == 403
    done = client.post(withdraw, **headers)
    assert done.status_code == 200
    assert done.json()["withdrawn_at"]
    before = _counts()
    twice = client.post(withdraw, **headers)
    assert twice.status_code == 400
    assert "已经撤销" in twice.json()["message"]
    assert _counts() == before
    assert client.get(f"/api/v1/elections/{village.pk}/proxies", **headers).json() == []


# --- Reads through selectors -------------------------------------------------------------------------------


def test_a_meeting_of_another_community_is_not_found_when_admitting_a_voter(client, users, areas, village,
                                                                            make_resident):  # fmt: skip
    person = make_resident(name="外来户", residence_type="resident_nonlocal")
    elsewhere = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["urban"], area_path=areas["urban"].path,
        held_on=timezone.localdate(), present=200, members=300, quorate=True, recorded_by=users["other_staff"],
    )  # fmt: skip
    client.force_login(users["community_staff"])
    answer = client.post(reverse("elections:voter_add", args=[village.pk]),
                         {"resident": person.pk, "basis": "newcomer", "meeting": elsewhere.pk})  # fmt: skip
    assert answer.status_code == 404
    assert not Voter.objects.filter(resident=person).exists()
    own = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=200, members=300, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip
    answer = client.post(reverse("elections:voter_add", args=[village.pk]),
                         {"resident": person.pk, "basis": "newcomer", "meeting": own.pk})  # fmt: skip
    assert answer.status_code == 302
    assert Voter.objects.get(resident=person).basis == "newcomer"


def test_a_township_or_community_outside_reach_is_not_found(client, users, areas, village):
    far = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="远山镇", parent=None, code="511423102000")
    far_village = area_create_unchecked(kind=AreaKind.COMMUNITY, name="远山村", parent=far,
                                        code="511423102201", community_type="village")  # fmt: skip
    admin = users["township_admin"]
    client.force_login(admin)
    rounds_before = village.round.__class__.objects.count()
    assert (
        client.post(
            reverse("elections:rounds"), {"township": far.pk, "term": "12", "name": "第十二届"}
        ).status_code
        == 404
    )
    assert village.round.__class__.objects.count() == rounds_before
    # One who opens no round anywhere: refused (403) before anything is looked up.
    client.force_login(users["community_staff"])
    refused = client.post(reverse("elections:rounds"), {"township": areas["township"].pk, "term": "12"})
    assert refused.status_code == 403
    client.force_login(admin)
    elections_before = Election.objects.count()
    board = reverse("elections:round", args=[village.round_id])
    data = {"community": far_village.pk, "election_day": "2099-01-01", "seats": "5"}
    assert client.post(board, data).status_code == 404
    api = client.post(f"/api/v1/elections/rounds/{village.round_id}/elections",
                      {"community_id": far_village.pk, "election_day": "2099-01-01", "seats": 5},
                      content_type="application/json", **_bearer(admin))  # fmt: skip
    assert api.status_code == 404
    assert Election.objects.count() == elections_before
    # The urban community of the same township is added as before.
    api = client.post(f"/api/v1/elections/rounds/{village.round_id}/elections",
                      {"community_id": areas["urban"].pk, "election_day": "2099-01-01", "seats": 7},
                      content_type="application/json", **_bearer(admin))  # fmt: skip
    assert api.status_code == 201


# --- The election's label and the roll's queries -----------------------------------------------------------


def test_an_election_reads_as_its_community_and_term_in_the_audit_trail(users, village):
    assert str(village) == "青山村 第11届换届选举"
    roll_generate(actor=users["community_staff"], election=village)
    event = AuditEvent.objects.filter(verb="elections.roll_generated").latest("id")
    assert event.target_label == "青山村 第11届换届选举"


def test_generating_a_roll_takes_the_same_queries_for_five_people_or_fifty(
    users, areas, village, make_resident
):
    urban = with_committee(
        users, add_election(users, village.round, areas["urban"]), make_resident, "grid_b1"
    )
    digits = "零一二三四五六七八九"
    for n in range(5):
        make_resident(name="小" + digits[n], birth=dt.date(1980, 1, 1))
    for n in range(50):
        make_resident("grid_b1", name="东" + digits[n // 10] + digits[n % 10], birth=dt.date(1980, 1, 1))
    with CaptureQueriesContext(connection) as small:
        assert roll_generate(actor=users["community_staff"], election=village) == 6
    with CaptureQueriesContext(connection) as large:
        assert roll_generate(actor=users["other_staff"], election=urban) == 51
    assert len(small) == len(large)
