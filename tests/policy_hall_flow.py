"""The declared access policy of the power list's flow on applications (gathered into tests/policy.py).

Objects: see tests/matrix_hall_flow.py. Recording a step is for the community's cadres who review the
application (`hall.keep_flow`: the community staff over its community), never on their own application
(回避: 403); the others who see it get 403, those who may not see it 404.
"""

PART_PAGES: dict[str, str] = {
    # 村级审核中 → 完成下一步 (POST {"op": "step", "note"}).
    "hall:flow": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    302*   302*   404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
}

PART_API: dict[str, str] = {
    "POST /api/v1/hall/applications/{application_id}/flow": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    200*   200*   404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
}
