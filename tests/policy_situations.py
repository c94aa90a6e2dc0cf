"""The declared access policy of situation notes (微民情), parsed and merged into tests/policy.py.

Objects per relation (tests/test_permission_matrix.py builds them): "own" is
the actor's own note — written by the actor about 1组网格. "same", "grid" and
"other" are notes written by a resident account of 青山村 (or of 东街社区) on
behalf of the register's residents of 1组网格, 2组网格 and 东街社区. Each
move's object is in the state that move starts from (submitted, handling,
resolved today), so the table shows who may, not whether the state allows it.

Notes are staff-only: their author and their handlers — community staff over
the note's community, the township admin over the township — see them;
everyone else gets 404, as for a note that does not exist. Grid workers and
window clerks do not handle notes (a grid worker reports them).
"""

SITUATION_PAGES: dict[str, str] = {
    # Post a note; relation = the grid named in the form (1组网格 / 2组网格 / 第1网格). Residents have no such
    # field (their note belongs where they live); a grid worker naming a grid not theirs gets the form back
    # with an error (200, nothing written).
    "situations:post": """
                              GET                  POST
                              same   grid   other  same   grid   other
        anonymous             login  login  login  login  login  login
        nobody                403    403    403    403    403    403
        resident              200    200    200    302*   302*   302*
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           200    200    200    302*   200    200
        community_staff       403    403    403    403    403    403
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
    """,
    # The notes I wrote.
    "situations:mine": """
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
    # The handlers' queue: community staff over their community, the township admin over the township.
    "situations:queue": """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           403    403
        community_staff       200    405
        window_clerk          403    403
        mediator              403    403
        supervisor            403    403
        township_admin        200    405
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # A submitted note: its author (own) and its handlers only; others cannot tell it exists.
    "situations:detail": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    404    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    404    404    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    404    404    404    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # The photo of that note: the same visibility as the note.
    "situations:photo": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    404    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    404    404    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    404    404    404    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # Accept a submitted note: its handlers (own: a note the actor wrote, in 1组网格).
    "situations:accept": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # Reply on a note being handled: as accept.
    "situations:reply": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # Resolve a note being handled: as accept.
    "situations:resolve": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # Withdraw a submitted note: its author only; handlers see it but may not.
    "situations:withdraw": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   404    404    404
        community_staff       405    405    405    405    302*   403    403    404
        window_clerk          405    405    405    405    302*   404    404    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Reopen a note resolved today: its author only.
    "situations:reopen": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   404    404    404
        community_staff       405    405    405    405    302*   403    403    404
        window_clerk          405    405    405    405    302*   404    404    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Rate a resolved note: its author only.
    "situations:rate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   404    404    404
        community_staff       405    405    405    405    302*   403    403    404
        window_clerk          405    405    405    405    302*   404    404    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Call township departments about a note being handled (吹哨): its handlers, as resolving; the departments
    # offered are those of the note's township (永安镇: 民政办).
    "situations:escalate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # A called department replies (the note escalated to 民政办, where the township reviewer works): the
    # reviewer on every note called to 民政办; the handlers and the author see the note but may not reply.
    "situations:escalation_reply": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    302*   302*   302*   302*
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # End the call: the note's handlers; the called department sees the note but may not.
    "situations:escalation_close": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
}

SITUATION_API: dict[str, str] = {
    # The notes I wrote.
    "GET /api/v1/situations/mine": """
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
    # The handlers' queue, as the page.
    "GET /api/v1/situations/queue": """
                              GET    POST
        anonymous             401    405
        nobody                403    405
        resident              403    405
        party_member          403    405
        volunteer             403    405
        grid_worker           403    405
        community_staff       200    405
        window_clerk          403    405
        mediator              403    405
        supervisor            403    405
        township_admin        200    405
        township_reviewer     403    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    # Post a note: residents, and grid workers (in their own grid by default).
    "POST /api/v1/situations": """
                              GET    POST
        anonymous             405    401
        nobody                405    403
        resident              405    201*
        party_member          405    403
        volunteer             405    403
        grid_worker           405    201*
        community_staff       405    403
        window_clerk          405    403
        mediator              405    403
        supervisor            405    403
        township_admin        405    403
        township_reviewer     405    403
        sys_admin             405    403
        sec_admin             405    403
        audit_admin           405    403
    """,
    # A submitted note, as the page.
    "GET /api/v1/situations/{situation_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    404    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    404    404    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    404    404    404    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # accept: as the page.
    "POST /api/v1/situations/{situation_id}/accept": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # reply: as the page.
    "POST /api/v1/situations/{situation_id}/reply": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # resolve: as the page.
    "POST /api/v1/situations/{situation_id}/resolve": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    403    404    404    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # withdraw: as the page.
    "POST /api/v1/situations/{situation_id}/withdraw": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   404    404    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    # reopen: as the page.
    "POST /api/v1/situations/{situation_id}/reopen": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   404    404    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    # rate: as the page.
    "POST /api/v1/situations/{situation_id}/rate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   404    404    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
}
