"""The declared access policy of the township's oversight page (gongzhi.oversight), gathered into tests/policy.py.

Objects (tests/matrix_oversight.py): a township — "same" 永安镇, "other" a township of its own (督导外镇) that no
actor holds a role in — and a community — "same" 青山村, "other" 东街社区, both of 永安镇. Who
(gongzhi/oversight/rules.py): `oversight.view` and `export` — the township office and the township's department
officers (a county role, when one exists, would cover its townships by area). Everyone else is refused; a township
or community outside the reader's area is 404. The exports (Excel, PDF) are audited and marked *.
"""

from tests.policy import ACTORS


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: bool = True) -> str:
    head = "GET           POST\nsame   other  same   other\n" if relations else "GET    POST\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


OFFICE, OFFICER = "township_admin", "township_reviewer"
NO, ANON = ("403", "403", "403", "403"), ("login", "login", "login", "login")
API_NO, API_ANON = ("403", "403", "405", "405"), ("401", "401", "405", "405")


def _readers(cells: tuple[str, ...], anonymous: tuple[str, ...] = ANON, default: tuple[str, ...] = NO) -> str:
    return _table({"anonymous": anonymous, OFFICE: cells, OFFICER: cells}, default)


PART_PAGES: dict[str, str] = {
    "oversight:index": _table(
        {"anonymous": ("login", "login"), OFFICE: ("302", "405"), OFFICER: ("302", "405")},
        ("403", "403"),
        relations=False,
    ),
    "oversight:township": _readers(("200", "404", "405", "405")),
    "oversight:export": _readers(("200*", "404", "405", "405")),
    "oversight:community": _readers(("200", "200", "405", "405")),
    "oversight:report": _readers(("200*", "200*", "405", "405")),
    # The county forms: the township office only (its reviewer reads the typed-twice figure on the page).
    "oversight:forms": _table({"anonymous": ANON, OFFICE: ("200", "404", "302*", "404")}, NO),
    "oversight:form": _table({"anonymous": ANON, OFFICE: ("200", "404", "302*", "404")}, NO),
    "oversight:form_download": _table({"anonymous": ANON, OFFICE: ("200*", "404", "405", "405")}, NO),
}

PART_API: dict[str, str] = {
    "GET /api/v1/oversight/townships": _table(
        {"anonymous": ("401", "405"), OFFICE: ("200", "405"), OFFICER: ("200", "405")},
        ("403", "405"),
        relations=False,
    ),
    "GET /api/v1/oversight/townships/{township_id}/indicators": _readers(
        ("200", "404", "405", "405"), API_ANON, API_NO
    ),
    "GET /api/v1/oversight/townships/{township_id}/export": _readers(
        ("200*", "404", "405", "405"), API_ANON, API_NO
    ),
    "GET /api/v1/oversight/communities/{community_id}/year": _readers(
        ("200", "200", "405", "405"), API_ANON, API_NO
    ),
    "GET /api/v1/oversight/communities/{community_id}/report": _readers(
        ("200*", "200*", "405", "405"), API_ANON, API_NO
    ),
    "GET /api/v1/oversight/townships/{township_id}/forms": _table(
        {"anonymous": ("401", "401", "-", "-"), OFFICE: ("200", "404", "-", "-")}, ("403", "403", "-", "-")
    ),  # the POST of the same path has its own row
    "POST /api/v1/oversight/townships/{township_id}/forms": _table(
        {"anonymous": ("-", "-", "401", "401"), OFFICE: ("-", "-", "201*", "404")}, ("-", "-", "403", "403")
    ),
    "GET /api/v1/oversight/forms/{form_id}/facts": _table(
        {"anonymous": ("401", "401", "-", "-"), OFFICE: ("200", "404", "-", "-")}, ("403", "403", "-", "-")
    ),  # the POST of the same path has its own row
    "POST /api/v1/oversight/forms/{form_id}/facts": _table(
        {"anonymous": ("-", "-", "401", "401"), OFFICE: ("-", "-", "200*", "404")}, ("-", "-", "403", "403")
    ),
    "GET /api/v1/oversight/forms/{form_id}/filled": _table(
        {"anonymous": API_ANON, OFFICE: ("200*", "404", "405", "405")}, API_NO
    ),
    "GET /api/v1/oversight/townships/{township_id}/typed-twice": _readers(
        ("200", "404", "405", "405"), API_ANON, API_NO
    ),
}
