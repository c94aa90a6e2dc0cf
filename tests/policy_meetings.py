"""The declared access policy of a body's meetings (gongzhi.meetings: convening, the roll, votes, witness,
minutes, the record PDF, the board), gathered into tests/policy.py; objects and requests in
tests/matrix_meetings.py.

Objects: representatives' meetings of 青山村 ("same") and 东街社区 ("other") in the state each route starts
from. Who (gongzhi/meetings/rules.py, selectors.py): the community's staff convene and record
(`meetings.record`); the supervisory committee and the township read (a reader who does not record gets 403
on a move); the named witness signs as themselves (`meetings.witness`); a member called to a meeting sees it
(none of the matrix's actors is on these rolls). Anyone else gets 404 for a meeting, as for one that does
not exist. Every writing request is marked *.
"""

PART_PAGES: dict[str, str] = {
    # Everyone signed in: the meetings they read or are called to (empty for most).
    "meetings:index": """
                              GET    POST
        anonymous             login  login
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
    # The board: whoever reads meetings (community staff, supervisory committee, township).
    "meetings:board": """
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
        supervisor            200    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # Convening: the community's staff (meetings.record).
    "meetings:convene": """
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
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # One meeting: the readers over its community; a member called to it (none here); else 404.
    "meetings:detail": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200    404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
    # The roll: the community's staff; readers who do not record 403; the rest 404.
    "meetings:roll": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                404    404    404    404
        resident              404    404    404    404
        party_member          404    404    404    404
        volunteer             404    404    404    404
        grid_worker           404    404    404    404
        community_staff       200    404    302*   404
        window_clerk          404    404    404    404
        mediator              404    404    404    404
        supervisor            403    404    403    404
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             404    404    404    404
        sec_admin             404    404    404    404
        audit_admin           404    404    404    404
    """,
    # An agenda item's vote: as the roll.
    "meetings:vote": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                404    404    404    404
        resident              404    404    404    404
        party_member          404    404    404    404
        volunteer             404    404    404    404
        grid_worker           404    404    404    404
        community_staff       200    404    302*   404
        window_clerk          404    404    404    404
        mediator              404    404    404    404
        supervisor            403    404    403    404
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             404    404    404    404
        sec_admin             404    404    404    404
        audit_admin           404    404    404    404
    """,
    # The minutes: as the roll.
    "meetings:minutes": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                404    404    404    404
        resident              404    404    404    404
        party_member          404    404    404    404
        volunteer             404    404    404    404
        grid_worker           404    404    404    404
        community_staff       200    404    302*   404
        window_clerk          404    404    404    404
        mediator              404    404    404    404
        supervisor            403    404    403    404
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             404    404    404    404
        sec_admin             404    404    404    404
        audit_admin           404    404    404    404
    """,
    # Closing the roll (the quorum computed): the community's staff.
    "meetings:roll_close": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    302*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # Opening the online secret ballot of an agenda item (gongzhi.ballots): the community's staff.
    "meetings:ballot_open": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    302*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # Confirming counts: another of the community's staff than who counted.
    "meetings:confirm": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    302*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # Naming the witness: the community's staff.
    "meetings:witness": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    302*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # Closing the meeting: the community's staff.
    "meetings:close": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    302*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # Cancelling: the community's staff.
    "meetings:cancel": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    302*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # Signing as witness: the named supervisory-committee member only (the supervisor here).
    "meetings:sign": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    403    404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    302*   404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # The record PDF: the readers over the community; each print audited (200*).
    "meetings:record_pdf": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200*   404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200*   404    405    405
        township_admin        200*   200*   405    405
        township_reviewer     200*   200*   405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
    # The minutes' file: the readers over the community.
    "meetings:document": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200    404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
}

PART_API: dict[str, str] = {
    # The list, as the page.
    "GET /api/v1/meetings": """
                              GET    POST
        anonymous             401    -
        nobody                200    -
        resident              200    -
        party_member          200    -
        volunteer             200    -
        grid_worker           200    -
        community_staff       200    -
        window_clerk          200    -
        mediator              200    -
        supervisor            200    -
        township_admin        200    -
        township_reviewer     200    -
        sys_admin             200    -
        sec_admin             200    -
        audit_admin           200    -
    """,
    # Convening, as the page (201*).
    "POST /api/v1/meetings": """
                              GET    POST
        anonymous             -      401
        nobody                -      403
        resident              -      403
        party_member          -      403
        volunteer             -      403
        grid_worker           -      403
        community_staff       -      201*
        window_clerk          -      403
        mediator              -      403
        supervisor            -      403
        township_admin        -      403
        township_reviewer     -      403
        sys_admin             -      403
        sec_admin             -      403
        audit_admin           -      403
    """,
    # The board, as the page.
    "GET /api/v1/meetings/board": """
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
        supervisor            200    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    # One meeting, as the page.
    "GET /api/v1/meetings/{meeting_id}": """
                              GET           POST
                              same   other  same   other
        anonymous             401    401    405    405
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200    404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/roll": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/roll/close": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/agenda/{number}/ballot": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/agenda/{number}/vote": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/items/{item_id}/confirm": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/witness/{resident_id}": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/minutes": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/close": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page of the same move.
    "POST /api/v1/meetings/{meeting_id}/cancel": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    200*   404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # As the page: the witness only.
    "POST /api/v1/meetings/{meeting_id}/sign": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    404    404
        resident              405    405    404    404
        party_member          405    405    404    404
        volunteer             405    405    404    404
        grid_worker           405    405    404    404
        community_staff       405    405    403    404
        window_clerk          405    405    404    404
        mediator              405    405    404    404
        supervisor            405    405    200*   404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    404    404
        sec_admin             405    405    404    404
        audit_admin           405    405    404    404
    """,
    # The record PDF, as the page.
    "GET /api/v1/meetings/{meeting_id}/record.pdf": """
                              GET           POST
                              same   other  same   other
        anonymous             401    401    405    405
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200*   404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200*   404    405    405
        township_admin        200*   200*   405    405
        township_reviewer     200*   200*   405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
}
