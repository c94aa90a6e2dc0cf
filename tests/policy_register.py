"""The declared access policy of the register's household actions and full exports (issue 8),
parsed and merged into tests/policy.py.

Households (tests/test_permission_matrix.py): "own" is the household of the actor's own register
entry, "same"/"grid"/"other" the planted households of 1组网格, 2组网格 and 东街社区; each holds one
member with no relation to the head yet. Adding a member moves someone the actor may write into the
household (for "own": the planted 1组网格 resident; otherwise the actor's own entry); changing the head
makes that one member head; moving out records 迁出 for them. The register's writers (grid worker over
1组网格, community staff and window clerk over 青山村) act inside their scope and get 404 outside it;
the township's readers may read and print but not change. Printing is an audited export (200*).
"""

REGISTER_PAGES: dict[str, str] = {
    "residents:household_add_member": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200    200    404    404    302*   302*   404    404
        community_staff       200    200    200    404    302*   302*   302*   404
        window_clerk          200    200    200    404    302*   302*   302*   404
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        403    403    403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    "residents:household_change_head": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200    200    404    404    302*   302*   404    404
        community_staff       200    200    200    404    302*   302*   302*   404
        window_clerk          200    200    200    404    302*   302*   302*   404
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        403    403    403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    "residents:household_move_out": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200    200    404    404    302*   302*   404    404
        community_staff       200    200    200    404    302*   302*   302*   404
        window_clerk          200    200    200    404    302*   302*   302*   404
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        403    403    403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    # The printed household (PDF): masked like the page, and audited as an export (200*).
    "residents:household_print": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200*   200*   404    404    405    405    405    405
        community_staff       200*   200*   200*   404    405    405    405    405
        window_clerk          200*   200*   200*   404    405    405    405    405
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        200*   200*   200*   200*   405    405    405    405
        township_reviewer     200*   200*   200*   200*   405    405    405    405
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
}

# Export requests (full IDs and phones, or a masked export over 200 rows): requested by community
# staff or the township office, approved by another township officer. Objects: "own" is a request the actor made (for 青山村), "same" one of
# 青山村's other staff member, "other" one of 东街社区's staff; decide uses pending requests, download
# approved ones. The only township officer in the world cannot request (nobody else could approve:
# the form shows why, 200) and cannot approve their own request (302 back with the reason, nothing
# written); only the requester downloads, once (200*), others are sent back with the reason (302).
REGISTER_PAGES.update({
    "residents:export_requests": """
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
        supervisor            403    403
        township_admin        200    405
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    "residents:export_request_new": """
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
        township_admin        200    200
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    "residents:export_request_detail": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403
        community_staff       200    404    404    405    405    405
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        200    200    200    405    405    405
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
    """,
    "residents:export_request_decide": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403
        community_staff       403    403    403    403    403    403
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        405    405    405    302    302*   302*
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
    """,
    "residents:export_request_download": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403
        community_staff       405    405    405    200*   404    404
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        405    405    405    200*   302    302
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
    """,
})  # fmt: skip
