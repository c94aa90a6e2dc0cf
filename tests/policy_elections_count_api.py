"""The declared access policy of the count's API (gongzhi/elections/api_count.py: candidates, election day, the
double entry, the result and recall), gathered into tests/policy.py.

Objects (tests/matrix_elections_count_api.py): an election per stage and relation — "same" 青山村, "other" 东街社区
— each in the state where its operation succeeds. Who (gongzhi/elections/rules.py): an election is read by its
community's staff, its supervisory committee and the township (office and reviewers), and run by its staff and
the township office (`elections.run`, checked by the actions); out of reach is 404, as what does not exist; a
reader who may not run it is refused (403). A clerk's own sheet is read and corrected by that clerk only: the
box's two clerks are community_staff (or 东街社区's staff) and the township office; anyone else has no sheet
there (404). The published candidates are read by the community's signed-in residents as well (every actor
has a register entry in 青山村); an announced result by any token. Writing requests are marked *.
"""

from tests.policy_elections_roll import _table


def _read(get: str = "200", post: str = "405") -> str:
    """A GET of one election's records: its readers; anyone else 404. `post`: "-" where a POST shares the path."""
    return _table(
        {
            "anonymous": ("401", "401", post, post),
            "community_staff": (get, "404", post, post),
            "supervisor": (get, "404", post, post),
            "township_admin": (get, get, post, post),
            "township_reviewer": (get, get, post, post),
        },
        ("404", "404", post, post),
    )


def _move(done: str, get: str = "405") -> str:
    """A POST move on one election: its runners (community_staff over 青山村, the township office over both) get
    `done`; readers who do not run it 403; anyone else 404. `get`: "-" where a GET shares the path."""
    return _table(
        {
            "anonymous": (get, get, "401", "401"),
            "community_staff": (get, get, done, "404"),
            "supervisor": (get, get, "403", "404"),
            "township_admin": (get, get, done, done),
            "township_reviewer": (get, get, "403", "403"),
        },
        (get, get, "404", "404"),
    )


PART_API: dict[str, str] = {
    # Nominations: listed for the readers (the candidate masked for those who do not run it); submitted,
    # decided and published by the runners.
    "GET /api/v1/elections/{election_id}/nominations": _read(post="-"),
    "POST /api/v1/elections/{election_id}/nominations": _move("201*", get="-"),
    "POST /api/v1/elections/nominations/{nomination_id}/decide": _move("200*"),
    "POST /api/v1/elections/{election_id}/candidates/publish": _move("200*"),
    # The published candidates: the community's signed-in residents, and the election's readers.
    "GET /api/v1/elections/{election_id}/candidates": _table(
        {
            "anonymous": ("401", "401", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
            "township_reviewer": ("200", "200", "405", "405"),
        },
        ("200", "404", "405", "405"),
    ),
    # Election day: the poll, its board (no figures but both of a disagreement), boxes and their paper.
    "POST /api/v1/elections/{election_id}/polls": _move("201*"),
    "GET /api/v1/elections/polls/{poll_id}": _read(),
    "POST /api/v1/elections/polls/{poll_id}/boxes": _move("201*"),
    "POST /api/v1/elections/boxes/{box_id}/paper": _move("200*"),
    # The double entry: a clerk's sheet of a box with paper and no sheet yet.
    "POST /api/v1/elections/boxes/{box_id}/sheets": _move("201*"),
    # One's own sheet: its two clerks only; a reader or runner without a sheet there finds none (404).
    "GET /api/v1/elections/boxes/{box_id}/sheets/mine": _table(
        {
            "anonymous": ("401", "401", "-", "-"),
            "community_staff": ("200", "404", "-", "-"),
            "township_admin": ("200", "200", "-", "-"),
        },
        ("404", "404", "-", "-"),
    ),
    "POST /api/v1/elections/boxes/{box_id}/sheets/mine": _table(
        {
            "anonymous": ("-", "-", "401", "401"),
            "community_staff": ("-", "-", "200*", "404"),
            "township_admin": ("-", "-", "200*", "200*"),
        },
        ("-", "-", "404", "404"),
    ),
    # Sign-off, announcement, filing, the new committee into the bodies, a recall proposal.
    "POST /api/v1/elections/polls/{poll_id}/sign-off": _move("200*"),
    "POST /api/v1/elections/polls/{poll_id}/announce": _move("200*"),
    "POST /api/v1/elections/{election_id}/file": _move("200*"),
    "POST /api/v1/elections/{election_id}/install": _move("200*"),
    "POST /api/v1/elections/{election_id}/recalls": _move("201*"),
    # An announced result: any token (the public notice's facts); the stored figures only for its readers.
    "GET /api/v1/elections/{election_id}/result": _table(
        {"anonymous": ("401", "401", "405", "405")}, ("200", "200", "405", "405")
    ),
}
