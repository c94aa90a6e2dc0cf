"""An iCalendar (RFC 5545) feed of activities, so a phone's calendar can subscribe to a community's activities.

Public data only: title, place, time, the community, the link; never who signed up.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from .models import Activity, ActivityState


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1), never splitting a character."""
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode()) > (75 if not out else 74):
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _utc(value) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_of(activities: Iterable[Activity], *, name: str, base: str = "") -> str:
    """The feed; `base` is the site's address (scheme and host) each event's link starts with."""
    host = getattr(settings, "GONGZHI_FEED_DOMAIN", "gongzhi.local")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//gongzhi//activities//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for activity in activities:
        lines += [
            "BEGIN:VEVENT",
            f"UID:activity-{activity.pk}@{host}",
            f"DTSTAMP:{_utc(activity.updated_at)}",
            f"DTSTART:{_utc(activity.starts_at)}",
            f"DTEND:{_utc(activity.ends_at)}",
            f"SUMMARY:{_escape(activity.title)}",
            f"LOCATION:{_escape(activity.community.name + ' ' + activity.place)}",
            f"DESCRIPTION:{_escape(activity.description)}",
            f"URL:{base}{reverse('activities:detail', args=[activity.pk])}",
            "STATUS:" + ("CANCELLED" if activity.state == ActivityState.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
