"""The API documentation says what the API does: every operation needs a token, none is called public."""

import pytest
from django.test import Client

from gongzhi.config.api import api


def operations():
    schema = api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {path}", op


def test_every_operation_is_documented_as_needing_the_bearer_token():
    for key, op in operations():
        assert op.get("security") == [{"TokenAuth": []}], key
        assert "401" in {str(code) for code in op["responses"]}, key


def test_no_operation_is_described_as_public():
    # "公开" (public) told readers that the wall and the offers need no token; both do (401 without one).
    for key, op in operations():
        text = op.get("summary", "") + op.get("description", "")
        # 四议两公开 is the name of a procedure (its last stages publish a decision), not a claim about the API.
        assert "公开" not in text.replace("四议两公开", ""), (key, text)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/wishes", "/api/v1/offers"])
def test_the_two_formerly_public_reads_do_need_a_token(path):
    assert Client().get(path).status_code == 401
