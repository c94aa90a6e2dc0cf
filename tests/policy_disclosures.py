"""The declared access policy of the public board (gongzhi.disclosures), gathered into tests/policy.py; objects
and requests in tests/matrix_disclosures.py.

Objects: the boards of 青山村 (same) and 东街社区 (other), and an item published on each (with a PDF attached).
The board, an item, its printable sheet and its attachment are public: anyone, no login (the API has no
anonymous operations: any token). The staff pages (a community's board with what is due, every revision's
text, the overview) are for community staff, the supervisory committee (监督权) and the township, each over
their own communities; publishing, revising, withdrawing and the finance setting are the community staff's
over their own community. Someone who may not see the community gets 404, as for one that does not exist;
someone without the role anywhere gets 403. Every writing POST is marked *.
"""

PART_PAGES: dict[str, str] = {
    "disclosures:board": """
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
    "disclosures:item": """
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
    "disclosures:print": """
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
    "disclosures:attachment": """
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
    "disclosures:index": """
                              GET    POST
        anonymous             login  405
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
    "disclosures:manage": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    405    405
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "disclosures:history": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    405    405
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "disclosures:publish": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "disclosures:revise": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "disclosures:withdraw": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "disclosures:setting": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       405    405    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
}

PART_API: dict[str, str] = {
    "GET /api/v1/disclosures": """
                              GET           POST
                              same   other  same   other
        anonymous             401    401    -      -
        nobody                200    200    -      -
        resident              200    200    -      -
        party_member          200    200    -      -
        volunteer             200    200    -      -
        grid_worker           200    200    -      -
        community_staff       200    200    -      -
        window_clerk          200    200    -      -
        mediator              200    200    -      -
        supervisor            200    200    -      -
        township_admin        200    200    -      -
        township_reviewer     200    200    -      -
        sys_admin             200    200    -      -
        sec_admin             200    200    -      -
        audit_admin           200    200    -      -
    """,
    "POST /api/v1/disclosures": """
                              GET           POST
                              same   other  same   other
        anonymous             -      -      401    401
        nobody                -      -      403    403
        resident              -      -      403    403
        party_member          -      -      403    403
        volunteer             -      -      403    403
        grid_worker           -      -      403    403
        community_staff       -      -      201*   404
        window_clerk          -      -      403    403
        mediator              -      -      403    403
        supervisor            -      -      403    403
        township_admin        -      -      403    403
        township_reviewer     -      -      403    403
        sys_admin             -      -      403    403
        sec_admin             -      -      403    403
        audit_admin           -      -      403    403
    """,
    # Publishing with a photo or PDF (multipart): as publishing; GET on the path is no operation.
    "POST /api/v1/disclosures/with-attachment": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    201*   404
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "GET /api/v1/disclosures/{disclosure_id}": """
                              GET           POST
                              same   other  same   other
        anonymous             401    401    405    405
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
    "POST /api/v1/disclosures/{disclosure_id}/revise": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    200*   404
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "POST /api/v1/disclosures/{disclosure_id}/withdraw": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    200*   404
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "GET /api/v1/disclosures/overdue": """
                              GET           POST
                              same   other  same   other
        anonymous             401    401    405    405
        nobody                403    403    405    405
        resident              403    403    405    405
        party_member          403    403    405    405
        volunteer             403    403    405    405
        grid_worker           403    403    405    405
        community_staff       200    404    405    405
        window_clerk          403    403    405    405
        mediator              403    403    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             403    403    405    405
        sec_admin             403    403    405    405
        audit_admin           403    403    405    405
    """,
}
