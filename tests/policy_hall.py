"""The declared access policy of the service hall (便民服务), gathered into tests/policy.py (PART_PAGES).

Objects: see tests/matrix_hall.py. An application is personal: besides the applicant (own) only the hall's
staff over the applicant's community (the window, the village cadres), the back office (the township
reviewer: the matter's department), the township admin and the supervisory committee over the community see
it; everyone else gets 404, as for an application that does not exist.
"""

PART_PAGES: dict[str, str] = {
    # The queue of applications waiting for the viewer's stage: the hall's staff only.
    "hall:queue": """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           403    403
        community_staff       200    405
        window_clerk          200    405
        mediator              403    403
        supervisor            403    403
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    "hall:detail": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      405    405    405
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
    # The follow-ups of bad ratings: the township's 社治办.
    "hall:followups": """
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
        township_admin        200    405
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
}
