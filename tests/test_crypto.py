import pytest

from gongzhi.core.crypto import IntegrityFailure, blind_index, decrypt, encrypt


def test_round_trip_and_randomised():
    a = encrypt("511423198502030012", context="resident.id_number")
    b = encrypt("511423198502030012", context="resident.id_number")
    assert a != b
    assert "511423" not in a
    assert decrypt(a, context="resident.id_number") == "511423198502030012"


def test_tampered_ciphertext_is_detected():
    token = encrypt("13800138000", context="resident.phone")
    prefix, body = token.split(":")
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    with pytest.raises(IntegrityFailure):
        decrypt(f"{prefix}:{flipped}", context="resident.phone")


def test_context_is_bound():
    token = encrypt("13800138000", context="resident.phone")
    with pytest.raises(IntegrityFailure):
        decrypt(token, context="user.phone")


def test_blind_index_is_keyed_and_stable():
    assert blind_index("x", context="phone") == blind_index("x", context="phone")
    assert blind_index("x", context="phone") != blind_index("x", context="id_number")
    assert len(blind_index("x", context="phone")) == 64
