"""The declared access policy of the service hall's front desk (前台受理), gathered into tests/policy.py.

Objects: see tests/matrix_hall_desk.py. Applying: a resident for themselves (hall.apply), the window, the
village cadres and grid workers for a resident of the register in their area (hall.apply_for; the columns are
the residents of the register in each relation). The desk's moves (accept, notify, refuse, forward) belong to
the window over the applicant's community (case_moves_for: routing by stage); supplying, withdrawing and
bringing a promised material to the applicant (own); the receipt to whoever may see the application once it
is accepted. Someone who may not see the application gets 404, as for one that does not exist; someone who
sees it but does not act in this step gets 403 — the window's own application included (回避: another clerk
handles it); a step not open now is a message on the page (302, nothing written). Every writing POST is
marked *.
"""

PART_PAGES: dict[str, str] = {
    "hall:apply_start": """
                                      GET    POST
        anonymous                     login  405
        nobody                        403    405
        resident                      200    405
        party_member                  403    405
        volunteer                     403    405
        grid_worker                   200    405
        community_staff               200    405
        window_clerk                  200    405
        mediator                      403    405
        supervisor                    403    405
        township_admin                403    405
        township_reviewer             403    405
        sys_admin                     403    405
        sec_admin                     403    405
        audit_admin                   403    405
    """,
    "hall:apply": """
                                      GET    POST
        anonymous                     login  login
        nobody                        403    403
        resident                      200    302*
        party_member                  403    403
        volunteer                     403    403
        grid_worker                   403    403
        community_staff               403    403
        window_clerk                  403    403
        mediator                      403    403
        supervisor                    403    403
        township_admin                403    403
        township_reviewer             403    403
        sys_admin                     403    403
        sec_admin                     403    403
        audit_admin                   403    403
    """,
    "hall:proxy_request": """
                                      GET    POST
        anonymous                     login  login
        nobody                        403    403
        resident                      200    302*
        party_member                  403    403
        volunteer                     403    403
        grid_worker                   403    403
        community_staff               403    403
        window_clerk                  403    403
        mediator                      403    403
        supervisor                    403    403
        township_admin                403    403
        township_reviewer             403    403
        sys_admin                     403    403
        sec_admin                     403    403
        audit_admin                   403    403
    """,
    "hall:mine": """
                                      GET    POST
        anonymous                     login  405
        nobody                        200    405
        resident                      200    405
        party_member                  200    405
        volunteer                     200    405
        grid_worker                   200    405
        community_staff               200    405
        window_clerk                  200    405
        mediator                      200    405
        supervisor                    200    405
        township_admin                200    405
        township_reviewer             200    405
        sys_admin                     200    405
        sec_admin                     200    405
        audit_admin                   200    405
    """,
    "hall:promises": """
                                      GET    POST
        anonymous                     login  login
        nobody                        403    403
        resident                      403    403
        party_member                  403    403
        volunteer                     403    403
        grid_worker                   403    403
        community_staff               200    405
        window_clerk                  200    405
        mediator                      403    403
        supervisor                    403    403
        township_admin                403    403
        township_reviewer             403    403
        sys_admin                     403    403
        sec_admin                     403    403
        audit_admin                   403    403
    """,
    "hall:accept": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    403    404    404    404
        resident                      405    405    405    405    403    404    404    404
        party_member                  405    405    405    405    403    404    404    404
        volunteer                     405    405    405    405    403    404    404    404
        grid_worker                   405    405    405    405    403    404    404    404
        community_staff               405    405    405    405    403    302*   302*   404
        window_clerk                  405    405    405    405    403    302*   302*   404
        mediator                      405    405    405    405    403    404    404    404
        supervisor                    405    405    405    405    403    403    403    404
        township_admin                405    405    405    405    403    403    403    403
        township_reviewer             405    405    405    405    403    403    403    403
        sys_admin                     405    405    405    405    403    404    404    404
        sec_admin                     405    405    405    405    403    404    404    404
        audit_admin                   405    405    405    405    403    404    404    404
    """,
    "hall:notify": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    403    404    404    404
        resident                      405    405    405    405    403    404    404    404
        party_member                  405    405    405    405    403    404    404    404
        volunteer                     405    405    405    405    403    404    404    404
        grid_worker                   405    405    405    405    403    404    404    404
        community_staff               405    405    405    405    403    302*   302*   404
        window_clerk                  405    405    405    405    403    302*   302*   404
        mediator                      405    405    405    405    403    404    404    404
        supervisor                    405    405    405    405    403    403    403    404
        township_admin                405    405    405    405    403    403    403    403
        township_reviewer             405    405    405    405    403    403    403    403
        sys_admin                     405    405    405    405    403    404    404    404
        sec_admin                     405    405    405    405    403    404    404    404
        audit_admin                   405    405    405    405    403    404    404    404
    """,
    "hall:refuse": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    403    404    404    404
        resident                      405    405    405    405    403    404    404    404
        party_member                  405    405    405    405    403    404    404    404
        volunteer                     405    405    405    405    403    404    404    404
        grid_worker                   405    405    405    405    403    404    404    404
        community_staff               405    405    405    405    403    302*   302*   404
        window_clerk                  405    405    405    405    403    302*   302*   404
        mediator                      405    405    405    405    403    404    404    404
        supervisor                    405    405    405    405    403    403    403    404
        township_admin                405    405    405    405    403    403    403    403
        township_reviewer             405    405    405    405    403    403    403    403
        sys_admin                     405    405    405    405    403    404    404    404
        sec_admin                     405    405    405    405    403    404    404    404
        audit_admin                   405    405    405    405    403    404    404    404
    """,
    "hall:withdraw": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    302*   404    404    404
        resident                      405    405    405    405    302*   404    404    404
        party_member                  405    405    405    405    302*   404    404    404
        volunteer                     405    405    405    405    302*   404    404    404
        grid_worker                   405    405    405    405    302*   404    404    404
        community_staff               405    405    405    405    302*   403    403    404
        window_clerk                  405    405    405    405    302*   403    403    404
        mediator                      405    405    405    405    302*   404    404    404
        supervisor                    405    405    405    405    302*   403    403    404
        township_admin                405    405    405    405    302*   403    403    403
        township_reviewer             405    405    405    405    302*   403    403    403
        sys_admin                     405    405    405    405    302*   404    404    404
        sec_admin                     405    405    405    405    302*   404    404    404
        audit_admin                   405    405    405    405    302*   404    404    404
    """,
    "hall:forward": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    403    404    404    404
        resident                      405    405    405    405    403    404    404    404
        party_member                  405    405    405    405    403    404    404    404
        volunteer                     405    405    405    405    403    404    404    404
        grid_worker                   405    405    405    405    403    404    404    404
        community_staff               405    405    405    405    403    302*   302*   404
        window_clerk                  405    405    405    405    403    302*   302*   404
        mediator                      405    405    405    405    403    404    404    404
        supervisor                    405    405    405    405    403    403    403    404
        township_admin                405    405    405    405    403    403    403    403
        township_reviewer             405    405    405    405    403    403    403    403
        sys_admin                     405    405    405    405    403    404    404    404
        sec_admin                     405    405    405    405    403    404    404    404
        audit_admin                   405    405    405    405    403    404    404    404
    """,
    "hall:supply": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    302*   404    404    404
        resident                      405    405    405    405    302*   404    404    404
        party_member                  405    405    405    405    302*   404    404    404
        volunteer                     405    405    405    405    302*   404    404    404
        grid_worker                   405    405    405    405    302*   404    404    404
        community_staff               405    405    405    405    302*   403    403    404
        window_clerk                  405    405    405    405    302*   403    403    404
        mediator                      405    405    405    405    302*   404    404    404
        supervisor                    405    405    405    405    302*   403    403    404
        township_admin                405    405    405    405    302*   403    403    403
        township_reviewer             405    405    405    405    302*   403    403    403
        sys_admin                     405    405    405    405    302*   404    404    404
        sec_admin                     405    405    405    405    302*   404    404    404
        audit_admin                   405    405    405    405    302*   404    404    404
    """,
    "hall:receipt": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      login  login  login  -      405    405    405
        nobody                        200    404    404    404    405    405    405    405
        resident                      200    404    404    404    405    405    405    405
        party_member                  200    404    404    404    405    405    405    405
        volunteer                     200    404    404    404    405    405    405    405
        grid_worker                   200    404    404    404    405    405    405    405
        community_staff               200    200    200    404    405    405    405    405
        window_clerk                  200    200    200    404    405    405    405    405
        mediator                      200    404    404    404    405    405    405    405
        supervisor                    200    200    200    404    405    405    405    405
        township_admin                200    200    200    200    405    405    405    405
        township_reviewer             200    200    200    200    405    405    405    405
        sys_admin                     200    404    404    404    405    405    405    405
        sec_admin                     200    404    404    404    405    405    405    405
        audit_admin                   200    404    404    404    405    405    405    405
    """,
    # A file handed in: the applicant and whoever may see the application; a read by staff is recorded in the
    # audit trail (hall.file_read: the write, *).
    "hall:file": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      login  login  login  -      405    405    405
        nobody                        200    404    404    404    405    405    405    405
        resident                      200    404    404    404    405    405    405    405
        party_member                  200    404    404    404    405    405    405    405
        volunteer                     200    404    404    404    405    405    405    405
        grid_worker                   200    404    404    404    405    405    405    405
        community_staff               200    200*   200*   404    405    405    405    405
        window_clerk                  200    200*   200*   404    405    405    405    405
        mediator                      200    404    404    404    405    405    405    405
        supervisor                    200    200*   200*   404    405    405    405    405
        township_admin                200    200*   200*   200*   405    405    405    405
        township_reviewer             200    200*   200*   200*   405    405    405    405
        sys_admin                     200    404    404    404    405    405    405    405
        sec_admin                     200    404    404    404    405    405    405    405
        audit_admin                   200    404    404    404    405    405    405    405
    """,
    "hall:supply_promised": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      405    405    405    -      login  login  login
        nobody                        405    405    405    405    302*   404    404    404
        resident                      405    405    405    405    302*   404    404    404
        party_member                  405    405    405    405    302*   404    404    404
        volunteer                     405    405    405    405    302*   404    404    404
        grid_worker                   405    405    405    405    302*   404    404    404
        community_staff               405    405    405    405    302*   302*   302*   404
        window_clerk                  405    405    405    405    302*   302*   302*   404
        mediator                      405    405    405    405    302*   404    404    404
        supervisor                    405    405    405    405    302*   403    403    404
        township_admin                405    405    405    405    302*   403    403    403
        township_reviewer             405    405    405    405    302*   403    403    403
        sys_admin                     405    405    405    405    302*   404    404    404
        sec_admin                     405    405    405    405    302*   404    404    404
        audit_admin                   405    405    405    405    302*   404    404    404
    """,
    "hall:apply_for": """
                                      GET                        POST
                                      own    same   grid   other  own    same   grid   other
        anonymous                     -      login  login  login  -      login  login  login
        nobody                        403    403    403    403    403    403    403    403
        resident                      403    403    403    403    403    403    403    403
        party_member                  403    403    403    403    403    403    403    403
        volunteer                     403    403    403    403    403    403    403    403
        grid_worker                   200    200    200    200    302*   302*   200    200
        community_staff               200    200    200    200    302*   302*   302*   200
        window_clerk                  200    200    200    200    302*   302*   302*   200
        mediator                      403    403    403    403    403    403    403    403
        supervisor                    403    403    403    403    403    403    403    403
        township_admin                403    403    403    403    403    403    403    403
        township_reviewer             403    403    403    403    403    403    403    403
        sys_admin                     403    403    403    403    403    403    403    403
        sec_admin                     403    403    403    403    403    403    403    403
        audit_admin                   403    403    403    403    403    403    403    403
    """,
}
