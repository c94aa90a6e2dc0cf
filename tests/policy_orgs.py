"""The declared access policy of the registry of social organisations (gongzhi.orgs), gathered into
tests/policy.py.

Objects (tests/matrix_orgs.py): "same" is a registered group filed with 青山村, "other" one filed with 东街社区
(for registering: the home 青山村 or 东街社区). Who (gongzhi/orgs/rules.py): `orgs.view` — the township office
and its departments, a community's staff and supervisory committee over their areas, and an organisation's
representatives (here the volunteer, of "same"); `orgs.keep` (register, correct, move the state, name
representatives) — the township office and the community's staff over the organisation's home;
`orgs.edit_profile` — the keepers and the organisation's representatives. An organisation outside the viewer's
reach is 404, as one that does not exist; a reader who may not do it is refused (403). Each community's page of
its registered organisations is public. Writing POSTs are marked *.
"""

from tests.policy import ACTORS


def _table(default: tuple[str, ...], rows: dict[str, tuple[str, ...]], relations: bool = True) -> str:
    """A table: every actor's cells are `default` unless `rows` names them; with or without same/other."""
    head = "GET           POST\n" + ("same   other  same   other\n" if relations else "")
    if not relations:
        head = "GET    POST\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


_NO = ("403", "403", "403", "403")
_ANON = ("login", "login", "login", "login")
_READERS_OVER_VILLAGE = ("community_staff", "supervisor", "volunteer")

PART_PAGES: dict[str, str] = {
    # The list: readers and representatives.
    "orgs:index": _table(
        ("403", "403"),
        {
            "anonymous": ("login", "login"),
            **{a: ("200", "405") for a in ("community_staff", "supervisor", "volunteer")},
            "township_admin": ("200", "405"),
            "township_reviewer": ("200", "405"),
        },
        relations=False,
    ),
    # Register at a home (青山村 / 东街社区): its keepers.
    "orgs:new": _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("200", "404", "302*", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
        },
    ),
    # One organisation: readers over its home and its representatives.
    "orgs:detail": _table(
        _NO,
        {
            "anonymous": _ANON,
            **{a: ("200", "404", "405", "405") for a in _READERS_OVER_VILLAGE},
            "township_admin": ("200", "200", "405", "405"),
            "township_reviewer": ("200", "200", "405", "405"),
        },
    ),
    # Correct the registration: its keepers (readers who do not keep: 403 at the door).
    "orgs:edit": _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("200", "404", "302*", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
        },
    ),
    # The profile: its keepers and its representatives.
    "orgs:profile": _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("200", "404", "302*", "404"),
            "volunteer": ("200", "404", "302*", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
        },
    ),
    # The state (here: suspend with a reason): its keepers; never its representatives.
    "orgs:move": _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "township_admin": ("405", "405", "302*", "302*"),
        },
    ),
    "orgs:representative_add": _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "township_admin": ("405", "405", "302*", "302*"),
        },
    ),
    "orgs:representative_remove": _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "township_admin": ("405", "405", "302*", "302*"),
        },
    ),
    # A community's registered organisations: public, no login.
    "orgs:public": _table(("200", "200", "405", "405"), {}),
}


def _api_write(ok: str) -> str:
    """A write on one organisation: its keepers; a reader who may not: 403; anyone else 404."""
    return _table(
        ("405", "405", "404", "404"),
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", ok, "404"),
            "supervisor": ("405", "405", "403", "404"),
            "volunteer": ("405", "405", "403", "404"),
            "township_admin": ("405", "405", ok, ok),
            "township_reviewer": ("405", "405", "403", "403"),
        },
    )


PART_API: dict[str, str] = {
    # GET and POST /api/v1/orgs share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/orgs": _table(
        ("403", "-"),
        {
            "anonymous": ("401", "-"),
            **{a: ("200", "-") for a in ("community_staff", "supervisor", "volunteer")},
            "township_admin": ("200", "-"),
            "township_reviewer": ("200", "-"),
        },
        relations=False,
    ),
    "POST /api/v1/orgs": _table(
        ("-", "-", "403", "403"),
        {
            "anonymous": ("-", "-", "401", "401"),
            "community_staff": ("-", "-", "201*", "404"),
            "township_admin": ("-", "-", "201*", "201*"),
        },
    ),
    "GET /api/v1/orgs/{org_id}": _table(
        ("404", "404", "405", "405"),
        {
            "anonymous": ("401", "401", "405", "405"),
            **{a: ("200", "404", "405", "405") for a in _READERS_OVER_VILLAGE},
            "township_admin": ("200", "200", "405", "405"),
            "township_reviewer": ("200", "200", "405", "405"),
        },
    ),
    "POST /api/v1/orgs/{org_id}/change": _api_write("200*"),
    "POST /api/v1/orgs/{org_id}/profile": _api_write("200*").replace(
        "volunteer             405    405    403", "volunteer             405    405    200*"
    ),
    "POST /api/v1/orgs/{org_id}/move": _api_write("200*"),
    "POST /api/v1/orgs/{org_id}/representatives": _api_write("201*"),
    "POST /api/v1/orgs/{org_id}/representatives/{assignment_id}/remove": _api_write("200*"),
}
