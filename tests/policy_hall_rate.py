"""The declared access policy of the hall's 好差评, unreasonable marks, follow-ups and statistics (the rating part).

Objects: see tests/matrix_hall_rate.py. The POST-only routes answer 405 to GET (the follow-up moves first ask
for the page's permission: 403). Rating is the applicant's alone (own: 302*); those who see the application but
are not its applicant get 403, everyone else 404 as for any application they may not see. Marking is the
township admin's; reviewing the mark is the supervisory committee's over the application's community (青山村).
Follow-ups and their moves are the township admin's; the statistics the township admin's, the back office's
and the supervisory committee's (each within their reach: the page names no one).
"""

PART_PAGES: dict[str, str] = {
    "hall:rate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   404    404    404
        community_staff       405    405    405    405    302*   403    403    404
        window_clerk          405    405    405    405    302*   403    403    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   403    403    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    "hall:mark_unreasonable": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    403    403    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "hall:review_unreasonable": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    404    404    404
        community_staff       405    405    405    405    403    403    403    404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    302*   302*   302*   404
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    "hall:followup": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       403    403    403    403    403    403    403    403
        window_clerk          403    403    403    403    403    403    403    403
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    "hall:followup_visit": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       403    403    403    403    403    403    403    403
        window_clerk          403    403    403    403    403    403    403    403
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    "hall:followup_rectify": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       403    403    403    403    403    403    403    403
        window_clerk          403    403    403    403    403    403    403    403
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    # The statistics: aggregates within the viewer's reach, no names.
    "hall:stats": """
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
        supervisor            200    405
        township_admin        200    405
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
}
