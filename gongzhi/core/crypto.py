"""Field encryption (AES-256-GCM) and the keyed blind index for look-ups.

One cipher interface so that SM4-GCM can replace AES-GCM where a 密评 asks
for national algorithms, without changing the data model: every ciphertext
carries a version prefix naming its algorithm and key.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

VERSION = "a1"


class IntegrityFailure(Exception):
    """A ciphertext was altered or written with another key."""


@lru_cache(maxsize=4)
def _key(raw: str) -> bytes:
    key = base64.b64decode(raw)
    if len(key) != 32:
        raise ValueError("field keys must be 32 bytes, base64-encoded")
    return key


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt `plaintext`; `context` (e.g. "resident.id_number") is bound as AAD."""
    nonce = os.urandom(12)
    sealed = AESGCM(_key(settings.GONGZHI_FIELD_KEY)).encrypt(nonce, plaintext.encode(), context.encode())
    return VERSION + ":" + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str, *, context: str) -> str:
    version, _, body = token.partition(":")
    if version != VERSION or not body:
        raise IntegrityFailure("unknown ciphertext version")
    try:
        raw = base64.b64decode(body, validate=True)
        return AESGCM(_key(settings.GONGZHI_FIELD_KEY)).decrypt(raw[:12], raw[12:], context.encode()).decode()
    except (InvalidTag, ValueError) as exc:
        raise IntegrityFailure(str(exc) or "authentication tag mismatch") from exc


def blind_index(value: str, *, context: str) -> str:
    """Keyed hash for uniqueness and exact look-up without storing plaintext."""
    mac = hmac.new(_key(settings.GONGZHI_INDEX_KEY), f"{context}\x00{value}".encode(), hashlib.sha256)
    return mac.hexdigest()
