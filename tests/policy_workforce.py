"""The declared access policy of the workforce (gongzhi.workforce), gathered into tests/policy.py.

Objects (tests/matrix_workforce.py): "same" is 青山村's (the community, a 网格员 in 1组网格 with a training record,
a purchased-services contract with its scan), "other" 东街社区's (the same kinds). Every actor has a register entry
of its own in 青山村 (tests/test_permission_matrix.py), so every signed-in actor sees 青山村's public list of who
serves it, and none 东街社区's but the township office. Who (gongzhi/workforce/rules.py): `workforce.keep`
(appoint, vacate, train, contracts) — the community's staff and the township office; `view` and `export` — the
same; `set_target` and `edit_posts` — the township office. Writing requests are marked *.
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


def _reader_page() -> str:
    return _table(
        {"anonymous": ANON, STAFF: ("200", "404", "405", "405"), OFFICE: ("200", "200", "405", "405")}, NO
    )


def _keeper_move() -> str:
    return _table(
        {"anonymous": ANON, STAFF: ("405", "405", "302*", "404"), OFFICE: ("405", "405", "302*", "302*")}, NO
    )


PART_PAGES: dict[str, str] = {
    "workforce:index": _flat({}, ("200", "405")),
    "workforce:posts": _flat({OFFICE: ("200", "302*")}, ("200", "403")),
    "workforce:staffing": _flat({STAFF: ("200", "405"), OFFICE: ("200", "405")}, ("403", "403")),
    # The default targets per kind of community: the readers see them, the township office edits them.
    "workforce:defaults": _flat({STAFF: ("200", "403"), OFFICE: ("200", "302*")}, ("403", "403")),
    "workforce:export": _flat({STAFF: ("200*", "405"), OFFICE: ("200*", "405")}, ("403", "403")),
    "workforce:community": _reader_page(),
    # Every signed-in actor is on 青山村's register: its public list; 东街社区's only for the township office.
    "workforce:public": _table(
        {"anonymous": ANON, OFFICE: ("200", "200", "405", "405")}, ("200", "404", "405", "405")
    ),
    "workforce:appoint": _keeper_move(),
    "workforce:target": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
    "workforce:contract_new": _table(
        {"anonymous": ANON, STAFF: ("200", "404", "302*", "404"), OFFICE: ("200", "200", "302*", "302*")}, NO
    ),
    "workforce:appointment": _reader_page(),
    "workforce:vacate": _keeper_move(),
    "workforce:train": _keeper_move(),
    "workforce:contract": _reader_page(),
    "workforce:contract_scan": _reader_page(),
}

API_ANON_POST, API_ANON_GET = ("405", "405", "401", "401"), ("401", "401", "405", "405")


def _api_write(ok: str) -> str:
    """A POST on an object of a community: its keepers write, anyone else out of reach is 404."""
    return _table(
        {"anonymous": API_ANON_POST, STAFF: ("405", "405", ok, "404"), OFFICE: ("405", "405", ok, ok)},
        ("405", "405", "404", "404"),
    )


def _api_create(ok: str) -> str:
    """A POST naming its community in the body: not a keeper anywhere is 403, outside the keeper's reach 404."""
    return _table(
        {"anonymous": API_ANON_POST, STAFF: ("405", "405", ok, "404"), OFFICE: ("405", "405", ok, ok)},
        ("405", "405", "403", "403"),
    )


def _api_read(default: tuple[str, ...]) -> str:
    return _table(
        {
            "anonymous": API_ANON_GET,
            STAFF: ("200", "404", "405", "405"),
            OFFICE: ("200", "200", "405", "405"),
        },
        default,
    )


PART_API: dict[str, str] = {
    # GET and POST /api/v1/workforce/posts share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/workforce/posts": _table({"anonymous": ("401", "-")}, ("200", "-"), relations=False),
    "POST /api/v1/workforce/posts": _table(
        {"anonymous": ("-", "401"), OFFICE: ("-", "201*")}, ("-", "403"), relations=False
    ),
    "POST /api/v1/workforce/posts/{post_type_id}": _table(
        {"anonymous": API_ANON_POST, OFFICE: ("405", "405", "200*", "200*")}, ("405", "405", "403", "403")
    ),
    "GET /api/v1/workforce/staffing": _table(
        {"anonymous": ("401", "405"), STAFF: ("200", "405"), OFFICE: ("200", "405")},
        ("403", "405"),
        relations=False,
    ),
    "POST /api/v1/workforce/appointments": _api_create("201*"),
    "GET /api/v1/workforce/appointments/{appointment_id}": _api_read(("404", "404", "405", "405")),
    "POST /api/v1/workforce/appointments/{appointment_id}/vacate": _api_write("200*"),
    "POST /api/v1/workforce/appointments/{appointment_id}/trainings": _api_write("201*"),
    "POST /api/v1/workforce/contracts": _api_create("201*"),
    "GET /api/v1/workforce/contracts/{contract_id}": _api_read(("404", "404", "405", "405")),
    "GET /api/v1/workforce/communities/{community_id}/public": _table(
        {"anonymous": API_ANON_GET, OFFICE: ("200", "200", "405", "405")}, ("200", "404", "405", "405")
    ),
    "GET /api/v1/workforce/communities/{community_id}/appointments": _api_read(("403", "403", "405", "405")),
    "GET /api/v1/workforce/communities/{community_id}/gap": _api_read(("403", "403", "405", "405")),
    "POST /api/v1/workforce/communities/{community_id}/target": _table(
        {"anonymous": API_ANON_POST, OFFICE: ("405", "405", "200*", "200*")}, ("405", "405", "403", "403")
    ),
    "GET /api/v1/workforce/defaults": _table(
        {"anonymous": ("401", "405"), STAFF: ("200", "405"), OFFICE: ("200", "405")},
        ("403", "405"),
        relations=False,
    ),
    "POST /api/v1/workforce/defaults/{community_type}": _table(
        {"anonymous": API_ANON_POST, OFFICE: ("405", "405", "200*", "200*")}, ("405", "405", "403", "403")
    ),
}
