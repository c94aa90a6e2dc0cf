"""The declared access policy of the count (gongzhi.elections: candidates, the count, the result), gathered into
tests/policy.py.

Objects (tests/matrix_elections_count.py): "same" is 青山村's election, "other" 东街社区's, each with its
candidates published, one box counted by two clerks, signed by the scrutineers and announced. Who
(gongzhi/elections/rules.py): `elections.view` — the community's staff, the supervisory committee, the
township office and its reviewers. A poll outside the viewer's reach is 404, as one that does not exist. The
public notice of an announced result (names of the elected, votes per candidate) needs no account. The pages
only read: a POST is 405.

The count's pages are reached through the poll's election (its readers, and its committee's seated members who
may hold no role): anyone else is 404, as for a poll that does not exist.

The candidate and election-day pages (views/candidates.py) are forms of the election's runners
(`elections.run`: the community's staff, the township office, the committee's seated members); a reader who
does not run it (the supervisory committee, the township's reviewer) is refused (403), anyone else 404. A
write marked * records the nomination, the decision, the box, its paper, the recall or its vote; a refusal the
action raises (publishing with a nomination pending) re-renders the form with its message (400), unchanged.
"""

from tests.policy import ACTORS

SO = ("same", "other")


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...]) -> str:
    lines = ["GET" + " " * 11 + "POST\n", "".join(f"{r:<7}" for r in SO * 2).rstrip() + "\n"]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        assert len(cells) == 4, (actor, cells)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


def _run_form(post: str, get: str = "200") -> str:
    """A form page of one election's runners: GET the form, POST it (`post` for the runners)."""
    return _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": (get, "404", post, "404"),
            "supervisor": ("403", "404", "403", "404"),
            "township_admin": (get, get, post, post),
            "township_reviewer": ("403", "403", "403", "403"),
        },
        ("404",) * 4,
    )


def _read_page(get: str = "200") -> str:
    """A page of one poll's readers (and its committee's seated members): anyone else 404; a POST 405."""
    return _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": (get, "404", "405", "405"),
            "supervisor": (get, "404", "405", "405"),
            "township_admin": (get, get, "405", "405"),
            "township_reviewer": (get, get, "405", "405"),
        },
        ("404", "404", "405", "405"),
    )


PART_PAGES: dict[str, str] = {
    # A poll's boxes, paper and disagreements (both clerks' figures once both are in): readers over it.
    "elections:count": _read_page(),
    # The PDF record of a signed count, every box: the same.
    "elections:count_record": _read_page(),
    # The public notice of an announced result: anyone.
    "elections:notice": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     200    200    405    405
        nobody                        200    200    405    405
        resident                      200    200    405    405
        party_member                  200    200    405    405
        volunteer                     200    200    405    405
        grid_worker                   200    200    405    405
        community_staff               200    200    405    405
        window_clerk                  200    200    405    405
        mediator                      200    200    405    405
        supervisor                    200    200    405    405
        township_admin                200    200    405    405
        township_reviewer             200    200    405    405
        sys_admin                     200    200    405    405
        sec_admin                     200    200    405    405
        audit_admin                   200    200    405    405
    """,
    # The election's nominations, read by its readers; its runners record a nomination form there.
    "elections:nominations": _table(
        {
            "anonymous": ("login",) * 4,
            "community_staff": ("200", "404", "302*", "404"),
            "supervisor": ("200", "404", "403", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
            "township_reviewer": ("200", "200", "403", "403"),
        },
        ("404",) * 4,
    ),
    "elections:nomination_decide": _run_form("302*"),
    # A nomination is still pending: publishing is refused with its message, nothing written.
    "elections:candidates_publish": _run_form("400"),
    "elections:poll_open": _run_form("302*"),
    "elections:box_add": _run_form("302*"),
    "elections:box_paper": _run_form("302*"),
    "elections:recall_propose": _run_form("302*"),
}
