"""The declared access policy of pairing (gongzhi.pairing), gathered into tests/policy.py.

Objects (tests/matrix_pairing.py): "same" is 青山村's (the community, a household the aim names and not yet
paired, a paired household's active pair), "other" 东街社区's. Who (gongzhi/pairing/rules.py): `pairing.view` and
`pairing.export` — a community's staff over it and the township office over the township; `pairing.keep` (pair,
re-pair, end, declines) — the community's staff; `pairing.set_aim` — the township office; `pairing.visit` — the
keepers and the pair's own party member (a resident of the register linked to their account: none of the actors
here, so the others are answered 404). "Mine" is every signed-in user's: every actor has a household of its own in
1组网格 (tests/test_permission_matrix.py), so each may choose a party member of that grid or decline — a write.
Outside the viewer's reach is 404, as what does not exist. Writing requests are marked *.
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
SIGNED_IN = tuple(a for a in ACTORS if a != "anonymous")


def _list_page(ok: str = "200") -> str:
    return _table({"anonymous": ("login", "login"), "community_staff": (ok, "405"), "township_admin": (ok, "405")},
                  ("403", "403"), relations=False)  # fmt: skip


def _keep_post() -> str:
    """A write on a household or pair of a community: its staff."""
    return _table({"anonymous": ANON, "community_staff": ("405", "405", "302*", "404")}, NO)


PART_PAGES: dict[str, str] = {
    "pairing:index": _list_page(),
    "pairing:export": _list_page("200*"),  # the export is an audit event
    "pairing:aims": _table(
        {"anonymous": ("login", "login"), "township_admin": ("200", "405")}, ("403", "403"), relations=False
    ),  # fmt: skip
    "pairing:aim": _table({"anonymous": ANON, "township_admin": ("200", "200", "302*", "302*")}, NO),
    "pairing:community": _table(
        {
            "anonymous": ANON,
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
        NO,
    ),  # fmt: skip
    "pairing:household": _table(
        {
            "anonymous": ANON,
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
        NO,
    ),  # fmt: skip
    "pairing:pair": _keep_post(),
    "pairing:decline": _keep_post(),
    "pairing:end": _keep_post(),
    # Visits: the pair's member or the community's staff; the township office reads the pair but may not write.
    "pairing:visit": _table(
        {
            "anonymous": ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "township_admin": ("405", "405", "403", "403"),
        },
        ("405", "405", "404", "404"),
    ),  # fmt: skip
    "pairing:mine": _table({"anonymous": ("login", "login")}, ("200", "405"), relations=False),
    "pairing:choose": _table({"anonymous": ("login", "login")}, ("405", "302*"), relations=False),
    "pairing:mine_decline": _table({"anonymous": ("login", "login")}, ("405", "302*"), relations=False),
}


def _api_read() -> str:
    return _table(
        {"anonymous": ("401", "401", "405", "405"), "community_staff": ("200", "404", "405", "405"),
         "township_admin": ("200", "200", "405", "405")},
        ("404", "404", "405", "405"),
    )  # fmt: skip


def _api_keep(ok: str) -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", ok, "404"),
         "township_admin": ("405", "405", "403", "403")},
        ("405", "405", "404", "404"),
    )  # fmt: skip


PART_API: dict[str, str] = {
    # GET and POST /api/v1/pairing/aims share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/pairing/aims": _table(
        {"anonymous": ("401", "-"), "community_staff": ("200", "-"), "township_admin": ("200", "-")},
        ("403", "-"),
        relations=False,
    ),  # fmt: skip
    "POST /api/v1/pairing/aims": _table(
        {"anonymous": ("-", "-", "401", "401"), "township_admin": ("-", "-", "200*", "200*")},
        ("-", "-", "403", "403"),
    ),  # fmt: skip
    "GET /api/v1/pairing/coverage": _table(
        {"anonymous": ("401", "405"), "community_staff": ("200", "405"), "township_admin": ("200", "405")},
        ("403", "405"),
        relations=False,
    ),  # fmt: skip
    "GET /api/v1/pairing/communities/{community_id}/map": _api_read(),
    "GET /api/v1/pairing/households/{household_id}": _api_read(),
    "POST /api/v1/pairing/households/{household_id}/pair": _api_keep("201*"),
    "POST /api/v1/pairing/households/{household_id}/decline": _api_keep("200*"),
    "POST /api/v1/pairing/pairs/{pair_id}/visits": _api_keep("201*"),
    "GET /api/v1/pairing/mine": _table({"anonymous": ("401", "405")}, ("200", "405"), relations=False),
    "POST /api/v1/pairing/mine/choose": _table(
        {"anonymous": ("405", "401")}, ("405", "201*"), relations=False
    ),
    "POST /api/v1/pairing/mine/decline": _table(
        {"anonymous": ("405", "401")}, ("405", "200*"), relations=False
    ),
}
