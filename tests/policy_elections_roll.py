"""The declared access policy of the round, the committee and the roll (gongzhi.elections), gathered into
tests/policy.py.

Objects (tests/matrix_elections_roll.py): one round of 永安镇 (round pages take no relation); an election per
relation — "same" 青山村, "other" 东街社区 — each with its committee's chair, a roll of people of its own (no
planted resident is on a roll) published today, an open objection and a household whose members may hold each
other's proxy. Who (gongzhi/elections/rules.py): the round and its board are the township office's (the
township's reviewer reads them); a community's election is read by its staff, its supervisory committee and the
township, and run (committee, roll, objections, proxies) by its staff and the township office. An election out
of reach is 404, as one that does not exist; a reader who may not run it is refused (403). The published roll's
page is open to every signed-in resident of the community, who files an objection there as themself; its counts
are public. Printing a paper is audited (200*). Writing requests are marked *; a refused move (the roll already
published, results not filed, the community already in the round) comes back (302) with its message, unchanged.
"""

from tests.policy import ACTORS

SO = ("same", "other")


def _table(
    rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: tuple[str, ...] = SO
) -> str:
    lines = ["GET    POST\n"]
    if relations:
        lines = [
            "GET" + " " * (7 * len(relations) - 3) + "POST\n",
            "".join(f"{r:<7}" for r in relations * 2).rstrip() + "\n",
        ]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        assert len(cells) == 2 * max(1, len(relations)), (actor, cells)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


def _election_read(get: str, post: str = "405") -> str:
    """A GET page of one election: its readers; anyone else 404."""
    return _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": (get, "404", post, post),
            "supervisor": (get, "404", post, post),
            "township_admin": (get, get, post, post),
            "township_reviewer": (get, get, post, post),
        },
        ("404", "404", post, post),
    )


def _election_move(staff: str, admin: str | None = None) -> str:
    """A POST move on one election: its runners (`staff` over 青山村, the township `admin` over both); readers
    who do not run it 403; anyone else 404."""
    admin = admin or staff
    return _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": ("405", "405", staff, "404"),
            "supervisor": ("405", "405", "403", "404"),
            "township_admin": ("405", "405", admin, admin),
            "township_reviewer": ("405", "405", "403", "403"),
        },
        ("405", "405", "404", "404"),
    )


def _round(get: str, post: str, *, post_others: str = "404", get_others: str = "404") -> str:
    """A page of the round (no relation): the township office, its reviewer reads; community roles 404."""
    return _table(
        {
            "anonymous": ("login", "login"),
            "township_admin": (get, post),
            "township_reviewer": (get if get != "405" else "405", "403" if post != "405" else "405"),
        },
        (get_others, post_others),
        (),
    )


_SIGNED_IN = ("200", "404", "302*", "404")

PART_PAGES: dict[str, str] = {
    # The rounds the viewer reads (none for community roles); the township office opens one.
    "elections:rounds": _table(
        {"anonymous": ("login", "login"), "township_admin": ("200", "302*")}, ("200", "403"), ()
    ),
    # The board; adding a community already in the round is refused with its message (302, nothing written).
    "elections:round": _round("200", "302"),
    "elections:round_practice": _round("405", "302*", get_others="405"),
    # Closing while results are not filed is refused with its message.
    "elections:round_close": _round("405", "302", get_others="405"),
    "elections:round_export": _round("200", "405", post_others="405"),
    "elections:election": _election_read("200"),
    # The day and seats are the township's, and fixed once the roll is published (refused: 302).
    "elections:election_edit": _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": ("405", "405", "403", "404"),
            "supervisor": ("405", "405", "403", "404"),
            "township_admin": ("405", "405", "302", "302"),
            "township_reviewer": ("405", "405", "403", "403"),
        },
        ("405", "405", "404", "404"),
    ),
    "elections:committee_add": _election_move("302*"),
    "elections:committee_leave": _election_move("302*"),
    # The roll is published: generating again and publishing again are refused with their message.
    "elections:roll_generate": _election_move("302"),
    "elections:roll_publish": _election_move("302"),
    "elections:voter_add": _election_move("302*"),
    "elections:voter_remove": _election_move("302*"),
    "elections:objection_answer": _election_move("302*"),
    "elections:proxy_add": _election_move("302*"),
    # The signed 委托书's scan: the election's readers see it (never public, 404 beyond); its runners attach one.
    "elections:proxy_scan": _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": ("200", "404", "302*", "404"),
            "supervisor": ("200", "404", "403", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
            "township_reviewer": ("200", "200", "403", "403"),
        },
        ("404",) * 4,
    ),
    "elections:proxy_withdraw": _election_move("302*"),
    "elections:paper": _election_read("200*"),
    # The published roll for the community's signed-in residents (every actor has a register entry in 青山村),
    # who object there as themselves; 东街社区's readers read it, and object to nothing there (404).
    "elections:voters": _table(
        {
            "anonymous": ("login",) * 4,
            "township_admin": ("200", "200", "302*", "404"),
            "township_reviewer": ("200", "200", "302*", "404"),
        },
        _SIGNED_IN,
    ),
    # The published roll's counts: public, never a name.
    "elections:public": _table({}, ("200", "200", "405", "405")),
}


