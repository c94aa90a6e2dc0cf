"""The applications API (/api/v1/hall/applications…): the staff queue routed by stage, the applicant's own,
one application with its name masked unless the reader may see it; declared in the OpenAPI schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.roles import Role
from gongzhi.config.api import api
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/hall/applications"


def auth(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def applicant(areas):
    return make_user("wang", Role.RESIDENT, areas["village"], display_name="王小明")


def test_the_queue_follows_the_stage(client, users, officer, matter, make_application, applicant):
    submitted = make_application(matter, author=applicant)
    in_review = make_application(matter, author=applicant, state="township_review")
    clerk = client.get(f"{URL}/queue", **auth(users["window_clerk"])).json()
    assert [row["id"] for row in clerk["items"]] == [submitted.pk]
    assert clerk["count"] == 1
    row = clerk["items"][0]
    assert row["state"] == "submitted"
    assert row["state_label"] == "待受理"
    assert row["matter_code"] == "MZ-001"
    assert row["department"] == "民政办"
    assert row["community_name"] == "青山村"
    assert row["applicant"] == "王小明"
    back_office = client.get(f"{URL}/queue", **auth(officer)).json()
    assert [row["id"] for row in back_office["items"]] == [in_review.pk]
    only = client.get(f"{URL}/queue", {"state": "submitted"}, **auth(officer)).json()
    assert only == {"count": 0, "items": []}


def test_the_queue_is_paginated_and_reads_a_fixed_number_of_queries(client, users, matter, make_application,
                                                                    applicant):  # fmt: skip
    made = [make_application(matter, author=applicant).pk for _ in range(5)]
    headers = auth(users["window_clerk"])
    client.get(f"{URL}/queue", {"limit": 2}, **headers)  # warm the user cache
    with CaptureQueriesContext(connection) as few:
        first = client.get(f"{URL}/queue", {"limit": 2}, **headers).json()
    with CaptureQueriesContext(connection) as more:
        client.get(f"{URL}/queue", {"limit": 5}, **headers)
    assert len(few.captured_queries) == len(more.captured_queries)
    second = client.get(f"{URL}/queue", {"limit": 2, "offset": 2}, **headers).json()
    assert first["count"] == 5
    assert len(first["items"]) == 2
    assert {r["id"] for r in first["items"]} | {r["id"] for r in second["items"]} <= set(made)
    assert not {r["id"] for r in first["items"]} & {r["id"] for r in second["items"]}
    assert client.get(f"{URL}/queue", {"limit": 1000}, **headers).status_code == 422


def test_who_may_not_read_the_queue(client, users):
    assert client.get(f"{URL}/queue", **auth(users["resident"])).status_code == 403
    response = client.get(f"{URL}/queue")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_mine_lists_the_applicants_own(client, users, matter, make_application, applicant):
    own = make_application(matter, author=applicant)
    make_application(matter)  # someone else's
    body = client.get(f"{URL}/mine", **auth(applicant)).json()
    assert [row["id"] for row in body["items"]] == [own.pk]
    assert body["items"][0]["applicant"] == "王小明"
    assert client.get(f"{URL}/mine", **auth(users["nobody"])).json() == {"count": 0, "items": []}


def test_one_application_masks_the_name_for_readers_without_the_register(client, users, matter, make_application,
                                                                         applicant):  # fmt: skip
    application = make_application(matter, author=applicant)
    mine = client.get(f"{URL}/{application.pk}", **auth(applicant)).json()
    assert mine["applicant"] == "王小明"
    assert [line["name"] for line in mine["materials"]] == ["申请书", "户口簿", "收入证明"]
    assert mine["materials"][0]["state"] == "missing"
    assert mine["materials"][0]["required"] is True
    assert mine["timeline"][0]["who"] == "王小明"
    assert "withdraw" in mine["allowed_moves"]
    clerk = client.get(f"{URL}/{application.pk}", **auth(users["window_clerk"])).json()
    assert clerk["applicant"] == "王小明"
    assert "refuse" in clerk["allowed_moves"]
    supervisor = client.get(f"{URL}/{application.pk}", **auth(users["supervisor"]))
    assert supervisor.status_code == 200
    text = supervisor.content.decode()
    assert supervisor.json()["applicant"] == "王**"
    assert "王小明" not in text
    assert supervisor.json()["allowed_moves"] == []


def test_someone_elses_application_answers_like_a_missing_one(
    client, users, matter, make_application, applicant
):
    application = make_application(matter, author=applicant)
    for user in (users["nobody"], users["grid_worker"]):
        response = client.get(f"{URL}/{application.pk}", **auth(user))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.get(f"{URL}/99999999", **auth(applicant)).status_code == 404


def test_the_operations_are_documented():
    schema = api.get_openapi_schema()
    for path in (f"{URL}/queue", f"{URL}/mine", URL + "/{application_id}"):
        operation = schema["paths"][path]["get"]
        assert operation["summary"]
        assert "401" in operation["responses"]
    assert "403" in schema["paths"][f"{URL}/queue"]["get"]["responses"]
    assert "404" in schema["paths"][URL + "/{application_id}"]["get"]["responses"]
