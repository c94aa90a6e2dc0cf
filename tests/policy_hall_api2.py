"""The declared access policy of the hall's API beyond the moves (gongzhi/hall/api/catalogue.py, stats.py and
the reads and applying operations added to applications.py, desk.py, office.py), gathered into tests/policy.py;
objects and requests in tests/matrix_hall_api2.py.

Each operation answers what the page of the same paragraph answers, in the API's words: 401 instead of the
login redirect, 200* where a staff read is audited, 201* where an application is made, 405 to the other method.
"""

PART_API: dict[str, str] = {
    # The catalogue: what the public guide shows, to any token (nothing personal or staff-only); without a
    # township, the caller's own townships' matters (none for an account without a role: an empty page).
    "GET /api/v1/hall/matters": """
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
    "GET /api/v1/hall/matters/{matter_id}": """
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
    # The downloads: as the pages hall:document and hall:file, 401 for the login; a staff read is audited
    # (hall.document_read, hall.file_read: the write, *), the applicant's own is not.
    "GET /api/v1/hall/applications/{application_id}/documents/{document_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
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
    "GET /api/v1/hall/applications/{application_id}/files/{file_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
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
    # Applying for a resident of the register (hall:apply_for): the proxies' role first (403), then the
    # resident within their register reach (404 — the page shows its resident picker instead).
    "POST /api/v1/hall/applications/for": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    201*   201*   404    404
        community_staff       405    405    405    405    201*   201*   201*   404
        window_clerk          405    405    405    405    201*   201*   201*   404
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/applications/proxy-request": """
                              GET    POST
        anonymous             405    401
        nobody                405    403
        resident              405    201*
        party_member          405    403
        volunteer             405    403
        grid_worker           405    403
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
    # The reads of the follow-ups and the statistics: as their pages.
    "GET /api/v1/hall/followups": """
                              GET    POST
        anonymous             401    405
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
        township_reviewer     403    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    "GET /api/v1/hall/followups/{followup_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                403    403    403    403    405    405    405    405
        resident              403    403    403    403    405    405    405    405
        party_member          403    403    403    403    405    405    405    405
        volunteer             403    403    403    403    405    405    405    405
        grid_worker           403    403    403    403    405    405    405    405
        community_staff       403    403    403    403    405    405    405    405
        window_clerk          403    403    403    403    405    405    405    405
        mediator              403    403    403    403    405    405    405    405
        supervisor            403    403    403    403    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     403    403    403    403    405    405    405    405
        sys_admin             403    403    403    403    405    405    405    405
        sec_admin             403    403    403    403    405    405    405    405
        audit_admin           403    403    403    403    405    405    405    405
    """,
    "GET /api/v1/hall/stats": """
                              GET    POST
        anonymous             401    405
        nobody                403    405
        resident              403    405
        party_member          403    405
        volunteer             403    405
        grid_worker           403    405
        community_staff       403    405
        window_clerk          403    405
        mediator              403    405
        supervisor            200    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
}
