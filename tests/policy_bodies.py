"""The declared access policy of a community's bodies (gongzhi.bodies), gathered into tests/policy.py.

Objects (tests/matrix_bodies.py): "same" is 青山村's (its community, its committee, a member, a representative),
"other" 东街社区's. Who (gongzhi/bodies/rules.py): `bodies.view` — community staff, the supervisory committee,
party members over their community, the township office and its departments; `bodies.manage` — the community's
staff and the township office. A page or operation on a body, a membership or a community outside the viewer's
reach is 404, as one that does not exist; a reader who does not keep it is refused (403). Members are shown by
name and post only. The public page of the two committees' members (公示) needs no account. Every writing POST
is marked *.
"""

PART_PAGES: dict[str, str] = {
    # The viewer's communities: readers; one community goes straight to its page (302), the township sees the list.
    "bodies:index": """
                                      GET    POST
        anonymous                     login  login
        nobody                        403    403
        resident                      403    403
        party_member                  302    405
        volunteer                     403    403
        grid_worker                   403    403
        community_staff               302    405
        window_clerk                  403    403
        mediator                      403    403
        supervisor                    302    405
        township_admin                200    405
        township_reviewer             200    405
        sys_admin                     403    403
        sec_admin                     403    403
        audit_admin                   403    403
    """,
    # A community's bodies: readers over it; another community 404.
    "bodies:community": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  200    404    405    405
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    405    405
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    200    404    405    405
        township_admin                200    200    405    405
        township_reviewer             200    200    405    405
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # A body with current and past members: as the community's page.
    "bodies:body": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  200    404    405    405
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    405    405
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    200    404    405    405
        township_admin                200    200    405    405
        township_reviewer             200    200    405    405
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # Register a body (红白理事会): the community's staff and the township office.
    "bodies:body_new": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    302*   404
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    403    403    403    403
        township_admin                200    200    302*   302*
        township_reviewer             403    403    403    403
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # Change a body: the same.
    "bodies:body_edit": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    302*   404
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    403    403    403    403
        township_admin                200    200    302*   302*
        township_reviewer             403    403    403    403
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # Add a member picked from the register: the same.
    "bodies:member_new": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    302*   404
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    403    403    403    403
        township_admin                200    200    302*   302*
        township_reviewer             403    403    403    403
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # A member leaves (kept among past members): the same; the object is a membership.
    "bodies:member_end": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    302*   404
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    403    403    403    403
        township_admin                200    200    302*   302*
        township_reviewer             403    403    403    403
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # A representative's households: the same; the object is a representative's membership.
    "bodies:member_households": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
        volunteer                     403    403    403    403
        grid_worker                   403    403    403    403
        community_staff               200    404    302*   404
        window_clerk                  403    403    403    403
        mediator                      403    403    403    403
        supervisor                    403    403    403    403
        township_admin                200    200    302*   302*
        township_reviewer             403    403    403    403
        sys_admin                     403    403    403    403
        sec_admin                     403    403    403    403
        audit_admin                   403    403    403    403
    """,
    # The public page of the two committees' members (公示): anyone, no login.
    "bodies:public": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     200    200    405    405
        nobody                        200    200    405    405
        resident                      200    200    405    405
        party_member                  200    200    405    405
        volunteer                     200    200    405    405
        grid_worker                   200    200    405    405
        community_staff               200    200    405    405
        window_clerk                  200    200    405    405
        mediator                      200    200    405    405
        supervisor                    200    200    405    405
        township_admin                200    200    405    405
        township_reviewer             200    200    405    405
        sys_admin                     200    200    405    405
        sec_admin                     200    200    405    405
        audit_admin                   200    200    405    405
    """,
}

