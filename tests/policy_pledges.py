"""The declared access policy of the party members' pledges (双亮, gongzhi.pledges), gathered into tests/policy.py.

Objects (tests/matrix_pledges.py): "same" is 青山村's (the community; a party member without a pledge this year;
a pledge waiting for approval; an approved pledge shown on the public page), "other" 东街社区's. The party_member
actor's own register entry is recorded as a party member (中共党员), so their row shows what a member may do
with their own pledge. Who (gongzhi/pledges/rules.py): `pledges.keep` and `pledges.approve` — the community's
staff over it and the township office; `pledges.view` — those and the supervisory committee, and the member;
`pledges.posts` — the township office; `pledges.coverage` — the township office, the community's staff and its
supervisory committee. Outside the viewer's reach is 404, as what does not exist; a reader who may not do it is
refused (403). Writing requests are marked *.
"""

from tests.policy import ACTORS


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: bool = True) -> str:
    head = "GET           POST\nsame   other  same   other\n" if relations else "GET    POST\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


ANON = ("login", "login", "login", "login")
NO = ("403", "403", "403", "403")


def _own_page() -> str:
    """The member's own page (their pledge, their privacy choices): only a party member of the register."""
    return _table({"anonymous": ("login", "login"), "party_member": ("200", "302*")}, ("403", "403"),
                  relations=False)  # fmt: skip


def _keep_form() -> str:
    """Writing for a member, or recording their paper consent: the keepers over the member."""
    return _table(
        {"anonymous": ANON, "community_staff": ("200", "404", "302*", "404"),
         "township_admin": ("200", "200", "302*", "302*")},
        NO,
    )  # fmt: skip


def _pledge_move() -> str:
    """A move on one pledge (approve, return, close): the keepers; a reader who may not is refused."""
    return _table(
        {"anonymous": ("405", "405", "login", "login"), "community_staff": ("405", "405", "302*", "404"),
         "supervisor": ("405", "405", "403", "404"), "township_admin": ("405", "405", "302*", "302*")},
        ("405", "405", "404", "404"),
    )  # fmt: skip


PART_PAGES: dict[str, str] = {
    "pledges:index": _table({"anonymous": ("login", "405")}, ("200", "405"), relations=False),
    "pledges:write": _own_page(),
    "pledges:privacy": _own_page(),
    "pledges:write_for": _keep_form(),
    "pledges:privacy_for": _keep_form(),
    "pledges:community": _table(
        {
            "anonymous": ("login", "login", "405", "405"),
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
        ("403", "403", "405", "405"),
    ),  # fmt: skip
    "pledges:pledge": _table(
        {
            "anonymous": ("login", "login", "405", "405"),
            **{a: ("200", "404", "405", "405") for a in ("community_staff", "supervisor")},
            "township_admin": ("200", "200", "405", "405"),
        },
        ("404", "404", "405", "405"),
    ),  # fmt: skip
    "pledges:revise": _table(
        {
            "anonymous": ANON,
            "community_staff": ("200", "404", "302*", "404"),
            "supervisor": ("403", "404", "403", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
        },
        ("404", "404", "404", "404"),
    ),  # fmt: skip
    "pledges:approve": _pledge_move(),
    "pledges:return": _pledge_move(),
    "pledges:close": _pledge_move(),
    # The 先锋岗 list: the township office.
    "pledges:posts": _table(
        {"anonymous": ("login", "login"), "township_admin": ("200", "302*")}, ("403", "403"), relations=False
    ),  # fmt: skip
    "pledges:post_active": _table(
        {"anonymous": ("405", "login"), "township_admin": ("405", "302*")}, ("405", "403"), relations=False
    ),  # fmt: skip
    "pledges:coverage": _table(
        {
            "anonymous": ("login", "405"),
            **{a: ("200", "405") for a in ("community_staff", "supervisor", "township_admin")},
        },
        ("403", "405"),
        relations=False,
    ),  # fmt: skip
    # Public: the communities, and a community's members who chose to be shown (approved versions only).
    "pledges:boards": _table({}, ("200", "405"), relations=False),
    "pledges:board": _table({}, ("200", "200", "405", "405")),
}


def _api_move(ok: str = "200*") -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", ok, "404"),
         "supervisor": ("405", "405", "403", "404"), "township_admin": ("405", "405", ok, ok)},
        ("405", "405", "404", "404"),
    )  # fmt: skip


PART_API: dict[str, str] = {
    "GET /api/v1/pledges/posts": _table({"anonymous": ("401", "405")}, ("200", "405"), relations=False),
    "GET /api/v1/pledges/coverage": _table(
        {
            "anonymous": ("401", "405"),
            **{a: ("200", "405") for a in ("community_staff", "supervisor", "township_admin")},
        },
        ("403", "405"),
        relations=False,
    ),  # fmt: skip
    # GET and POST /api/v1/pledges share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/pledges": _table({"anonymous": ("401", "-")}, ("200", "-"), relations=False),
    # Staff write for a member of their community (the member's own writing is shown in tests/pledges).
    "POST /api/v1/pledges": _table(
        {
            "anonymous": ("-", "-", "401", "401"),
            "community_staff": ("-", "-", "201*", "404"),
            "township_admin": ("-", "-", "201*", "201*"),
        },
        ("-", "-", "403", "403"),
    ),  # fmt: skip
    "GET /api/v1/pledges/{pledge_id}": _table(
        {
            "anonymous": ("401", "401", "405", "405"),
            **{a: ("200", "404", "405", "405") for a in ("community_staff", "supervisor")},
            "township_admin": ("200", "200", "405", "405"),
        },
        ("404", "404", "405", "405"),
    ),  # fmt: skip
    "POST /api/v1/pledges/{pledge_id}/revise": _api_move(),
    "POST /api/v1/pledges/{pledge_id}/approve": _api_move(),
    "POST /api/v1/pledges/{pledge_id}/return": _api_move(),
    "POST /api/v1/pledges/{pledge_id}/close": _api_move(),
    "POST /api/v1/pledges/members/{resident_id}/privacy": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", "200*", "404"),
            "township_admin": ("405", "405", "200*", "200*"),
        },
        ("405", "405", "404", "404"),
    ),  # fmt: skip
    "GET /api/v1/pledges/board/{community_id}": _table(
        {"anonymous": ("401", "401", "405", "405")}, ("200", "200", "405", "405")
    ),
}
