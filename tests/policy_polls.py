"""The declared access policy of polls and evaluations (gongzhi.polls), gathered into tests/policy.py.

Objects (tests/matrix_polls.py): "same" is a poll of 青山村, "other" one of 东街社区; open ones for the round
page and the close, closed ones with public results for the page without login. The supervisor sits on 青山村's
supervisory committee (a resident linked to the account), so only they open its 民主评议 and 群众评议. Who sees
a round: its voters, the residents of its area (every signed-in actor of the matrix lives in 青山村), and the
staff, supervisory committee and township over it (404 for anyone else, as for a round that does not exist);
only the askers close a poll (anyone else who sees it: 403).
Writing POSTs are marked *.
"""

_EVERYONE_GET = """
                              GET    POST
        anonymous             login  405
        nobody                200    405
        resident              200    405
        party_member          200    405
        volunteer             200    405
        grid_worker           200    405
        community_staff       200    405
        window_clerk          200    405
        mediator              200    405
        supervisor            200    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             200    405
        sec_admin             200    405
        audit_admin           200    405
    """

_REVIEW_NEW = """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           403    403
        community_staff       403    403
        window_clerk          403    403
        mediator              403    403
        supervisor            200    302*
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """

PART_PAGES: dict[str, str] = {
    "polls:index": _EVERYONE_GET,
    # A consultative poll: the community's staff, the township's office.
    "polls:poll_new": """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           403    403
        community_staff       200    302*
        window_clerk          403    403
        mediator              403    403
        supervisor            403    403
        township_admin        200    302*
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # The 双评: a member of the community's supervisory committee only.
    "polls:review_new": _REVIEW_NEW,
    "polls:satisfaction_new": _REVIEW_NEW,
    "polls:flags": """
                              GET    POST
        anonymous             login  405
        nobody                403    405
        resident              403    405
        party_member          403    405
        volunteer             403    405
        grid_worker           403    405
        community_staff       403    405
        window_clerk          403    405
        mediator              403    405
        supervisor            403    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    # An open poll: same = 青山村's, other = 东街社区's.
    # An open poll: same = 青山村's (every signed-in actor lives there and votes in it), other = 东街社区's.
    "polls:round": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  405    405
        nobody                200    404    405    405
        resident              200    404    405    405
        party_member          200    404    405    405
        volunteer             200    404    405    405
        grid_worker           200    404    405    405
        community_staff       200    404    405    405
        window_clerk          200    404    405    405
        mediator              200    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             200    404    405    405
        sec_admin             200    404    405    405
        audit_admin           200    404    405    405
    """,
    # Only the askers close a poll; those who see it but may not close it: 403.
    "polls:close": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    login  login
        nobody                405    405    403    404
        resident              405    405    403    404
        party_member          405    405    403    404
        volunteer             405    405    403    404
        grid_worker           405    405    403    404
        community_staff       405    405    302*   404
        window_clerk          405    405    403    404
        mediator              405    405    403    404
        supervisor            405    405    403    404
        township_admin        405    405    302*   302*
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    404
        sec_admin             405    405    403    404
        audit_admin           405    405    403    404
    """,
    # A closed poll whose results the askers made public: readable by anyone, without login.
    "polls:public": """
                              GET           POST
                              same   other  same   other
        anonymous             200    200    405    405
        nobody                200    200    405    405
        resident              200    200    405    405
        party_member          200    200    405    405
        volunteer             200    200    405    405
        grid_worker           200    200    405    405
        community_staff       200    200    405    405
        window_clerk          200    200    405    405
        mediator              200    200    405    405
        supervisor            200    200    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             200    200    405    405
        sec_admin             200    200    405    405
        audit_admin           200    200    405    405
    """,
}


def _api(text: str, *, get: str = "", post: str = "") -> str:
    """The page's table for the API: 401 for the login, 201* for a creation; a method column replaced."""
    text = text.replace("login", "401").replace("302*", "201*")
    lines = text.splitlines()
    for n, line in enumerate(lines):
        cells = line.split()
        if len(cells) == 3 and cells[0] not in ("GET",):
            if get:
                cells[1] = get
            if post:
                cells[2] = post
            lines[n] = f"        {cells[0]:<22}{cells[1]:<7}{cells[2]}"
    return "\n".join(lines) + "\n"


PART_API: dict[str, str] = {
    # GET and POST /api/v1/polls share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/polls": _api(_EVERYONE_GET, post="-"),
    "POST /api/v1/polls": _api(PART_PAGES["polls:poll_new"], get="-"),
    "POST /api/v1/evaluations/review": _api(_REVIEW_NEW, get="405"),
    "POST /api/v1/evaluations/satisfaction": _api(_REVIEW_NEW, get="405"),
    "GET /api/v1/polls/flags": _api(PART_PAGES["polls:flags"]),
    "GET /api/v1/polls/{round_id}": _api(PART_PAGES["polls:round"]),
    "POST /api/v1/polls/{round_id}/close": _api(PART_PAGES["polls:close"]).replace("201*", "200*"),
}
