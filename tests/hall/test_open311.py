"""Open311 GeoReport v2 at /open311/v2/: every endpoint in JSON and XML, the specification's error format,
no personal data in public answers, keys issued and revoked by the township's admin."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.hall.actions.open311 import (
    RequestIn,
    open311_key_issue,
    open311_key_revoke,
    open311_request_create,
)
from gongzhi.hall.models import Application, Channel, HandlingMode, MaterialSource, Open311Key
from gongzhi.hall.workflow import APPLICATION_KIND

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
PHONE = "13912345678"


@pytest.fixture
def matter(make_matter):
    return make_matter(code="MZ-010", name="高龄津贴", open311=True, conditions="年满80周岁的本镇户籍老人。")


@pytest.fixture
def issued(users, areas):
    return open311_key_issue(actor=users["township_admin"], township=areas["township"], name="12345热线")


@pytest.fixture
def api_key(issued):
    return issued[1]


def form(key, **extra):
    data = {
        "api_key": key,
        "jurisdiction_id": "511423101000",
        "service_code": "MZ-010",
        "first_name": "建国",
        "last_name": "王",
        "phone": PHONE,
        "email": "wjg@example.com",
        "description": "老人今年满80周岁，申请高龄津贴。",
        "address_string": "青山村1组12号",
        "lat": "30.123456",
        "long": "104.654321",
        "attribute[community]": "511423101201",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def xml(response) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def json_of(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


# --- Services -------------------------------------------------------------------------------


def test_service_list_in_json_and_xml_lists_only_the_open311_matters(client, matter, make_matter, department):
    make_matter(code="MZ-011", name="最低生活保障")  # not open to outside systems
    rows = json_of(client.get(f"{BASE}/services.json"))
    assert [r["service_code"] for r in rows] == ["MZ-010"]
    assert rows[0] == {
        "service_code": "MZ-010", "service_name": "高龄津贴", "description": "年满80周岁的本镇户籍老人。",
        "metadata": True, "type": "batch", "keywords": "村级受理·乡级办结,民政办", "group": "民政办",
    }  # fmt: skip
    root = xml(client.get(f"{BASE}/services.xml", {"jurisdiction_id": "511423101000"}))
    assert root.tag == "services"
    (service,) = root.findall("service")
    assert service.findtext("service_code") == "MZ-010"
    assert service.findtext("metadata") == "true"
    assert service.findtext("type") == "batch"


def test_service_definition_maps_communities_and_materials(client, matter):
    body = json_of(client.get(f"{BASE}/services/MZ-010.json"))
    assert body["service_code"] == "MZ-010"
    community, *materials = body["attributes"]
    assert community["code"] == "community"
    assert community["datatype"] == "singlevaluelist"
    assert community["variable"] is True
    assert community["required"] is False
    assert {v["key"]: v["name"] for v in community["values"]} == {
        "511423101201": "青山村",
        "511423101001": "东街社区",
    }
    assert [m["variable"] for m in materials] == [False, False, False]
    assert materials[0]["description"].startswith("申请书（必要，复印件1份，申请人提供")
    assert "非必要" in materials[2]["description"]
    assert [a["order"] for a in body["attributes"]] == [1, 2, 3, 4]

    root = xml(client.get(f"{BASE}/services/MZ-010.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "MZ-010"
    attributes = root.find("attributes").findall("attribute")
    assert attributes[0].findtext("variable") == "true"
    assert [v.findtext("name") for v in attributes[0].find("values").findall("value")] == [
        "东街社区",
        "青山村",
    ]


def test_unknown_service_and_jurisdiction_and_format_answer_in_the_spec_error_format(client, matter):
    response = client.get(f"{BASE}/services/NOPE.json")
    assert response.status_code == 404
    (error,) = json_of(response)
    assert error["code"] == 404
    assert "service_code" in error["description"]

    response = client.get(f"{BASE}/services/NOPE.xml")
    assert response.status_code == 404
    root = xml(response)
    assert root.tag == "errors"
    assert root.find("error").findtext("code") == "404"

    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": "999999999999"})
    assert response.status_code == 404
    assert json_of(response)[0]["code"] == 404

    response = client.get(f"{BASE}/services.yaml")
    assert response.status_code == 400
    assert json_of(response) == [{"code": 400, "description": "不支持的格式“yaml”：请用 .json 或 .xml。"}]


# --- POST requests --------------------------------------------------------------------------


def test_post_a_request_form_encoded_makes_an_application_through_the_kernel(client, matter, issued, areas):
    key, raw = issued
    response = client.post(f"{BASE}/requests.json", form(raw))
    assert response.status_code == 200, response.content
    (row,) = json_of(response)
    application = Application.objects.select_related("case").get(pk=int(row["service_request_id"]))
    case = application.case
    assert application.channel == Channel.OPEN311
    assert application.matter == matter
    assert case.kind == APPLICATION_KIND
    assert case.state == "submitted"
    assert case.submitted_by == key.account
    assert case.author is None
    assert case.community == areas["village"]
    assert case.department == matter.department
    assert case.due_at is not None  # the window's five workdays to check
    assert application.facts["name"] == "王建国"
    assert application.facts["lat"] == 30.123456
    assert application.phone == PHONE
    assert application.materials.count() == 3
    assert "申请书" in row["service_notice"]
    assert str(application.pk) in row["service_notice"]
    assert case.events.get().verb == "open"
    assert AuditEvent.objects.filter(verb="open311.request_received", target_id=str(case.pk)).exists()
    assert AuditEvent.objects.filter(verb="case.opened", target_id=str(case.pk)).exists()
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_a_retry_with_the_same_idempotency_key_gets_the_first_request(client, matter, api_key):
    """A client that lost the answer sends the same request again with the same Idempotency-Key."""
    first = client.post(f"{BASE}/requests.json", form(api_key), headers={"Idempotency-Key": "3f2a-retry-1"})
    assert first.status_code == 200
    audit_rows = AuditEvent.objects.count()
    again = client.post(f"{BASE}/requests.json", form(api_key), headers={"Idempotency-Key": "3f2a-retry-1"})
    assert again.status_code == 200
    assert json_of(again)[0]["service_request_id"] == json_of(first)[0]["service_request_id"]
    assert Application.objects.count() == 1
    assert AuditEvent.objects.count() == audit_rows
    # Another key is another request; so is a request without one, as the specification says.
    other = client.post(f"{BASE}/requests.json", form(api_key), headers={"Idempotency-Key": "3f2a-retry-2"})
    plain = client.post(f"{BASE}/requests.json", form(api_key))
    ids = {json_of(r)[0]["service_request_id"] for r in (first, other, plain)}
    assert len(ids) == 3
    bad = client.post(f"{BASE}/requests.json", form(api_key), headers={"Idempotency-Key": "键"})
    assert bad.status_code == 400
    assert json_of(bad) == [
        {"code": 400, "description": "Idempotency-Key 只能包含可见的 ASCII 字符，最长 255 个。"}
    ]
    assert Application.objects.count() == 3


def test_post_in_xml_and_without_a_community_goes_to_the_township_window(client, matter, api_key, areas):
    response = client.post(
        f"{BASE}/requests.xml",
        form(api_key, **{"attribute[community]": None, "first_name": "Jian", "last_name": "Wang"}),
    )
    assert response.status_code == 200
    root = xml(response)
    assert root.tag == "service_requests"
    request_id = root.find("request").findtext("service_request_id")
    application = Application.objects.get(pk=int(request_id))
    assert application.case.community == areas["township"]
    assert application.facts["name"] == "Jian Wang"


@pytest.mark.parametrize(
    ("changes", "status", "word"),
    [
        ({"api_key": "o311_wrong"}, 403, "api_key"),
        ({"api_key": None}, 403, "api_key"),
        ({"service_code": None}, 400, "service_code"),
        ({"service_code": "NOPE"}, 404, "service_code"),
        ({"jurisdiction_id": "511423101999"}, 404, "jurisdiction_id"),
        ({"phone": None}, 400, "phone"),
        ({"phone": "12345"}, 400, "phone"),
        ({"first_name": "", "last_name": ""}, 400, "last_name"),
        ({"lat": "91", "long": "104"}, 400, "lat"),
        ({"lat": "abc"}, 400, "lat"),
        ({"lat": "30.1", "long": None}, 400, "long"),
        ({"email": "not-an-address"}, 400, "email"),
        ({"attribute[community]": "511423109999"}, 400, "community"),
        ({"address_string": "", "lat": "", "long": "", "attribute[community]": ""}, 400, "address_string"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ],
)
def test_bad_posts_answer_in_the_spec_error_format_and_change_nothing(client, matter, api_key, changes, status,
                                                                      word):  # fmt: skip
    before = Case.objects.count()
    response = client.post(f"{BASE}/requests.json", form(api_key, **changes))
    assert response.status_code == status, response.content
    (error,) = json_of(response)
    assert error["code"] == status
    assert word in error["description"]
    response = client.post(f"{BASE}/requests.xml", form(api_key, **changes))
    root = xml(response)
    assert root.find("error").findtext("code") == str(status)
    assert Case.objects.count() == before


def test_a_revoked_key_answers_403_in_the_spec_format(client, matter, issued, users):
    key, raw = issued
    open311_key_revoke(actor=users["township_admin"], key=key)
    response = client.post(f"{BASE}/requests.json", form(raw))
    assert response.status_code == 403
    assert json_of(response)[0]["code"] == 403
    key.account.refresh_from_db()
    assert not key.account.is_active
    with pytest.raises(DomainError):
        open311_key_revoke(actor=users["township_admin"], key=key)


def test_a_key_of_another_township_cannot_reach_this_townships_matters(client, matter, issued):
    key, raw = issued
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    Open311Key.objects.filter(pk=key.pk).update(township=other)
    key.refresh_from_db()
    with pytest.raises(NotFound):
        open311_request_create(actor=key.account, key=key, matter=matter,
                               data=RequestIn(last_name="王", phone=PHONE, address_string="x"))  # fmt: skip
    response = client.post(f"{BASE}/requests.json", form(raw, jurisdiction_id=None))
    assert response.status_code == 404
    assert "service_code" in response.json()[0]["description"]
    # Two townships now: reading needs jurisdiction_id.
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 400
    assert "jurisdiction_id" in response.json()[0]["description"]


def test_only_the_keys_account_submits_with_it(matter, issued, users):
    key, _raw = issued
    with pytest.raises(NotPermitted):
        open311_request_create(actor=users["township_admin"], key=key, matter=matter,
                               data=RequestIn(last_name="王", phone=PHONE, address_string="x"))  # fmt: skip


def test_a_session_grants_nothing(client, matter, users):
    client.force_login(users["township_admin"], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    response = client.post(f"{BASE}/requests.json", form(""))
    assert response.status_code == 403


# --- GET requests ---------------------------------------------------------------------------


@pytest.fixture
def sent(client, matter, api_key):
    ids = []
    for n in range(3):
        response = client.post(f"{BASE}/requests.json", form(api_key, description=f"第{n}件，电话{PHONE}"))
        ids.append(int(response.json()[0]["service_request_id"]))
    return ids


def test_get_requests_shows_public_fields_only(client, sent, make_application, matter):
    make_application(matter)  # applied online: not an Open311 request, never listed
    response = client.get(f"{BASE}/requests.json")
    rows = json_of(response)
    assert sorted(int(r["service_request_id"]) for r in rows) == sorted(sent)
    row = rows[0]
    assert row["status"] == "open"
    assert row["status_notes"] == "待受理"
    assert row["service_code"] == "MZ-010"
    assert row["agency_responsible"] == "民政办"
    assert row["address"] == "青山村"
    assert row["lat"] is None
    assert row["long"] is None
    assert row["requested_datetime"].endswith("+08:00")
    assert "T" in row["requested_datetime"]
    assert row["expected_datetime"] is not None
    text = response.content.decode()
    for private in ("王建国", "建国", PHONE, "wjg@example.com", "1组12号", "30.123456", "第0件"):
        assert private not in text
    root = xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    assert len(root.findall("request")) == 3
    assert "王建国" not in ET.tostring(root, encoding="unicode")


def test_get_requests_filters(client, sent, matter):
    Case.objects.filter(pk=sent[0]).update(state="issued", closed_at=timezone.now())
    Case.objects.filter(pk=sent[1]).update(created_at=timezone.now() - dt.timedelta(days=100))

    def ids(**query):
        response = client.get(f"{BASE}/requests.json", query)
        assert response.status_code == 200, response.content
        return sorted(int(r["service_request_id"]) for r in response.json())

    assert ids() == sorted([sent[0], sent[2]])  # the last 90 days by default
    assert ids(status="closed") == [sent[0]]
    assert ids(status="open") == [sent[2]]
    assert ids(status="open,closed") == sorted([sent[0], sent[2]])
    assert ids(service_request_id=f"{sent[1]},{sent[2]}") == sorted(sent[1:])  # ids: no default dates
    assert ids(service_code="OTHER") == []
    start = (timezone.now() - dt.timedelta(days=120)).isoformat(timespec="seconds")
    assert ids(start_date=start) == sorted(sent)
    assert ids(start_date=start, end_date=(timezone.now() - dt.timedelta(days=50)).isoformat()) == [sent[1]]
    closed = client.get(f"{BASE}/requests/{sent[0]}.json").json()[0]
    assert closed["status"] == "closed"
    assert closed["status_notes"] == "已办结"


@pytest.mark.parametrize(
    "query", [{"status": "pending"}, {"start_date": "yesterday"}, {"service_request_id": "1,x"},
              {"start_date": "2026-05-02T00:00:00+08:00", "end_date": "2026-05-01T00:00:00+08:00"}],
)  # fmt: skip
def test_bad_filters_answer_400_in_the_spec_format(client, sent, query):
    response = client.get(f"{BASE}/requests.json", query)
    assert response.status_code == 400
    assert json_of(response)[0]["code"] == 400
    assert xml(client.get(f"{BASE}/requests.xml", query)).find("error").findtext("code") == "400"


def test_one_request_in_json_and_xml(client, sent):
    rows = json_of(client.get(f"{BASE}/requests/{sent[0]}.json"))
    assert len(rows) == 1
    assert rows[0]["service_request_id"] == str(sent[0])
    root = xml(client.get(f"{BASE}/requests/{sent[0]}.xml", {"jurisdiction_id": "511423101000"}))
    assert root.find("request").findtext("service_request_id") == str(sent[0])
    assert root.find("request").findtext("status") == "open"
    for missing in ("999999", "abc", "9" * 30):
        response = client.get(f"{BASE}/requests/{missing}.json")
        assert response.status_code == 404
        assert json_of(response)[0]["code"] == 404


def test_an_application_made_online_is_not_an_open311_request(client, matter, make_application):
    application = make_application(matter)
    assert client.get(f"{BASE}/requests/{application.pk}.json").status_code == 404


# --- Keys -----------------------------------------------------------------------------------


def test_keys_are_stored_hashed_and_issued_by_the_township_admin_only(issued, users, areas):
    key, raw = issued
    assert raw.startswith("o311_")
    assert raw not in key.key_hash
    assert key.prefix == raw[:11]
    assert not key.account.has_usable_password()
    assert key.account.role_assignments.count() == 0
    assert AuditEvent.objects.filter(verb="open311.key_issued").count() == 1
    for role in ("window_clerk", "township_reviewer", "sys_admin", "resident"):
        with pytest.raises(NotPermitted):
            open311_key_issue(actor=users[role], township=areas["township"], name="x")
    with pytest.raises(DomainError):
        open311_key_issue(actor=users["township_admin"], township=areas["township"], name="  ")


def test_the_keys_page_issues_shows_once_and_revokes(users):
    client = Client()
    client.force_login(users["township_admin"], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    page = client.get("/hall/open311/keys/")
    assert page.status_code == 200
    assert "/open311/v2/services.json" in page.content.decode()
    response = client.post("/hall/open311/keys/", {"name": "政务服务App"})
    raw = response.context["new_key"]
    assert raw.startswith("o311_")
    assert raw in response.content.decode()
    key = Open311Key.objects.get(name="政务服务App")
    assert raw not in client.get("/hall/open311/keys/").content.decode()
    response = client.post(f"/hall/open311/keys/{key.pk}/revoke/")
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert key.revoked_by == users["township_admin"]
    assert client.post("/hall/open311/keys/", {"name": ""}).context["error"]

    clerk = Client()
    clerk.force_login(users["window_clerk"], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    assert clerk.get("/hall/open311/keys/").status_code == 403


def test_a_village_direct_matter_names_the_village_as_agency(client, make_matter, api_key):
    make_matter(code="CJ-001", name="村级证明", mode=HandlingMode.VILLAGE_DIRECT, open311=True,
                materials=(("身份证", True, MaterialSource.APPLICANT),))  # fmt: skip
    response = client.post(f"{BASE}/requests.json", form(api_key, service_code="CJ-001"))
    request_id = response.json()[0]["service_request_id"]
    row = client.get(f"{BASE}/requests/{request_id}.json").json()[0]
    assert row["agency_responsible"] == "青山村"


# --- The specification's own request shapes (as real clients send them) ---------------------


def test_the_specifications_post_example_as_a_raw_form_body(client, matter, api_key):
    """POST requests.xml with the body shape of the spec's example: url-encoded, '+' for spaces, an
    attribute the service does not define (ignored), a landline phone."""
    body = (
        f"api_key={api_key}&service_code=MZ-010&lat=30.76524078&long=104.4212043&address_string=1234+5th+street"
        "&email=smit222%40example.com&device_id=tt222111&account_id=123456&first_name=john&last_name=smith"
        "&phone=0817-2345678&description=A+large+sinkhole+is+destroying+the+street"
        "&media_url=http%3A%2F%2Fwww.example.com%2Fimages%2Fsinkhole.jpg&attribute[WHISPRADIO]=123"
        "&attribute[WHISPSTAFF]=456"
    )
    response = client.post(f"{BASE}/requests.xml", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, response.content
    request = xml(response).find("request")
    assert request.findtext("account_id") == "123456"
    application = Application.objects.select_related("case").get(
        pk=int(request.findtext("service_request_id"))
    )
    assert application.facts["name"] == "john smith"
    assert application.phone == "08172345678"
    assert application.case.place == "1234 5th street"
    assert application.facts["media_url"] == "http://www.example.com/images/sinkhole.jpg"


def test_the_specifications_get_examples(client, sent):
    """GET requests.xml?start_date=…Z&end_date=…Z&status=open, and one request by id in the spec's shape."""
    now = timezone.now()
    start = (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = xml(client.get(f"{BASE}/requests.xml?start_date={start}&end_date={end}&status=open"))
    requests = root.findall("request")
    assert len(requests) == 3
    fields = [child.tag for child in requests[0]]
    assert fields == [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]  # fmt: skip
    assert (
        json_of(client.get(f"{BASE}/requests.json?service_request_id={sent[0]},{sent[1]}"))[0]["status"]
        == "open"
    )
