"""What every API operation accepts: JSON bodies checked once, bounded pages.

- `StrictJsonParser` is the API's one door for request bodies: strict UTF-8
  JSON whose texts hold no lone UTF-16 surrogate ("\\ud800" is valid JSON
  but no character: it cannot be stored or encoded) and no NaN/Infinity.
  Anything else is the API's own 400 `{code, message}`.
- `Limit` and `Offset` bound every paginated operation, so that a deep
  offset neither walks a million index entries nor overflows the database's
  64-bit OFFSET; `BoundedPagination` is ninja's limit/offset pagination with
  the same bounds.
"""

import json
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser
from pydantic import Field as PydanticField

MAX_LIMIT: int = settings.NINJA_PAGINATION_MAX_LIMIT
# Ten thousand rows deep: far past what anyone pages through; exports are the way to all rows.
MAX_OFFSET = 10_000

Limit = Annotated[int, PydanticField(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, PydanticField(ge=0, le=MAX_OFFSET)]


# openapi_extra of a read that is refused (403) to users without the role, on top of the answers
# every operation declares (gongzhi.config.api adds those from what the operation takes).
MAY_BE_FORBIDDEN: dict[str, Any] = {"responses": {"403": {"description": gettext_lazy("无权执行此操作")}}}


class UnparseableBody(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise UnparseableBody(f"{name} is not a number")


def _check_texts(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                _check_text(key)
                stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnparseableBody("lone surrogate") from None


def json_body_parse(raw: bytes) -> Any:
    """The JSON in `raw`; UnparseableBody for bad UTF-8, bad JSON, NaN/Infinity or a lone surrogate."""
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise UnparseableBody("not UTF-8 JSON") from None
    _check_texts(data)
    return data


class StrictJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        return json_body_parse(request.body)


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: Limit = Field(MAX_LIMIT)
        offset: Offset = Field(0)
