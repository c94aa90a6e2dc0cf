"""The declared access policy of the count's write pages (gongzhi.elections.views.count_entry), gathered into
tests/policy.py.

Objects (tests/matrix_elections_entry.py): for each relation — "same" 青山村, "other" 东街社区 — one election per
stage of the day, each in a round of its own: a box counted by one clerk (the township office's account), a poll
whose box both clerks agree on, a signed poll, an announced result, a filed result. Who
(gongzhi/elections/rules.py): `elections.run` over the election — the community's staff and the township office;
the supervisory committee and the township's reviewer read the election but do not run it (403); anyone else
finds nothing (404), as for an election that does not exist. Installing the committee also needs
`bodies.manage` over the community (the same staff and office here). Every page is a form (GET) and its move
(POST): a success writes and redirects (302*); a refusal comes back on the form with its message (400) and
writes nothing: the township office entering a box it has already entered (the same clerk twice). A clerk
corrects only their own sheet: the community's staff have none in the box (404).
"""

from tests.policy import ACTORS

SO = ("same", "other")


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...]) -> str:
    lines = [
        "GET" + " " * (7 * len(SO) - 3) + "POST\n",
        "".join(f"{r:<7}" for r in SO * 2).rstrip() + "\n",
    ]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        assert len(cells) == 2 * len(SO), (actor, cells)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


def _run(staff: tuple[str, str] = ("200", "302*"), admin: tuple[str, str] = ("200", "302*")) -> str:
    """A form and its move on one election of 青山村 (same) or 东街社区 (other): (GET, POST) for 青山村's staff and
    for the township office; readers who do not run it 403; anyone else 404."""
    return _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": (staff[0], "404", staff[1], "404"),
            "supervisor": ("403", "404", "403", "404"),
            "township_admin": (admin[0], admin[0], admin[1], admin[1]),
            "township_reviewer": ("403",) * 4,
        },
        ("404",) * 4,
    )


PART_PAGES: dict[str, str] = {
    # A box entered by the township office's account only: 青山村's staff enter the second sheet; the office is
    # refused a second sheet of its own (the same clerk twice, 400, nothing written).
    "elections:sheet_enter": _run(admin=("200", "400")),
    # The same box: the office corrects its own sheet; the staff have no sheet there to correct (404).
    "elections:sheet_correct": _run(staff=("404", "404")),
    # Both sheets in and agreeing: two voters of the roll who are not candidates sign.
    "elections:poll_sign_off": _run(),
    # A signed poll: its tally, then the announcement.
    "elections:poll_announce": _run(),
    # An announced result: filed with the township.
    "elections:result_file": _run(),
    # A filed result: the elected take their posts in the bodies (elections.run and bodies.manage).
    "elections:committee_install": _run(),
}
