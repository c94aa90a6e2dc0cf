"""The declared access policy of the back office and the window's issuing (gathered into tests/policy.py).

Objects: see tests/matrix_hall_office.py. A move's page is for the hall's staff who may see the application
(others: 403 without the queue permission, 404 for an application they may not see); POSTing the move is
for those it is routed to now — approving for the officers of the matter's department, issuing for the
window over the applicant's community, never on one's own application (回避) — and 403 (with the reason on
the page) for the other staff who see it. The result PDF: whoever may see the application (a staff read is
audited). /verify/: anyone.
"""

PART_PAGES: dict[str, str] = {
    # 乡镇审批中 → 准予 (POST {"opinion"}).
    "hall:office_move": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       200    200    200    404    403    403    403    404
        window_clerk          200    200    200    404    403    403    403    404
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        200    200    200    200    403    403    403    403
        township_reviewer     200    200    200    200    403    302*   302*   302*
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    # 已准予，待出件 → 出件 (POST {"delivery": "in_person"}): renders and stores the PDF.
    "hall:issue": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       200    200    200    404    403    302*   302*   404
        window_clerk          200    200    200    404    403    302*   302*   404
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        200    200    200    200    403    403    403    403
        township_reviewer     200    200    200    200    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    # 撤销 an issued result notice (POST {"reason"}): the deciding department's officers and the township's
    # 社治办, never on their own application (回避); anyone else who sees the application gets 403.
    "hall:document_revoke": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    302*   302*   302*
        township_reviewer     405    405    405    405    403    302*   302*   302*
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # The issued result notice (PDF): the applicant and whoever may see the application; a read by staff is
    # recorded in the audit trail (hall.document_read: the write, *).
    "hall:document": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    404    404    404    405    405    405    405
        community_staff       200    200*   200*   404    405    405    405    405
        window_clerk          200    200*   200*   404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    200*   200*   404    405    405    405    405
        township_admin        200    200*   200*   200*   405    405    405    405
        township_reviewer     200    200*   200*   200*   405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # Public: whether a document is genuine and current, nothing personal.
    "verify": """
                              GET    POST
        anonymous             200    405
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
    "verify_form": """
                              GET    POST
        anonymous             200    405
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
}