def _api_read(get: str = "200") -> str:
    return _table(
        {
            "anonymous": ("401", "401", "405", "405"),
            "community_staff": (get, "404", "405", "405"),
            "supervisor": (get, "404", "405", "405"),
            "township_admin": (get, get, "405", "405"),
            "township_reviewer": (get, get, "405", "405"),
        },
        ("404", "404", "405", "405"),
    )


def _api_move(staff: str, admin: str | None = None) -> str:
    admin = admin or staff
    return _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", staff, "404"),
            "supervisor": ("405", "405", "403", "404"),
            "township_admin": ("405", "405", admin, admin),
            "township_reviewer": ("405", "405", "403", "403"),
        },
        ("405", "405", "404", "404"),
    )


def _sibling(table: str, method: str) -> str:
    """An operation sharing its path with another method's: that method's columns are the sibling's ("-")."""
    lines = table.splitlines(keepends=True)
    out = lines[:2]
    for line in lines[2:]:
        actor, cells = line[:22], line[22:].split()
        half = len(cells) // 2
        cells = ["-"] * half + cells[half:] if method == "POST" else cells[:half] + ["-"] * half
        out.append(actor + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(out)


PART_API: dict[str, str] = {
    "GET /api/v1/elections/rounds/{round_id}": _table(
        {"anonymous": ("401", "405"), "township_admin": ("200", "405"), "township_reviewer": ("200", "405")},
        ("404", "405"),
        (),
    ),
    # Adding a community already in the round: refused (409, nothing written).
    "POST /api/v1/elections/rounds/{round_id}/elections": _table(
        {"anonymous": ("405", "401"), "township_admin": ("405", "409"), "township_reviewer": ("405", "403")},
        ("405", "404"),
        (),
    ),
    "POST /api/v1/elections/{election_id}/committee": _api_move("201*"),
    "GET /api/v1/elections/{election_id}/roll": _api_read(),
    "POST /api/v1/elections/{election_id}/roll/generate": _api_move("400"),
    "POST /api/v1/elections/{election_id}/roll/publish": _api_move("400"),
    "POST /api/v1/elections/{election_id}/voters": _api_move("201*"),
    "POST /api/v1/elections/voters/{voter_id}/remove": _api_move("200*"),
    "POST /api/v1/elections/objections/{objection_id}/answer": _api_move("200*"),
    "POST /api/v1/elections/{election_id}/proxies": _sibling(_api_move("201*"), "POST"),
    "GET /api/v1/elections/{election_id}/proxies": _sibling(_api_read(), "GET"),
    "POST /api/v1/elections/{election_id}/proxies-with-scan": _api_move("201*"),
    # The scan: its readers download it; its runners attach one (multipart).
    "GET /api/v1/elections/proxies/{proxy_id}/scan": _sibling(_api_read(), "GET"),
    "POST /api/v1/elections/proxies/{proxy_id}/scan": _sibling(_api_move("200*"), "POST"),
    "POST /api/v1/elections/proxies/{proxy_id}/withdraw": _api_move("200*"),
    # As on the page: every signed-in resident of 青山村 objects as themself; nobody in 东街社区 (404).
    "POST /api/v1/elections/{election_id}/objections": _table(
        {"anonymous": ("405", "405", "401", "401")}, ("405", "405", "201*", "404")
    ),
}
