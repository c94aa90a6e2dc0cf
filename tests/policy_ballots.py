"""The declared access policy of the kernel's secret ballot (gongzhi.ballots), gathered into tests/policy.py.

Objects (tests/matrix_ballots.py): "own" is a box of 青山村 in which every actor is an eligible voter, "same" a
box of 青山村 in which others vote (peer_staff), "other" a box of 东街社区. Open boxes for the ballot and the
cast, closed ones (with ballots in them) for the results and the receipts. Who sees a box: its voters, and the
staff, supervisory committee and township over its area (404 for anyone else, as for a box that does not
exist); only a voter casts (a reader who is no voter: 403). Writing POSTs are marked *.
"""

PART_PAGES: dict[str, str] = {
    # The signed-in user's open ballots (and the closed ones they may see).
    "ballots:mine": """
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
    """,
    # The ballot of an open box: own = every actor is a voter; same = 青山村's, others vote; other = 东街社区's.
    # Those who see a box they may not vote in are refused the cast (403); the rest do not see it (404).
    "ballots:box": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                200    404    404    200*   404    404
        resident              200    404    404    200*   404    404
        party_member          200    404    404    200*   404    404
        volunteer             200    404    404    200*   404    404
        grid_worker           200    404    404    200*   404    404
        community_staff       200    200    404    200*   403    404
        window_clerk          200    404    404    200*   404    404
        mediator              200    404    404    200*   404    404
        supervisor            200    200    404    200*   403    404
        township_admin        200    200    200    200*   403    403
        township_reviewer     200    200    200    200*   403    403
        sys_admin             200    404    404    200*   404    404
        sec_admin             200    404    404    200*   404    404
        audit_admin           200    404    404    200*   404    404
    """,
    # Results of a closed box (own: every actor voted in it; same: 青山村's; other: 东街社区's).
    "ballots:results": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      405    405
        nobody                200    404    404    405    405    405
        resident              200    404    404    405    405    405
        party_member          200    404    404    405    405    405
        volunteer             200    404    404    405    405    405
        grid_worker           200    404    404    405    405    405
        community_staff       200    200    404    405    405    405
        window_clerk          200    404    404    405    405    405
        mediator              200    404    404    405    405    405
        supervisor            200    200    404    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    404    404    405    405    405
        sec_admin             200    404    404    405    405    405
        audit_admin           200    404    404    405    405    405
    """,
    # The receipts list of a closed box, and checking a code (a POST that writes nothing).
    "ballots:receipts": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                200    404    404    200    404    404
        resident              200    404    404    200    404    404
        party_member          200    404    404    200    404    404
        volunteer             200    404    404    200    404    404
        grid_worker           200    404    404    200    404    404
        community_staff       200    200    404    200    200    404
        window_clerk          200    404    404    200    404    404
        mediator              200    404    404    200    404    404
        supervisor            200    200    404    200    200    404
        township_admin        200    200    200    200    200    200
        township_reviewer     200    200    200    200    200    200
        sys_admin             200    404    404    200    404    404
        sec_admin             200    404    404    200    404    404
        audit_admin           200    404    404    200    404    404
    """,
}

PART_API: dict[str, str] = {
    "GET /api/v1/ballots/mine": """
                              GET    POST
        anonymous             401    405
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
    """,
    # An open box's detail.
    "GET /api/v1/ballots/{box_id}": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      401    401    -      405    405
        nobody                200    404    404    405    405    405
        resident              200    404    404    405    405    405
        party_member          200    404    404    405    405    405
        volunteer             200    404    404    405    405    405
        grid_worker           200    404    404    405    405    405
        community_staff       200    200    404    405    405    405
        window_clerk          200    404    404    405    405    405
        mediator              200    404    404    405    405    405
        supervisor            200    200    404    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    404    404    405    405    405
        sec_admin             200    404    404    405    405    405
        audit_admin           200    404    404    405    405    405
    """,
    # Casting in an open box: the voter themself; a reader who is no voter 403, the rest 404.
    "POST /api/v1/ballots/{box_id}/cast": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    201*   404    404
        resident              405    405    405    201*   404    404
        party_member          405    405    405    201*   404    404
        volunteer             405    405    405    201*   404    404
        grid_worker           405    405    405    201*   404    404
        community_staff       405    405    405    201*   403    404
        window_clerk          405    405    405    201*   404    404
        mediator              405    405    405    201*   404    404
        supervisor            405    405    405    201*   403    404
        township_admin        405    405    405    201*   403    403
        township_reviewer     405    405    405    201*   403    403
        sys_admin             405    405    405    201*   404    404
        sec_admin             405    405    405    201*   404    404
        audit_admin           405    405    405    201*   404    404
    """,
    # After the close.
    "GET /api/v1/ballots/{box_id}/results": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      401    401    -      405    405
        nobody                200    404    404    405    405    405
        resident              200    404    404    405    405    405
        party_member          200    404    404    405    405    405
        volunteer             200    404    404    405    405    405
        grid_worker           200    404    404    405    405    405
        community_staff       200    200    404    405    405    405
        window_clerk          200    404    404    405    405    405
        mediator              200    404    404    405    405    405
        supervisor            200    200    404    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    404    404    405    405    405
        sec_admin             200    404    404    405    405    405
        audit_admin           200    404    404    405    405    405
    """,
    "GET /api/v1/ballots/{box_id}/receipts": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      401    401    -      405    405
        nobody                200    404    404    405    405    405
        resident              200    404    404    405    405    405
        party_member          200    404    404    405    405    405
        volunteer             200    404    404    405    405    405
        grid_worker           200    404    404    405    405    405
        community_staff       200    200    404    405    405    405
        window_clerk          200    404    404    405    405    405
        mediator              200    404    404    405    405    405
        supervisor            200    200    404    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    404    404    405    405    405
        sec_admin             200    404    404    405    405    405
        audit_admin           200    404    404    405    405    405
    """,
    # Checking a code writes nothing.
    "POST /api/v1/ballots/{box_id}/receipt-check": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    200    404    404
        resident              405    405    405    200    404    404
        party_member          405    405    405    200    404    404
        volunteer             405    405    405    200    404    404
        grid_worker           405    405    405    200    404    404
        community_staff       405    405    405    200    200    404
        window_clerk          405    405    405    200    404    404
        mediator              405    405    405    200    404    404
        supervisor            405    405    405    200    200    404
        township_admin        405    405    405    200    200    200
        township_reviewer     405    405    405    200    200    200
        sys_admin             405    405    405    200    404    404
        sec_admin             405    405    405    200    404    404
        audit_admin           405    405    405    200    404    404
    """,
}
