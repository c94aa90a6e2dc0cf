"""The declared access policy of the count (gongzhi.elections: candidates, the count, the result), gathered into
tests/policy.py.

Objects (tests/matrix_elections_count.py): "same" is 青山村's election, "other" 东街社区's, each with its
candidates published, one box counted by two clerks, signed by the scrutineers and announced. Who
(gongzhi/elections/rules.py): `elections.view` — the community's staff, the supervisory committee, the
township office and its reviewers. A poll outside the viewer's reach is 404, as one that does not exist. The
public notice of an announced result (names of the elected, votes per candidate) needs no account. The pages
only read: a POST is 405.
"""

PART_PAGES: dict[str, str] = {
    # A poll's boxes, paper and disagreements (both clerks' figures once both are in): readers over it.
    "elections:count": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
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
    # The PDF record of a signed count, every box: the same.
    "elections:count_record": """
                                      GET           POST
                                      same   other  same   other
        anonymous                     login  login  login  login
        nobody                        403    403    403    403
        resident                      403    403    403    403
        party_member                  403    403    403    403
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
    # The public notice of an announced result: anyone.
    "elections:notice": """
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
