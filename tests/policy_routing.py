"""The declared access policy of a township's departments, of the role assignments (held in a department for a
department role) and of the escalations (吹哨) API, gathered by tests/policy.py.

The department pages take 永安镇's 民政办 (the world has one township; another township's department answers 404,
tests/test_departments.py). The escalation API's objects per relation are the call to 民政办 about the
"escalated" situation note of that relation (tests/policy_situations.py), where the township reviewer works.
"""

DEPARTMENT_PAGES: dict[str, str] = {
    # The township's departments: the township office keeps them (list; POST is the wrong method).
    "areas:departments": """
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
    # Create a department of 永安镇: the township office.
    "areas:department_create": """
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
        township_admin        200    302*
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # One department (永安镇民政办): its staff, and renaming it (POST): the township office.
    "areas:department": """
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
        township_admin        200    302*
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # Deactivate it (POST active=0): the township office; GET is the wrong method.
    "areas:department_active": """
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

ESCALATION_API: dict[str, str] = {
    # The calls (吹哨) to the viewer's departments: whoever may hold a role in a department (the township
    # reviewer works in 民政办); everyone else 403, as the page.
    "GET /api/v1/escalations": """
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
        township_admin        403    405
        township_reviewer     200    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    # One call to 民政办, about the situation note of each relation ("escalated"): only its staff see it;
    # to anyone else it does not exist.
    "GET /api/v1/escalations/{target_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                404    404    404    404    405    405    405    405
        resident              404    404    404    404    405    405    405    405
        party_member          404    404    404    404    405    405    405    405
        volunteer             404    404    404    404    405    405    405    405
        grid_worker           404    404    404    404    405    405    405    405
        community_staff       404    404    404    404    405    405    405    405
        window_clerk          404    404    404    404    405    405    405    405
        mediator              404    404    404    404    405    405    405    405
        supervisor            404    404    404    404    405    405    405    405
        township_admin        404    404    404    404    405    405    405    405
        township_reviewer     200    200    200    200    405    405    405    405
        sys_admin             404    404    404    404    405    405    405    405
        sec_admin             404    404    404    404    405    405    405    405
        audit_admin           404    404    404    404    405    405    405    405
    """,
    # 民政办's reply: its staff, once (each cell starts from an unanswered call); anyone else 404.
    "POST /api/v1/escalations/{target_id}/reply": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    404    404    404    404
        resident              405    405    405    405    404    404    404    404
        party_member          405    405    405    405    404    404    404    404
        volunteer             405    405    405    405    404    404    404    404
        grid_worker           405    405    405    405    404    404    404    404
        community_staff       405    405    405    405    404    404    404    404
        window_clerk          405    405    405    405    404    404    404    404
        mediator              405    405    405    405    404    404    404    404
        supervisor            405    405    405    405    404    404    404    404
        township_admin        405    405    405    405    404    404    404    404
        township_reviewer     405    405    405    405    200*   200*   200*   200*
        sys_admin             405    405    405    405    404    404    404    404
        sec_admin             405    405    405    405    404    404    404    404
        audit_admin           405    405    405    405    404    404    404    404
    """,
}

ROLE_PAGES: dict[str, str] = {
    # Grant a role (POST: 志愿者 over 青山村 to the account "nobody"), and the list of roles in scope: the
    # security administrator.
    "accounts:roles": """
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
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             200    302*
        audit_admin           403    403
    """,
    # Revoke peer_staff's role over 青山村: the security administrator; GET is the wrong method.
    "accounts:role_revoke": """
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
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             405    302*
        audit_admin           403    403
    """,
}


# Gathered by tests/policy.py.
PART_PAGES: dict[str, str] = {**DEPARTMENT_PAGES, **ROLE_PAGES}
PART_API: dict[str, str] = ESCALATION_API
