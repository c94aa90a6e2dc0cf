"""Reading a POSTed form's plain fields: a wrong value becomes None, which the action refuses with its message."""

import datetime as dt

from gongzhi.core.ids import id_from


def date_from(raw: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw or "").strip())
    except ValueError:
        return None


def small_int(raw: object) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 4 else None


def pk_from(raw: object) -> int | None:
    return id_from(raw)
