"""The service-hours certificate: every source in one PDF (wishes, micro-services, activities), for the helper
and for staff over them; audited; its verification reference checks against the record."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.hours.certificates import certificate_of, certificate_verify
from gongzhi.hours.models import ServiceCredit
from gongzhi.residents.models import Resident
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def credit(helper, source: str, source_id: int, hours: str, community) -> ServiceCredit:
    return ServiceCredit.objects.create(
        helper=helper, hours=Decimal(hours), source=source, source_id=source_id, community=community
    )


def pdf_text(data: bytes) -> str:
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return "".join(text.split())  # letter-spaced headings come out with spaces


def test_the_certificate_covers_every_source_and_the_total(users, areas, client):
    helper = users["volunteer"]
    credit(helper, "wish", 1, "2.0", areas["village"])
    credit(helper, "service", 2, "1.5", areas["village"])
    credit(helper, "activity", 3, "3.0", areas["urban"])
    credit(users["party_member"], "activity", 3, "3.0", areas["urban"])  # someone else's: not on it
    certificate = certificate_of(helper.pk)
    assert certificate.total == Decimal("6.5")
    assert [line.source for line in certificate.lines] == ["微心愿", "微服务", "志愿服务活动"]
    client.force_login(helper)
    response = client.get(reverse("hours:certificate"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for word in ("志愿服务时长证明", "微心愿", "微服务", "志愿服务活动", "6.5", "青山村"):
        assert word in text, word
    event = AuditEvent.objects.get(verb="hours.certificate_printed")
    assert event.summary["hours"] == "6.5"
    assert event.summary["lines"] == 3


def test_staff_print_for_a_resident_in_scope_only(users, areas, client, make_resident):
    elder = make_resident("grid_a1", name="王奶奶")
    account = make_user("wangnainai", Role.RESIDENT, areas["village"])
    Resident.objects.filter(pk=elder.pk).update(user=account)
    credit(account, "activity", 9, "2.0", areas["village"])
    url = reverse("hours:certificate_for", args=[elder.pk])
    client.force_login(users["community_staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert "王奶奶" in pdf_text(response.content)
    for outsider in ("other_staff", "volunteer", "grid_worker"):
        client.force_login(users[outsider])
        assert client.get(url).status_code in (403, 404), outsider
    assert AuditEvent.objects.filter(verb="hours.certificate_printed").count() == 1


def test_the_reference_verifies_and_notices_a_changed_record(users, areas, client):
    helper = users["volunteer"]
    credit(helper, "wish", 1, "2.0", areas["village"])
    reference = certificate_of(helper.pk).reference
    page = client.get(reverse("hours:verify", args=[reference]))
    assert page.status_code == 200
    assert 'data-testid="verification-ok"' in page.content.decode()
    assert "volunteer(volunteer)" not in page.content.decode()  # the name is masked
    found = certificate_verify(reference)
    assert found is not None
    assert (found.count, found.total, found.matches) == (1, Decimal("2.0"), True)
    ServiceCredit.objects.filter(helper=helper).update(hours=Decimal("9.0"))
    assert certificate_verify(reference).matches is False
    tampered = reference[:-2] + ("AA" if not reference.endswith("AA") else "BB")
    assert certificate_verify(tampered) is None
    assert client.get(reverse("hours:verify", args=[tampered])).status_code == 404


def test_a_reference_is_dated(users, areas):
    helper = users["volunteer"]
    old = certificate_of(helper.pk, on=dt.date(2026, 1, 1))
    assert certificate_verify(old.reference).issued_on == dt.date(2026, 1, 1)
