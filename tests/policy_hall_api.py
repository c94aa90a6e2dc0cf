"""The declared access policy of the service hall's move API (gongzhi/hall/api/desk.py, office.py), gathered into
tests/policy.py; objects and requests in tests/matrix_hall_api.py.

Each operation answers what the page of the same move answers (tests/policy_hall_desk.py,
policy_hall_office.py, policy_hall_rate.py), in the API's words: 401 instead of the login redirect, 200*
(201* for applying) where the page redirects after writing, 405 to GET. An application the caller may not see
is 404 as on the page; one they see but whose step is not theirs is 403 (not routed, not the applicant, or
the caller's own application where the step is staff's: 回避); the
page's gates before the object are the operation's too — the back office's moves and issuing need the queue,
the follow-ups the township's 社治办, applying the resident role — so those are 403 even for an application
the caller does not see. decide, hand-off and hand-back follow the page of the back office's moves.
"""

PART_API: dict[str, str] = {
    # 撤销 an issued result notice (POST {"reason"}): the deciding department's officers and the township's
    # 社治办, never on their own application (回避); anyone else who sees the application gets 403.
    "POST /api/v1/hall/applications/{application_id}/documents/{document_id}/revoke": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    200*   200*   200*
        township_reviewer     405    405    405    405    403    200*   200*   200*
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/accept": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    200*   200*   404
        window_clerk          405    405    405    405    403    200*   200*   404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/forward": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    200*   200*   404
        window_clerk          405    405    405    405    403    200*   200*   404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/notify": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    200*   200*   404
        window_clerk          405    405    405    405    403    200*   200*   404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/refuse": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    200*   200*   404
        window_clerk          405    405    405    405    403    200*   200*   404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/supply": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   403    403    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/promised": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    200*   200*   200*   404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   403    403    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/withdraw": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   403    403    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/decide": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    200*   200*   200*
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/applications/{application_id}/hand-off": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    200*   200*   200*
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/applications/{application_id}/hand-back": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    200*   200*   200*
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/applications/{application_id}/issue": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    200*   200*   404
        window_clerk          405    405    405    405    403    200*   200*   404
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/applications/{application_id}/rate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   404    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   403    403    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/unreasonable": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/applications/{application_id}/unreasonable/review": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    200*   200*   200*   404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "POST /api/v1/hall/followups/{followup_id}/visit": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    403
        window_clerk          405    405    405    405    403    403    403    403
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/followups/{followup_id}/rectify": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    403
        window_clerk          405    405    405    405    403    403    403    403
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    "POST /api/v1/hall/applications": """
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
}
