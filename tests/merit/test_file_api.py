"""A nomination's files over the API, as on its pages (gongzhi/merit/files.py): the paper-consent scan for the
board's keepers, the evidence photos for whoever sees the nomination; outside the caller's reach, 404."""

import io

import pytest
from PIL import Image

from gongzhi.accounts.actions import api_token_create
from gongzhi.merit import actions
from tests.merit.conftest import STORY
from tests.pdfs import blank_pdf

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, user=user, name='t')[1]}"}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def recorded(merit, areas, users):
    staff = users["community_staff"]
    n = actions.nomination_create(
        actor=staff, community=areas["village"], category=merit["category"], kind="person",
        title="照顾瘫痪婆婆", story=STORY, witness="邻居张大爷", nominee_id=merit["nominee"].pk, photos=[_png()],
    )  # fmt: skip
    return actions.nomination_consent_record(
        actor=staff, nomination=n, display="full", consent_file=blank_pdf()
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_keepers_download_the_paper_consent_as_on_the_page(client, recorded, users):
    path = f"/api/v1/merit/nominations/{recorded.pk}/consent-file"
    got = client.get(path, **_bearer(users["community_staff"]))
    assert got.status_code == 200
    assert got["Content-Type"] == "application/pdf"
    assert got["Cache-Control"] == "private, no-store"
    client.force_login(users["community_staff"])
    assert _body(got) == _body(client.get(f"/merit/n/{recorded.pk}/consent/file/"))
    # The supervisory committee sees the nomination but keeps no board: refused; another community's staff and
    # someone who does not see it: 404, as for a nomination that does not exist.
    assert client.get(path, **_bearer(users["supervisor"])).status_code == 403
    assert client.get(path, **_bearer(users["other_staff"])).status_code == 404
    assert client.get(path, **_bearer(users["resident"])).status_code == 404
    missing = f"/api/v1/merit/nominations/{recorded.pk + 1000}/consent-file"
    assert client.get(missing, **_bearer(users["community_staff"])).status_code == 404


def test_the_evidence_photos_are_listed_and_served_to_those_who_see_the_nomination(
    client, recorded, merit, users
):
    detail = client.get(
        f"/api/v1/merit/nominations/{recorded.pk}", **_bearer(users["community_staff"])
    ).json()
    [photo_id] = detail["photo_ids"]
    path = f"/api/v1/merit/nominations/{recorded.pk}/photos/{photo_id}"
    for reader in (users["community_staff"], users["supervisor"], merit["nominee_user"]):
        got = client.get(path, **_bearer(reader))
        assert got.status_code == 200, reader
        assert got["Content-Type"] == "image/jpeg"  # re-encoded without EXIF when stored
        assert got["Cache-Control"] == "no-store"
    client.force_login(merit["nominee_user"])
    page = client.get(f"/merit/n/{recorded.pk}/photos/{photo_id}/")
    assert _body(page) == _body(client.get(path, **_bearer(merit["nominee_user"])))
    assert client.get(path, **_bearer(users["other_staff"])).status_code == 404
    assert client.get(path, **_bearer(users["resident"])).status_code == 404
    other = f"/api/v1/merit/nominations/{recorded.pk}/photos/{photo_id + 1000}"
    assert client.get(other, **_bearer(users["community_staff"])).status_code == 404
    assert client.get(path).status_code == 401
