"""What django-axes records as the "username" of a login attempt.

People log in with a username or a phone number. Axes stores what was typed,
so a phone (or an ID number typed by mistake) would sit in its tables in
plain text, and alternating a user's username and phone would give an
attacker two lockout counters. A phone that belongs to an account becomes
that account's username; any other string with a long run of digits becomes
a keyed hash.
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from gongzhi.core.crypto import blind_index
from gongzhi.core.validators import validate_phone

_LONG_DIGITS = re.compile(r"\d{7,}")


def lockout_username(request, credentials) -> str:
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get("username", "")
    typed = str(typed or "").strip()[:150]
    User = get_user_model()
    if User.objects.filter(username=typed).exists():
        return typed
    try:
        phone = validate_phone(typed)
    except ValidationError:
        phone = ""
    if phone:
        owner = User.objects.filter(phone_index=blind_index(phone, context="phone")).values_list(
            "username", flat=True
        )
        if owner:
            return owner[0]
    if _LONG_DIGITS.search(typed):
        return "hashed:" + blind_index(typed, context="login-attempt")[:32]
    return typed
