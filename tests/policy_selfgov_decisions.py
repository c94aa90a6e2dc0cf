"""The declared access policy of 四议两公开 decisions and the power list (gongzhi.selfgov, the decisions half),
gathered into tests/policy.py.

Objects (tests/matrix_selfgov_decisions.py): decisions of 青山村 ("same") and of 东街社区 ("other") in the state each
page needs (waiting for the party organisation's proposal, waiting for the resolution's publication, being
carried out with an open task and an unanswered objection, being carried out with every task done), the
communities' own power lists, and the township's template.

Who (gongzhi/selfgov/rules/decisions.py): community staff keep their community's decisions (start, record each
stage's meeting, publish, tasks, answer objections) and its power list; the township's 社治办 starts a decision
for a community and keeps the township's template; the supervisory committee — a 监委会成员 who sits on the
community's supervisory body — accepts the execution or objects; they, the staff and the township read. A decision
or list outside one's scope is 404; anyone else: 403, and nothing is written.
"""

PART_PAGES: dict[str, str] = {
    "selfgov:power_item_edit": """
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
        supervisor            403    404    403    404
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "selfgov:decisions": """
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
    "selfgov:decision_start": """
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
        township_admin        200    302*
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    "selfgov:decision": """
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
    "selfgov:decision_stage": """
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
    "selfgov:decision_stage_convene": """
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
    "selfgov:decision_stage_take": """
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
    "selfgov:decision_document": """
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
    "selfgov:decision_publish": """
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
    "selfgov:decision_register": """
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
    "selfgov:decision_task_add": """
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
    "selfgov:decision_accept": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       403    403    403    403
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            405    405    302*   404
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "selfgov:decision_object": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       403    403    403    403
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            405    405    302*   404
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    "selfgov:decision_task": """
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
    "selfgov:decision_task_move": """
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
    "selfgov:decision_objection_answer": """
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
    "selfgov:power_lists": """
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
    "selfgov:power_list": """
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
    "selfgov:power_template_install": """
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
    "selfgov:power_list_adopt": """
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
    "GET /api/v1/selfgov/decisions": """
                              GET    POST
        anonymous             401    -
        nobody                403    -
        resident              403    -
        party_member          403    -
        volunteer             403    -
        grid_worker           403    -
        community_staff       200    -
        window_clerk          403    -
        mediator              403    -
        supervisor            200    -
        township_admin        200    -
        township_reviewer     200    -
        sys_admin             403    -
        sec_admin             403    -
        audit_admin           403    -
    """,
    "POST /api/v1/selfgov/decisions": """
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
        township_admin        -      201*
        township_reviewer     -      403
        sys_admin             -      403
        sec_admin             -      403
        audit_admin           -      403
    """,
    "GET /api/v1/selfgov/decisions/{decision_id}": """
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
    "POST /api/v1/selfgov/decisions/{decision_id}/stage": """
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
    "GET /api/v1/selfgov/decisions/{decision_id}/stage/meetings": """
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
        supervisor            403    403    405    405
        township_admin        403    403    405    405
        township_reviewer     403    403    405    405
        sys_admin             403    403    405    405
        sec_admin             403    403    405    405
        audit_admin           403    403    405    405
    """,
    "POST /api/v1/selfgov/decisions/{decision_id}/stage/convene": """
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
    "POST /api/v1/selfgov/decisions/{decision_id}/stage/take": """
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
    "POST /api/v1/selfgov/decisions/{decision_id}/publish": """
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
    "POST /api/v1/selfgov/decisions/{decision_id}/tasks": """
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
    # A task with its timeline: read as its page is (the move is POST .../move).
    "GET /api/v1/selfgov/decisions/tasks/{task_id}": """
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
    "POST /api/v1/selfgov/decisions/tasks/{task_id}/move": """
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
    "POST /api/v1/selfgov/decisions/{decision_id}/accept": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    403    403
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    200*   404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "POST /api/v1/selfgov/decisions/{decision_id}/objections": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    403    403
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    201*   404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "POST /api/v1/selfgov/decisions/objections/{objection_id}/answer": """
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
    "GET /api/v1/selfgov/power-list/{area_id}": """
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
    "POST /api/v1/selfgov/power-list/{area_id}/install": """
                              GET    POST
        anonymous             405    401
        nobody                405    403
        resident              405    403
        party_member          405    403
        volunteer             405    403
        grid_worker           405    403
        community_staff       405    403
        window_clerk          405    403
        mediator              405    403
        supervisor            405    403
        township_admin        405    200*
        township_reviewer     405    403
        sys_admin             405    403
        sec_admin             405    403
        audit_admin           405    403
    """,
    "POST /api/v1/selfgov/power-list/{area_id}/adopt": """
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
    "POST /api/v1/selfgov/power-list/items/{item_id}": """
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
        supervisor            405    405    403    404
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
}
