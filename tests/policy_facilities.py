"""The declared access policy of the facilities (gongzhi.facilities), gathered into tests/policy.py.

Objects (tests/matrix_facilities.py): "same" is 青山村's (a bookable room needing approval with a photo, a pending
booking of it by a resident of 青山村 who is none of the actors), "other" 东街社区's (a room not shared with the
neighbours, a pending booking of it by 东街社区's staff). The standard's township is 永安镇 for both. Every actor has
a register entry of its own in 青山村 (tests/test_permission_matrix.py), so every signed-in actor sees and books
青山村's room, and none sees 东街社区's unshared room — but the township office, which reads every community of its
township (404 is the answer for what is out of reach). Who (gongzhi/facilities/rules.py): `facilities.keep`,
`decide` and `assist` — the community's staff; `view` and `export` (the gap table, usage, bookers named) — the
community's staff and the township office; `set_standard` and `keep_types` (the township's own types: 永安镇's in both relations) — the
township office; `cancel_booking` — the booker
or the community's staff. Writing requests are marked *.
"""

from tests.policy import ACTORS


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: bool = True) -> str:
    head = "GET           POST\nsame   other  same   other\n" if relations else "GET    POST\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


NO, ANON = ("403", "403", "403", "403"), ("login", "login", "login", "login")
STAFF, OFFICE = "community_staff", "township_admin"


def _flat(rows: dict, default: tuple[str, ...]) -> str:
    return _table({"anonymous": ("login", "login"), **rows}, default, relations=False)


def _staff_move() -> str:
    """A POSTed move on a booking that only the community's staff make."""
    return _table({"anonymous": ANON, STAFF: ("405", "405", "302*", "404")}, NO)


PART_PAGES: dict[str, str] = {
    "facilities:index": _flat({}, ("200", "405")),
    "facilities:detail": _table(
        {"anonymous": ANON, OFFICE: ("200", "200", "405", "405")}, ("200", "404", "405", "405")
    ),
    "facilities:photo": _table(
        {"anonymous": ANON, OFFICE: ("200", "200", "405", "405")}, ("200", "404", "405", "405")
    ),
    "facilities:edit": _table({"anonymous": ANON, STAFF: ("200", "404", "302*", "404")}, NO),
    "facilities:new": _table({"anonymous": ANON, STAFF: ("200", "404", "302*", "404")}, NO),
    # Every signed-in actor books 青山村's room; only the township office sees 东街社区's unshared one.
    "facilities:book": _table(
        {"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, ("405", "405", "302*", "404")
    ),
    "facilities:booking": _table(
        {"anonymous": ANON, STAFF: ("200", "404", "405", "405"), OFFICE: ("200", "200", "405", "405")},
        ("404", "404", "405", "405"),
    ),  # fmt: skip
    "facilities:approve": _staff_move(),
    "facilities:refuse": _staff_move(),
    # The booker or the staff cancel; the township office reads the booking but may not cancel it.
    "facilities:cancel": _table(
        {"anonymous": ANON, STAFF: ("405", "405", "302*", "404"), OFFICE: ("405", "405", "403", "403")},
        ("405", "405", "404", "404"),
    ),  # fmt: skip
    "facilities:gap": _flat({STAFF: ("200", "405"), OFFICE: ("200", "405")}, ("403", "403")),
    "facilities:export": _flat({STAFF: ("200*", "405"), OFFICE: ("200*", "405")}, ("403", "403")),
    "facilities:standard": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
    # The township's own facility types (the township office over 永安镇, both relations).
    "facilities:types": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
    "facilities:type_edit": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "facilities:type_retire": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
}


def _api_move(office: str = "403") -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), STAFF: ("405", "405", "200*", "404"),
         OFFICE: ("405", "405", office, office)},
        ("405", "405", "404", "404"),
    )  # fmt: skip


PART_API: dict[str, str] = {
    # GET and POST /api/v1/facilities share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/facilities": _table({"anonymous": ("401", "-")}, ("200", "-"), relations=False),
    "POST /api/v1/facilities": _table(
        {"anonymous": ("-", "-", "401", "401"), STAFF: ("-", "-", "201*", "404")}, ("-", "-", "403", "403")
    ),
    "GET /api/v1/facilities/{facility_id}": _table(
        {"anonymous": ("401", "401", "405", "405"), OFFICE: ("200", "200", "405", "405")},
        ("200", "404", "405", "405"),
    ),  # fmt: skip
    "POST /api/v1/facilities/{facility_id}/edit": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            STAFF: ("405", "405", "200*", "404"),
            OFFICE: ("405", "405", "403", "403"),
        },
        ("405", "405", "403", "404"),
    ),  # fmt: skip
    "POST /api/v1/facilities/{facility_id}/bookings": _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", "201*", "201*")},
        ("405", "405", "201*", "404"),
    ),  # fmt: skip
    "GET /api/v1/facilities/bookings/mine": _table(
        {"anonymous": ("401", "405")}, ("200", "405"), relations=False
    ),
    "GET /api/v1/facilities/bookings/pending": _table(
        {"anonymous": ("401", "405"), STAFF: ("200", "405")}, ("403", "405"), relations=False
    ),
    "GET /api/v1/facilities/bookings/{booking_id}": _table(
        {
            "anonymous": ("401", "401", "405", "405"),
            STAFF: ("200", "404", "405", "405"),
            OFFICE: ("200", "200", "405", "405"),
        },
        ("404", "404", "405", "405"),
    ),  # fmt: skip
    "POST /api/v1/facilities/bookings/{booking_id}/approve": _api_move(),
    "POST /api/v1/facilities/bookings/{booking_id}/refuse": _api_move(),
    "POST /api/v1/facilities/bookings/{booking_id}/cancel": _api_move(),
    "GET /api/v1/facilities/gap": _table(
        {"anonymous": ("401", "405"), STAFF: ("200", "405"), OFFICE: ("200", "405")},
        ("403", "405"),
        relations=False,
    ),
    "GET /api/v1/facilities/standards/{township_id}": _table(
        {"anonymous": ("401", "401", "-", "-"), OFFICE: ("200", "200", "-", "-")}, ("403", "403", "-", "-")
    ),
    "POST /api/v1/facilities/standards/{township_id}": _table(
        {"anonymous": ("-", "-", "401", "401"), OFFICE: ("-", "-", "200*", "200*")}, ("-", "-", "403", "403")
    ),
    "GET /api/v1/facilities/types/{township_id}": _table(
        {"anonymous": ("401", "401", "-", "-"), OFFICE: ("200", "200", "-", "-")}, ("403", "403", "-", "-")
    ),
    "POST /api/v1/facilities/types/{township_id}": _table(
        {"anonymous": ("-", "-", "401", "401"), OFFICE: ("-", "-", "201*", "201*")}, ("-", "-", "403", "403")
    ),
    "POST /api/v1/facilities/types/{township_id}/{type_id}/edit": _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", "200*", "200*")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
    "POST /api/v1/facilities/types/{township_id}/{type_id}/retire": _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", "200*", "200*")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
}