PART_API: dict[str, str] = {
    # The bodies the token user reads (by community): readers; anyone else 403.
    "GET /api/v1/bodies": """
                                      GET    POST
        anonymous                     401    -
        nobody                        403    -
        resident                      403    -
        party_member                  200    -
        volunteer                     403    -
        grid_worker                   403    -
        community_staff               200    -
        window_clerk                  403    -
        mediator                      403    -
        supervisor                    200    -
        township_admin                200    -
        township_reviewer             200    -
        sys_admin                     403    -
        sec_admin                     403    -
        audit_admin                   403    -
    """,
    # Register a body in a community (community_id in the body): keepers; readers who do not keep it 403; a community out of reach 404.
    "POST /api/v1/bodies": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     -      -      401    401
        nobody                        -      -      404    404
        resident                      -      -      404    404
        party_member                  -      -      403    404
        volunteer                     -      -      404    404
        grid_worker                   -      -      404    404
        community_staff               -      -      201*   404
        window_clerk                  -      -      404    404
        mediator                      -      -      404    404
        supervisor                    -      -      403    404
        township_admin                -      -      201*   201*
        township_reviewer             -      -      403    403
        sys_admin                     -      -      404    404
        sec_admin                     -      -      404    404
        audit_admin                   -      -      404    404
    """,
    # A body with members, past members and warnings: readers over it; else 404.
    "GET /api/v1/bodies/{body_id}": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     401    401    405    405
        nobody                        404    404    405    405
        resident                      404    404    405    405
        party_member                  200    404    405    405
        volunteer                     404    404    405    405
        grid_worker                   404    404    405    405
        community_staff               200    404    405    405
        window_clerk                  404    404    405    405
        mediator                      404    404    405    405
        supervisor                    200    404    405    405
        township_admin                200    200    405    405
        township_reviewer             200    200    405    405
        sys_admin                     404    404    405    405
        sec_admin                     404    404    405    405
        audit_admin                   404    404    405    405
    """,
    # Change a body: keepers over it; readers 403; else 404.
    "POST /api/v1/bodies/{body_id}/change": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     405    405    401    401
        nobody                        405    405    404    404
        resident                      405    405    404    404
        party_member                  405    405    403    404
        volunteer                     405    405    404    404
        grid_worker                   405    405    404    404
        community_staff               405    405    200*   404
        window_clerk                  405    405    404    404
        mediator                      405    405    404    404
        supervisor                    405    405    403    404
        township_admin                405    405    200*   200*
        township_reviewer             405    405    403    403
        sys_admin                     405    405    404    404
        sec_admin                     405    405    404    404
        audit_admin                   405    405    404    404
    """,
    # Add a member: the same.
    "POST /api/v1/bodies/{body_id}/members": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     405    405    401    401
        nobody                        405    405    404    404
        resident                      405    405    404    404
        party_member                  405    405    403    404
        volunteer                     405    405    404    404
        grid_worker                   405    405    404    404
        community_staff               405    405    201*   404
        window_clerk                  405    405    404    404
        mediator                      405    405    404    404
        supervisor                    405    405    403    404
        township_admin                405    405    201*   201*
        township_reviewer             405    405    403    403
        sys_admin                     405    405    404    404
        sec_admin                     405    405    404    404
        audit_admin                   405    405    404    404
    """,
    # A member leaves: the same (object: a membership).
    "POST /api/v1/bodies/members/{membership_id}/end": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     405    405    401    401
        nobody                        405    405    404    404
        resident                      405    405    404    404
        party_member                  405    405    403    404
        volunteer                     405    405    404    404
        grid_worker                   405    405    404    404
        community_staff               405    405    200*   404
        window_clerk                  405    405    404    404
        mediator                      405    405    404    404
        supervisor                    405    405    403    404
        township_admin                405    405    200*   200*
        township_reviewer             405    405    403    403
        sys_admin                     405    405    404    404
        sec_admin                     405    405    404    404
        audit_admin                   405    405    404    404
    """,
    # A representative's households: the same.
    "POST /api/v1/bodies/members/{membership_id}/households": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     405    405    401    401
        nobody                        405    405    404    404
        resident                      405    405    404    404
        party_member                  405    405    403    404
        volunteer                     405    405    404    404
        grid_worker                   405    405    404    404
        community_staff               405    405    200*   404
        window_clerk                  405    405    404    404
        mediator                      405    405    404    404
        supervisor                    405    405    403    404
        township_admin                405    405    200*   200*
        township_reviewer             405    405    403    403
        sys_admin                     405    405    404    404
        sec_admin                     405    405    404    404
        audit_admin                   405    405    404    404
    """,
}
