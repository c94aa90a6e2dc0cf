"""The declared access policy of the hall's Open311 part and its applications API (tests/matrix_hall_open311.py).

Open311 GeoReport v2 is public for reading (the specification's public fields only: no name, phone or exact
place) and takes a key for writing: a signed-in session grants nothing there. The keys page is the
township admin's. The applications API follows the pages: the queue to the hall's staff, one application
to those who see it on the page (hall:detail), everyone's own list to themselves.
"""

_PUBLIC_READ = """
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
    """

PART_PAGES: dict[str, str] = {
    "open311:services": _PUBLIC_READ,
    "open311:service": _PUBLIC_READ,
    "open311:request": _PUBLIC_READ,
    # GET: the requests outside systems sent (public fields); POST without an api_key: 403 for everyone.
    "open311:requests": """
                              GET    POST
        anonymous             200    403
        nobody                200    403
        resident              200    403
        party_member          200    403
        volunteer             200    403
        grid_worker           200    403
        community_staff       200    403
        window_clerk          200    403
        mediator              200    403
        supervisor            200    403
        township_admin        200    403
        township_reviewer     200    403
        sys_admin             200    403
        sec_admin             200    403
        audit_admin           200    403
    """,
    # The keys of outside systems: the township's 社治办 issues (POST: a new key, shown once) and revokes.
    "hall:open311_keys": """
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
        supervisor            403    403
        township_admin        200    200*
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    "hall:open311_key_revoke": """
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
        supervisor            403    403
        township_admin        405    302*
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
}

PART_API: dict[str, str] = {
    "GET /api/v1/hall/applications/queue": """
                              GET    POST
        anonymous             401    405
        nobody                403    405
        resident              403    405
        party_member          403    405
        volunteer             403    405
        grid_worker           403    405
        community_staff       200    405
        window_clerk          200    405
        mediator              403    405
        supervisor            403    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    "GET /api/v1/hall/applications/mine": """
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
    "GET /api/v1/hall/applications/{application_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    404    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    200    200    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    200    200    200    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
}
