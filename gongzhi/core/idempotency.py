"""Safe retries for the API's creating operations: the `Idempotency-Key` header.

A phone on a weak signal sends a request, loses the answer and sends it
again. With the same key, the same actor and the same operation, the retry
gets the same answer — the object the first request created — and nothing
is created twice. The same key sent with a different body is refused
(422), and a retry that arrives while the first request is still running
is told to wait (409).

What is remembered, for a day, in the `idempotency` cache (Redis when
configured, else files under DATA_DIR — shared by every process on the
machine): a hash of the body and which object was created, never the body
or the answer itself, so no personal data sits in the cache. Only a
success is remembered: a refused request changed nothing, and its retry is
simply tried again.

Features whose actions have their own duplicate guard in the database
(cases: `submission_key`) also pass the key down, so that even a lost cache
or two requests racing past the in-progress mark make one object.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Header

from .errors import Conflict, DomainError, NotFound

T = TypeVar("T", bound=models.Model)

HEADER = "Idempotency-Key"
REMEMBER_SECONDS = 24 * 3600
# Longer than any creating request takes; a crashed request frees its key after this.
IN_PROGRESS_SECONDS = 120

IdempotencyKey = Annotated[
    str | None,
    Header(
        None,
        alias=HEADER,
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description=(
            "可选。客户端为每个新请求生成的唯一值（如 UUID），重试时原样重发：同一令牌用户、同一接口、同一键"
            "在 24 小时内只创建一次，重试得到第一次创建的对象；同一键配不同请求内容时返回 422。"
        ),
    ),
]


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    status = 422
    default_message = gettext_lazy("这个 Idempotency-Key 已用于一次内容不同的请求。新的请求请使用新的键。")


def idempotent_create(request, key: str | None, payload: Any, create: Callable[[], T]) -> T:
    """`create()` once per (actor, method, path, key); a retry with the same body gets the first object.

    Without a key, `create()` simply runs. `payload` is the validated body
    (a ninja Schema, or None for an operation without one).
    """
    if not key:
        return create()
    cache = caches["idempotency"]
    scope = hashlib.sha256(f"{request.auth.pk}\n{request.method}\n{request.path}\n{key}".encode()).hexdigest()
    fingerprint = _fingerprint(payload)
    done_key, busy_key = f"gz:idem:done:{scope}", f"gz:idem:busy:{scope}"
    remembered = cache.get(done_key)
    if remembered is None:
        if not cache.add(busy_key, fingerprint, IN_PROGRESS_SECONDS):
            raise Conflict(
                _("同一请求（相同的 Idempotency-Key）正在处理，请稍后再查询结果。"),
                code="idempotency_in_progress",
            )
        try:
            created = create()
            cache.set(
                done_key,
                {"fingerprint": fingerprint, "model": created._meta.label_lower, "pk": created.pk},
                REMEMBER_SECONDS,
            )
            return created
        finally:
            cache.delete(busy_key)
    if remembered["fingerprint"] != fingerprint:
        raise IdempotencyKeyReused()
    model = apps.get_model(remembered["model"])
    found = model._default_manager.filter(pk=remembered["pk"]).first()
    if found is None:  # created, then withdrawn and erased
        raise NotFound()
    return found


def submission_key_for(key: str | None) -> str:
    """The key as a case's `submission_key` (at most 64 characters, distinct from the pages' form keys)."""
    return "api:" + hashlib.sha256(key.encode()).hexdigest()[:56] if key else ""


def _fingerprint(payload: Any) -> str:
    data = payload.dict() if hasattr(payload, "dict") else payload
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
