"""The declared access policy of the catalogue of matters (事项目录) and its public guide (办事指南).

Objects: see tests/matrix_hall_catalogue.py. Maintaining the catalogue is the township admin's (社治办) over the
matter's township; the guide pages need no account and show nothing personal or staff-only.
"""

PART_PAGES: dict[str, str] = {
    # The catalogue's maintenance (事项目录管理): the township admin over the matter's township only.
    "hall:catalogue": """
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
    "hall:catalogue_new": """
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
    "hall:catalogue_edit": """
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
    "hall:catalogue_active": """
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
    # The export is audited (the row is the write).
    "hall:catalogue_export": """
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
        township_admin        200*   405
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # POST without a file: the form's error, nothing written.
    "hall:catalogue_import": """
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
        township_admin        200    200
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    "hall:catalogue_import_report": """
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
    # The public guide (办事指南): no login, nothing personal; the one publishing township's index (302).
    "hall:guide_home": """
                              GET    POST
        anonymous             302    405
        nobody                302    405
        resident              302    405
        party_member          302    405
        volunteer             302    405
        grid_worker           302    405
        community_staff       302    405
        window_clerk          302    405
        mediator              302    405
        supervisor            302    405
        township_admin        302    405
        township_reviewer     302    405
        sys_admin             302    405
        sec_admin             302    405
        audit_admin           302    405
    """,
    "hall:guide_community": """
                              GET    POST
        anonymous             302    405
        nobody                302    405
        resident              302    405
        party_member          302    405
        volunteer             302    405
        grid_worker           302    405
        community_staff       302    405
        window_clerk          302    405
        mediator              302    405
        supervisor            302    405
        township_admin        302    405
        township_reviewer     302    405
        sys_admin             302    405
        sec_admin             302    405
        audit_admin           302    405
    """,
    "hall:guide_index": """
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
    "hall:guide": """
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
