"""The declared access policy of residents' proposals (提案权) and their thread (议事厅), gathered into tests/policy.py.

Objects: see tests/matrix_selfgov_proposals.py. Reading is public (the count without names). Every actor of the
matrix has an entry of their own in 青山村's register, so every signed-in actor may propose, sign and post in
青山村; 东街社区's proposal ("other") is another community's: signing it is refused with a message (302,
nothing written; the API's 400), posting in its thread is the township office's only. A draft is seen by its
author and the moderators only (404 to the rest). Author's moves (open, submit, withdraw) are the author's; the
answer, the meeting and closing are the community's staff's (the party organisation's answer is recorded by
them); hiding a post is the moderators'. Every writing request is marked *.
"""

PART_PAGES: dict[str, str] = {
    # Every community's proposals: public.
    "selfgov:proposals": """
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
    # One community's public list with its counts (青山村 / 东街社区): public.
    "selfgov:proposals_community": """
                              GET           POST
                              same   other  same   other
        anonymous             200    200    405    405
        nobody                200    200    405    405
        resident              200    200    405    405
        party_member          200    200    405    405
        volunteer             200    200    405    405
        grid_worker           200    200    405    405
        community_staff       200    200    405    405
        window_clerk          200    200    405    405
        mediator              200    200    405    405
        supervisor            200    200    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             200    200    405    405
        sec_admin             200    200    405    405
        audit_admin           200    200    405    405
    """,
    # Proposing: anyone signed in with an entry in the register (every actor of the matrix has one in 青山村).
    "selfgov:proposal_new": """
                              GET    POST
        anonymous             login  login
        nobody                200    302*
        resident              200    302*
        party_member          200    302*
        volunteer             200    302*
        grid_worker           200    302*
        community_staff       200    302*
        window_clerk          200    302*
        mediator              200    302*
        supervisor            200    302*
        township_admin        200    302*
        township_reviewer     200    302*
        sys_admin             200    302*
        sec_admin             200    302*
        audit_admin           200    302*
    """,
    # Meetings made due and proposals waiting for an answer: the community's staff, the township office, the supervisory committee.
    # The township office's own time limit for the meetings proposals make due (POST writes it and an audit row).
    "selfgov:proposals_settings": """
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
    "selfgov:proposals_due": """
                              GET    POST
        anonymous             login  405
        nobody                403    405
        resident              403    405
        party_member          403    405
        volunteer             403    405
        grid_worker           403    405
        community_staff       200    405
        window_clerk          403    405
        mediator              403    405
        supervisor            200    405
        township_admin        200    405
        township_reviewer     403    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    # A proposal's public page with its count and thread (gathering).
    "selfgov:proposal": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      200    200    -      405    405
        nobody                200    200    200    405    405    405
        resident              200    200    200    405    405    405
        party_member          200    200    200    405    405    405
        volunteer             200    200    200    405    405    405
        grid_worker           200    200    200    405    405    405
        community_staff       200    200    200    405    405    405
        window_clerk          200    200    200    405    405    405
        mediator              200    200    200    405    405    405
        supervisor            200    200    200    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    200    200    405    405    405
        sec_admin             200    200    200    405    405    405
        audit_admin           200    200    200    405    405    405
    """,
    # Opening a draft: its author; a draft is seen by its author and the moderators only (404 to the rest).
    "selfgov:proposal_open": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302*   404    404
        resident              405    405    405    302*   404    404
        party_member          405    405    405    302*   404    404
        volunteer             405    405    405    302*   404    404
        grid_worker           405    405    405    302*   404    404
        community_staff       405    405    405    302*   403    404
        window_clerk          405    405    405    302*   404    404
        mediator              405    405    405    302*   404    404
        supervisor            405    405    405    302*   404    404
        township_admin        405    405    405    302*   403    403
        township_reviewer     405    405    405    302*   404    404
        sys_admin             405    405    405    302*   404    404
        sec_admin             405    405    405    302*   404    404
        audit_admin           405    405    405    302*   404    404
    """,
    # Signing: any resident of the proposal's community; the author has signed already and 东街社区's is another community (a message, nothing written).
    "selfgov:proposal_sign": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302    302*   302
        resident              405    405    405    302    302*   302
        party_member          405    405    405    302    302*   302
        volunteer             405    405    405    302    302*   302
        grid_worker           405    405    405    302    302*   302
        community_staff       405    405    405    302    302*   302
        window_clerk          405    405    405    302    302*   302
        mediator              405    405    405    302    302*   302
        supervisor            405    405    405    302    302*   302
        township_admin        405    405    405    302    302*   302
        township_reviewer     405    405    405    302    302*   302
        sys_admin             405    405    405    302    302*   302
        sec_admin             405    405    405    302    302*   302
        audit_admin           405    405    405    302    302*   302
    """,
    # Withdrawing one's signature: own is a proposal the actor co-signed; the others a message (not signed).
    "selfgov:proposal_unsign": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302*   302    302
        resident              405    405    405    302*   302    302
        party_member          405    405    405    302*   302    302
        volunteer             405    405    405    302*   302    302
        grid_worker           405    405    405    302*   302    302
        community_staff       405    405    405    302*   302    302
        window_clerk          405    405    405    302*   302    302
        mediator              405    405    405    302*   302    302
        supervisor            405    405    405    302*   302    302
        township_admin        405    405    405    302*   302    302
        township_reviewer     405    405    405    302*   302    302
        sys_admin             405    405    405    302*   302    302
        sec_admin             405    405    405    302*   302    302
        audit_admin           405    405    405    302*   302    302
    """,
    # Signing for a resident of the register with their consent: grid worker, window clerk, community staff over the resident.
    "selfgov:proposal_sign_for": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           200    404    302*   404
        community_staff       200    404    302*   404
        window_clerk          200    404    302*   404
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # Submitting before the threshold: the author.
    "selfgov:proposal_submit": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302*   403    403
        resident              405    405    405    302*   403    403
        party_member          405    405    405    302*   403    403
        volunteer             405    405    405    302*   403    403
        grid_worker           405    405    405    302*   403    403
        community_staff       405    405    405    302*   403    403
        window_clerk          405    405    405    302*   403    403
        mediator              405    405    405    302*   403    403
        supervisor            405    405    405    302*   403    403
        township_admin        405    405    405    302*   403    403
        township_reviewer     405    405    405    302*   403    403
        sys_admin             405    405    405    302*   403    403
        sec_admin             405    405    405    302*   403    403
        audit_admin           405    405    405    302*   403    403
    """,
    # Withdrawing: the author.
    "selfgov:proposal_withdraw": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302*   403    403
        resident              405    405    405    302*   403    403
        party_member          405    405    405    302*   403    403
        volunteer             405    405    405    302*   403    403
        grid_worker           405    405    405    302*   403    403
        community_staff       405    405    405    302*   403    403
        window_clerk          405    405    405    302*   403    403
        mediator              405    405    405    302*   403    403
        supervisor            405    405    405    302*   403    403
        township_admin        405    405    405    302*   403    403
        township_reviewer     405    405    405    302*   403    403
        sys_admin             405    405    405    302*   403    403
        sec_admin             405    405    405    302*   403    403
        audit_admin           405    405    405    302*   403    403
    """,
    # The party organisation's answer: the community's staff.
    "selfgov:proposal_answer": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403
        community_staff       200    200    404    302*   302*   404
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
    """,
    # Linking the meeting convened on a proposal that reached its threshold: the community's staff.
    "selfgov:proposal_meeting": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    login  login
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    302*   403
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    # Closing an answered proposal: the community's staff.
    "selfgov:proposal_close": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    403    403    403
        resident              405    405    405    403    403    403
        party_member          405    405    405    403    403    403
        volunteer             405    405    405    403    403    403
        grid_worker           405    405    405    403    403    403
        community_staff       405    405    405    302*   302*   403
        window_clerk          405    405    405    403    403    403
        mediator              405    405    405    403    403    403
        supervisor            405    405    405    403    403    403
        township_admin        405    405    405    403    403    403
        township_reviewer     405    405    405    403    403    403
        sys_admin             405    405    405    403    403    403
        sec_admin             405    405    405    403    403    403
        audit_admin           405    405    405    403    403    403
    """,
    # The thread: residents of the community (every actor in 青山村), moderators (the township office also on 东街社区's).
    "selfgov:proposal_post": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302*   302*   403
        resident              405    405    405    302*   302*   403
        party_member          405    405    405    302*   302*   403
        volunteer             405    405    405    302*   302*   403
        grid_worker           405    405    405    302*   302*   403
        community_staff       405    405    405    302*   302*   403
        window_clerk          405    405    405    302*   302*   403
        mediator              405    405    405    302*   302*   403
        supervisor            405    405    405    302*   302*   403
        township_admin        405    405    405    302*   302*   302*
        township_reviewer     405    405    405    302*   302*   403
        sys_admin             405    405    405    302*   302*   403
        sec_admin             405    405    405    302*   302*   403
        audit_admin           405    405    405    302*   302*   403
    """,
    # Hiding a post with a reason: the community's staff and the township office.
    "selfgov:proposal_post_hide": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    403    403    403
        resident              405    405    405    403    403    403
        party_member          405    405    405    403    403    403
        volunteer             405    405    405    403    403    403
        grid_worker           405    405    405    403    403    403
        community_staff       405    405    405    302*   302*   403
        window_clerk          405    405    405    403    403    403
        mediator              405    405    405    403    403    403
        supervisor            405    405    405    403    403    403
        township_admin        405    405    405    302*   302*   302*
        township_reviewer     405    405    405    403    403    403
        sys_admin             405    405    405    403    403    403
        sec_admin             405    405    405    403    403    403
        audit_admin           405    405    405    403    403    403
    """,
}

PART_API: dict[str, str] = {
    "GET /api/v1/selfgov/proposal-settings": """
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
        township_admin        200    405
        township_reviewer     403    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    "POST /api/v1/selfgov/proposal-settings/{township_id}": """
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
    "GET /api/v1/selfgov/proposals": """
                              GET           POST
                              same   other  same   other
        anonymous             401    401    -      -
        nobody                200    200    -      -
        resident              200    200    -      -
        party_member          200    200    -      -
        volunteer             200    200    -      -
        grid_worker           200    200    -      -
        community_staff       200    200    -      -
        window_clerk          200    200    -      -
        mediator              200    200    -      -
        supervisor            200    200    -      -
        township_admin        200    200    -      -
        township_reviewer     200    200    -      -
        sys_admin             200    200    -      -
        sec_admin             200    200    -      -
        audit_admin           200    200    -      -
    """,
    "POST /api/v1/selfgov/proposals": """
                              GET    POST
        anonymous             -      401
        nobody                -      201*
        resident              -      201*
        party_member          -      201*
        volunteer             -      201*
        grid_worker           -      201*
        community_staff       -      201*
        window_clerk          -      201*
        mediator              -      201*
        supervisor            -      201*
        township_admin        -      201*
        township_reviewer     -      201*
        sys_admin             -      201*
        sec_admin             -      201*
        audit_admin           -      201*
    """,
    "GET /api/v1/selfgov/proposals/{proposal_id}": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      401    401    -      405    405
        nobody                200    200    200    405    405    405
        resident              200    200    200    405    405    405
        party_member          200    200    200    405    405    405
        volunteer             200    200    200    405    405    405
        grid_worker           200    200    200    405    405    405
        community_staff       200    200    200    405    405    405
        window_clerk          200    200    200    405    405    405
        mediator              200    200    200    405    405    405
        supervisor            200    200    200    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    200    200    405    405    405
        sec_admin             200    200    200    405    405    405
        audit_admin           200    200    200    405    405    405
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/open": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    200*   404    404
        resident              405    405    405    200*   404    404
        party_member          405    405    405    200*   404    404
        volunteer             405    405    405    200*   404    404
        grid_worker           405    405    405    200*   404    404
        community_staff       405    405    405    200*   403    404
        window_clerk          405    405    405    200*   404    404
        mediator              405    405    405    200*   404    404
        supervisor            405    405    405    200*   404    404
        township_admin        405    405    405    200*   403    403
        township_reviewer     405    405    405    200*   404    404
        sys_admin             405    405    405    200*   404    404
        sec_admin             405    405    405    200*   404    404
        audit_admin           405    405    405    200*   404    404
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/signatures": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    409    201*   400
        resident              405    405    405    409    201*   400
        party_member          405    405    405    409    201*   400
        volunteer             405    405    405    409    201*   400
        grid_worker           405    405    405    409    201*   400
        community_staff       405    405    405    409    201*   400
        window_clerk          405    405    405    409    201*   400
        mediator              405    405    405    409    201*   400
        supervisor            405    405    405    409    201*   400
        township_admin        405    405    405    409    201*   400
        township_reviewer     405    405    405    409    201*   400
        sys_admin             405    405    405    409    201*   400
        sec_admin             405    405    405    409    201*   400
        audit_admin           405    405    405    409    201*   400
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/signatures/assisted": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    201*   404
        community_staff       405    405    201*   404
        window_clerk          405    405    201*   404
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/signatures/withdraw": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    200*   400    400
        resident              405    405    405    200*   400    400
        party_member          405    405    405    200*   400    400
        volunteer             405    405    405    200*   400    400
        grid_worker           405    405    405    200*   400    400
        community_staff       405    405    405    200*   400    400
        window_clerk          405    405    405    200*   400    400
        mediator              405    405    405    200*   400    400
        supervisor            405    405    405    200*   400    400
        township_admin        405    405    405    200*   400    400
        township_reviewer     405    405    405    200*   400    400
        sys_admin             405    405    405    200*   400    400
        sec_admin             405    405    405    200*   400    400
        audit_admin           405    405    405    200*   400    400
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/submit": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    200*   403    403
        resident              405    405    405    200*   403    403
        party_member          405    405    405    200*   403    403
        volunteer             405    405    405    200*   403    403
        grid_worker           405    405    405    200*   403    403
        community_staff       405    405    405    200*   403    403
        window_clerk          405    405    405    200*   403    403
        mediator              405    405    405    200*   403    403
        supervisor            405    405    405    200*   403    403
        township_admin        405    405    405    200*   403    403
        township_reviewer     405    405    405    200*   403    403
        sys_admin             405    405    405    200*   403    403
        sec_admin             405    405    405    200*   403    403
        audit_admin           405    405    405    200*   403    403
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/withdraw": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    200*   403    403
        resident              405    405    405    200*   403    403
        party_member          405    405    405    200*   403    403
        volunteer             405    405    405    200*   403    403
        grid_worker           405    405    405    200*   403    403
        community_staff       405    405    405    200*   403    403
        window_clerk          405    405    405    200*   403    403
        mediator              405    405    405    200*   403    403
        supervisor            405    405    405    200*   403    403
        township_admin        405    405    405    200*   403    403
        township_reviewer     405    405    405    200*   403    403
        sys_admin             405    405    405    200*   403    403
        sec_admin             405    405    405    200*   403    403
        audit_admin           405    405    405    200*   403    403
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/answer": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    403    403    403
        resident              405    405    405    403    403    403
        party_member          405    405    405    403    403    403
        volunteer             405    405    405    403    403    403
        grid_worker           405    405    405    403    403    403
        community_staff       405    405    405    200*   200*   403
        window_clerk          405    405    405    403    403    403
        mediator              405    405    405    403    403    403
        supervisor            405    405    405    403    403    403
        township_admin        405    405    405    403    403    403
        township_reviewer     405    405    405    403    403    403
        sys_admin             405    405    405    403    403    403
        sec_admin             405    405    405    403    403    403
        audit_admin           405    405    405    403    403    403
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/meeting/{meeting_id}": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    403    403
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    200*   403
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/close": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    403    403    403
        resident              405    405    405    403    403    403
        party_member          405    405    405    403    403    403
        volunteer             405    405    405    403    403    403
        grid_worker           405    405    405    403    403    403
        community_staff       405    405    405    200*   200*   403
        window_clerk          405    405    405    403    403    403
        mediator              405    405    405    403    403    403
        supervisor            405    405    405    403    403    403
        township_admin        405    405    405    403    403    403
        township_reviewer     405    405    405    403    403    403
        sys_admin             405    405    405    403    403    403
        sec_admin             405    405    405    403    403    403
        audit_admin           405    405    405    403    403    403
    """,
    "GET /api/v1/selfgov/proposals/{proposal_id}/posts": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      401    401    -      -      -
        nobody                200    200    200    -      -      -
        resident              200    200    200    -      -      -
        party_member          200    200    200    -      -      -
        volunteer             200    200    200    -      -      -
        grid_worker           200    200    200    -      -      -
        community_staff       200    200    200    -      -      -
        window_clerk          200    200    200    -      -      -
        mediator              200    200    200    -      -      -
        supervisor            200    200    200    -      -      -
        township_admin        200    200    200    -      -      -
        township_reviewer     200    200    200    -      -      -
        sys_admin             200    200    200    -      -      -
        sec_admin             200    200    200    -      -      -
        audit_admin           200    200    200    -      -      -
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/posts": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      -      -      -      401    401
        nobody                -      -      -      201*   201*   403
        resident              -      -      -      201*   201*   403
        party_member          -      -      -      201*   201*   403
        volunteer             -      -      -      201*   201*   403
        grid_worker           -      -      -      201*   201*   403
        community_staff       -      -      -      201*   201*   403
        window_clerk          -      -      -      201*   201*   403
        mediator              -      -      -      201*   201*   403
        supervisor            -      -      -      201*   201*   403
        township_admin        -      -      -      201*   201*   201*
        township_reviewer     -      -      -      201*   201*   403
        sys_admin             -      -      -      201*   201*   403
        sec_admin             -      -      -      201*   201*   403
        audit_admin           -      -      -      201*   201*   403
    """,
    "POST /api/v1/selfgov/proposals/{proposal_id}/posts/{post_id}/hide": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    403    403    403
        resident              405    405    405    403    403    403
        party_member          405    405    405    403    403    403
        volunteer             405    405    405    403    403    403
        grid_worker           405    405    405    403    403    403
        community_staff       405    405    405    200*   200*   403
        window_clerk          405    405    405    403    403    403
        mediator              405    405    405    403    403    403
        supervisor            405    405    405    403    403    403
        township_admin        405    405    405    200*   200*   200*
        township_reviewer     405    405    405    403    403    403
        sys_admin             405    405    405    403    403    403
        sec_admin             405    405    405    403    403    403
        audit_admin           405    405    405    403    403    403
    """,
}
