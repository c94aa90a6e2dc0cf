"""The declared access policy of the wish wall (微心愿), parsed and merged into tests/policy.py.

Objects per relation (tests/test_permission_matrix.py builds them): "own" is
the actor's own wish — written by the actor — except for release and fulfil,
where it is a wish the actor claimed. "same", "grid" and "other" are wishes
typed by staff for residents of 1组网格, 2组网格 and 东街社区 who have no
account. Each move's object is in the state that move starts from
(submitted, published, claimed, fulfilled, confirmed, withdrawn), so the
table shows who may, not whether the state allows it.
"""

WISH_PAGES: dict[str, str] = {
    # The township's wish wall: public, read-only.
    "wishes:wall": """
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
    # One community's wall (青山村): public, read-only.
    "wishes:community_wall": """
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
    # A resident posts their own wish (POST with a valid wish).
    "wishes:post": """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              200    302*
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
        sec_admin             403    403
        audit_admin           403    403
    """,
    # Posting for a resident (the object): assisters over the resident; out of scope the resident is not
    # found and the page asks to search again (200, nothing written).
    "wishes:post_assisted": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200    200    200    200    302*   302*   200    200
        community_staff       200    200    200    200    302*   302*   302*   200
        window_clerk          200    200    200    200    302*   302*   302*   200
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        403    403    403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
    """,
    # Claim periods of the communities in the actor's scope (POST: 青山村, 7 days).
    "wishes:settings": """
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
    # My wishes and claims.
    "wishes:mine": """
                              GET    POST
        anonymous             login  405
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
    # Staff queue of wishes in scope.
    "wishes:queue": """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           200    405
        community_staff       200    405
        window_clerk          200    405
        mediator              403    403
        supervisor            403    403
        township_admin        200    405
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # A wish awaiting moderation (not public): its author, or staff over it; others cannot tell it exists.
    "wishes:detail": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      404    404    404    -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    404    404    404    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # The photo of that wish: the same visibility as the wish.
    "wishes:photo": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      404    404    404    -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    404    404    404    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # Publish a submitted wish: community staff and the township admin over it.
    "wishes:publish": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    403    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # Redact personal data from a (published, public) wish: its moderators; everyone else sees it but may not.
    "wishes:redact": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    302*   302*   302*   403
        window_clerk          405    405    405    405    403    403    403    403
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    # Post in a claimed wish's private thread (own: the actor claimed it): the wisher, whoever typed it,
    # the claimer and the moderators over it; everyone else sees the public wish but not its thread.
    "wishes:message": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   403    403    403
        resident              405    405    405    405    302*   403    403    403
        party_member          405    405    405    405    302*   403    403    403
        volunteer             405    405    405    405    302*   403    403    403
        grid_worker           405    405    405    405    302*   403    403    403
        community_staff       405    405    405    405    302*   302*   302*   403
        window_clerk          405    405    405    405    302*   403    403    403
        mediator              405    405    405    405    302*   403    403    403
        supervisor            405    405    405    405    302*   403    403    403
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   403    403    403
        sec_admin             405    405    405    405    302*   403    403    403
        audit_admin           405    405    405    405    302*   403    403    403
    """,
    # Let the claimer see a phone number or meeting place (own: the actor wrote the submitted wish):
    # the wisher or whoever typed it for them; staff may see the wish but not decide this for the wisher.
    "wishes:contact": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   403    404    404
        community_staff       405    405    405    405    302*   403    403    404
        window_clerk          405    405    405    405    302*   403    403    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Return a submitted wish with a reason: as publish.
    "wishes:return": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    403    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # Claim a published (public) wish: party members and volunteers over it, never their own.
    "wishes:claim": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    302*   302*   403
        volunteer             405    405    405    405    403    302*   302*   403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    403
        window_clerk          405    405    405    405    403    403    403    403
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    # Give up a claim (own: claimed by the actor): the claimer, or a moderator.
    "wishes:release": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   403    403    403
        resident              405    405    405    405    302*   403    403    403
        party_member          405    405    405    405    302*   403    403    403
        volunteer             405    405    405    405    302*   403    403    403
        grid_worker           405    405    405    405    302*   403    403    403
        community_staff       405    405    405    405    302*   302*   302*   403
        window_clerk          405    405    405    405    302*   403    403    403
        mediator              405    405    405    405    302*   403    403    403
        supervisor            405    405    405    405    302*   403    403    403
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   403    403    403
        sec_admin             405    405    405    405    302*   403    403    403
        audit_admin           405    405    405    405    302*   403    403    403
    """,
    # Record the fulfilment (own: claimed by the actor): the claimer only.
    "wishes:fulfil": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   403    403    403
        resident              405    405    405    405    302*   403    403    403
        party_member          405    405    405    405    302*   403    403    403
        volunteer             405    405    405    405    302*   403    403    403
        grid_worker           405    405    405    405    302*   403    403    403
        community_staff       405    405    405    405    302*   403    403    403
        window_clerk          405    405    405    405    302*   403    403    403
        mediator              405    405    405    405    302*   403    403    403
        supervisor            405    405    405    405    302*   403    403    403
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   403    403    403
        sec_admin             405    405    405    405    302*   403    403    403
        audit_admin           405    405    405    405    302*   403    403    403
    """,
    # Confirm a fulfilled wish (own: the actor's wish). The others' wishes were typed for residents
    # without an account: an assister over them witnesses.
    "wishes:confirm": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   403    403    403
        resident              405    405    405    405    302*   403    403    403
        party_member          405    405    405    405    302*   403    403    403
        volunteer             405    405    405    405    302*   403    403    403
        grid_worker           405    405    405    405    302*   302*   403    403
        community_staff       405    405    405    405    302*   302*   302*   403
        window_clerk          405    405    405    405    302*   302*   302*   403
        mediator              405    405    405    405    302*   403    403    403
        supervisor            405    405    405    405    302*   403    403    403
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   403    403    403
        sec_admin             405    405    405    405    302*   403    403    403
        audit_admin           405    405    405    405    302*   403    403    403
    """,
    # Say a fulfilled wish is not done: as confirm.
    "wishes:dispute": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   403    403    403
        resident              405    405    405    405    302*   403    403    403
        party_member          405    405    405    405    302*   403    403    403
        volunteer             405    405    405    405    302*   403    403    403
        grid_worker           405    405    405    405    302*   302*   403    403
        community_staff       405    405    405    405    302*   302*   302*   403
        window_clerk          405    405    405    405    302*   302*   302*   403
        mediator              405    405    405    405    302*   403    403    403
        supervisor            405    405    405    405    302*   403    403    403
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   403    403    403
        sec_admin             405    405    405    405    302*   403    403    403
        audit_admin           405    405    405    405    302*   403    403    403
    """,
    # Rate a confirmed wish: its author only.
    "wishes:rate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   403    403    403
        resident              405    405    405    405    302*   403    403    403
        party_member          405    405    405    405    302*   403    403    403
        volunteer             405    405    405    405    302*   403    403    403
        grid_worker           405    405    405    405    302*   403    403    403
        community_staff       405    405    405    405    302*   403    403    403
        window_clerk          405    405    405    405    302*   403    403    403
        mediator              405    405    405    405    302*   403    403    403
        supervisor            405    405    405    405    302*   403    403    403
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   403    403    403
        sys_admin             405    405    405    405    302*   403    403    403
        sec_admin             405    405    405    405    302*   403    403    403
        audit_admin           405    405    405    405    302*   403    403    403
    """,
    # Withdraw a submitted wish: its author, whoever typed it, or a moderator.
    "wishes:withdraw": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   403    404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    302*   403    403    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   302*   302*   302*
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Reopen a withdrawn wish: its author or whoever typed it, not staff (they return wishes instead).
    "wishes:reopen": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   403    404    404
        community_staff       405    405    405    405    302*   403    403    404
        window_clerk          405    405    405    405    302*   403    403    404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Edit a returned wish and send it again: its author or whoever typed it; staff may not rewrite a
    # resident's words.
    "wishes:resubmit": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                200    404    404    404    302*   404    404    404
        resident              200    404    404    404    302*   404    404    404
        party_member          200    404    404    404    302*   404    404    404
        volunteer             200    404    404    404    302*   404    404    404
        grid_worker           200    403    404    404    302*   403    404    404
        community_staff       200    403    403    404    302*   403    403    404
        window_clerk          200    403    403    404    302*   403    403    404
        mediator              200    404    404    404    302*   404    404    404
        supervisor            200    404    404    404    302*   404    404    404
        township_admin        200    403    403    403    302*   403    403    403
        township_reviewer     200    404    404    404    302*   404    404    404
        sys_admin             200    404    404    404    302*   404    404    404
        sec_admin             200    404    404    404    302*   404    404    404
        audit_admin           200    404    404    404    302*   404    404    404
    """,
}

WISH_API: dict[str, str] = {
    # The wall: every signed-in client.
    "GET /api/v1/wishes": """
                              GET    POST
        anonymous             401    -
        nobody                200    -
        resident              200    -
        party_member          200    -
        volunteer             200    -
        grid_worker           200    -
        community_staff       200    -
        window_clerk          200    -
        mediator              200    -
        supervisor            200    -
        township_admin        200    -
        township_reviewer     200    -
        sys_admin             200    -
        sec_admin             200    -
        audit_admin           200    -
    """,
    # Post one's own wish: residents.
    "POST /api/v1/wishes": """
                              GET    POST
        anonymous             -      401
        nobody                -      403
        resident              -      201*
        party_member          -      403
        volunteer             -      403
        grid_worker           -      403
        community_staff       -      403
        window_clerk          -      403
        mediator              -      403
        supervisor            -      403
        township_admin        -      403
        township_reviewer     -      403
        sys_admin             -      403
        sec_admin             -      403
        audit_admin           -      403
    """,
    # My wishes and claims.
    "GET /api/v1/wishes/mine": """
                              GET    POST
        anonymous             401    405
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
    # A submitted wish, as the page.
    "GET /api/v1/wishes/{wish_id}": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                200    404    404    404    405    405    405    405
        resident              200    404    404    404    405    405    405    405
        party_member          200    404    404    404    405    405    405    405
        volunteer             200    404    404    404    405    405    405    405
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              200    404    404    404    405    405    405    405
        supervisor            200    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    404    404    404    405    405    405    405
        sys_admin             200    404    404    404    405    405    405    405
        sec_admin             200    404    404    404    405    405    405    405
        audit_admin           200    404    404    404    405    405    405    405
    """,
    # The private thread of a claimed wish (own: the actor claimed it): read by its participants only;
    # the public wish is visible to all, its thread answers 404 to the others.
    "GET /api/v1/wishes/{wish_id}/messages": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      -      -      -
        nobody                200    404    404    404    -      -      -      -
        resident              200    404    404    404    -      -      -      -
        party_member          200    404    404    404    -      -      -      -
        volunteer             200    404    404    404    -      -      -      -
        grid_worker           200    404    404    404    -      -      -      -
        community_staff       200    200    200    404    -      -      -      -
        window_clerk          200    404    404    404    -      -      -      -
        mediator              200    404    404    404    -      -      -      -
        supervisor            200    404    404    404    -      -      -      -
        township_admin        200    200    200    200    -      -      -      -
        township_reviewer     200    404    404    404    -      -      -      -
        sys_admin             200    404    404    404    -      -      -      -
        sec_admin             200    404    404    404    -      -      -      -
        audit_admin           200    404    404    404    -      -      -      -
    """,
    "POST /api/v1/wishes/{wish_id}/messages": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      -      -      -      -      401    401    401
        nobody                -      -      -      -      201*   403    403    403
        resident              -      -      -      -      201*   403    403    403
        party_member          -      -      -      -      201*   403    403    403
        volunteer             -      -      -      -      201*   403    403    403
        grid_worker           -      -      -      -      201*   403    403    403
        community_staff       -      -      -      -      201*   201*   201*   403
        window_clerk          -      -      -      -      201*   403    403    403
        mediator              -      -      -      -      201*   403    403    403
        supervisor            -      -      -      -      201*   403    403    403
        township_admin        -      -      -      -      201*   201*   201*   201*
        township_reviewer     -      -      -      -      201*   403    403    403
        sys_admin             -      -      -      -      201*   403    403    403
        sec_admin             -      -      -      -      201*   403    403    403
        audit_admin           -      -      -      -      201*   403    403    403
    """,
    # contact: as the page.
    "POST /api/v1/wishes/{wish_id}/contact": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   403    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    # publish: as the page.
    "POST /api/v1/wishes/{wish_id}/publish": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    403    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # redact: as the page.
    "POST /api/v1/wishes/{wish_id}/redact": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    200*   200*   200*   403
        window_clerk          405    405    405    405    403    403    403    403
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    # return: as the page.
    "POST /api/v1/wishes/{wish_id}/return": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    404    404    404
        resident              405    405    405    405    403    404    404    404
        party_member          405    405    405    405    403    404    404    404
        volunteer             405    405    405    405    403    404    404    404
        grid_worker           405    405    405    405    403    403    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    403    403    403    404
        mediator              405    405    405    405    403    404    404    404
        supervisor            405    405    405    405    403    404    404    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    403    404    404    404
        sys_admin             405    405    405    405    403    404    404    404
        sec_admin             405    405    405    405    403    404    404    404
        audit_admin           405    405    405    405    403    404    404    404
    """,
    # claim: as the page.
    "POST /api/v1/wishes/{wish_id}/claim": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    200*   200*   403
        volunteer             405    405    405    405    403    200*   200*   403
        grid_worker           405    405    405    405    403    403    403    403
        community_staff       405    405    405    405    403    403    403    403
        window_clerk          405    405    405    405    403    403    403    403
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    # release: as the page.
    "POST /api/v1/wishes/{wish_id}/release": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   403    403    403
        resident              405    405    405    405    200*   403    403    403
        party_member          405    405    405    405    200*   403    403    403
        volunteer             405    405    405    405    200*   403    403    403
        grid_worker           405    405    405    405    200*   403    403    403
        community_staff       405    405    405    405    200*   200*   200*   403
        window_clerk          405    405    405    405    200*   403    403    403
        mediator              405    405    405    405    200*   403    403    403
        supervisor            405    405    405    405    200*   403    403    403
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   403    403    403
        sec_admin             405    405    405    405    200*   403    403    403
        audit_admin           405    405    405    405    200*   403    403    403
    """,
    # fulfil: as the page.
    "POST /api/v1/wishes/{wish_id}/fulfil": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   403    403    403
        resident              405    405    405    405    200*   403    403    403
        party_member          405    405    405    405    200*   403    403    403
        volunteer             405    405    405    405    200*   403    403    403
        grid_worker           405    405    405    405    200*   403    403    403
        community_staff       405    405    405    405    200*   403    403    403
        window_clerk          405    405    405    405    200*   403    403    403
        mediator              405    405    405    405    200*   403    403    403
        supervisor            405    405    405    405    200*   403    403    403
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   403    403    403
        sec_admin             405    405    405    405    200*   403    403    403
        audit_admin           405    405    405    405    200*   403    403    403
    """,
    # confirm: as the page.
    "POST /api/v1/wishes/{wish_id}/confirm": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   403    403    403
        resident              405    405    405    405    200*   403    403    403
        party_member          405    405    405    405    200*   403    403    403
        volunteer             405    405    405    405    200*   403    403    403
        grid_worker           405    405    405    405    200*   200*   403    403
        community_staff       405    405    405    405    200*   200*   200*   403
        window_clerk          405    405    405    405    200*   200*   200*   403
        mediator              405    405    405    405    200*   403    403    403
        supervisor            405    405    405    405    200*   403    403    403
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   403    403    403
        sec_admin             405    405    405    405    200*   403    403    403
        audit_admin           405    405    405    405    200*   403    403    403
    """,
    # dispute: as the page.
    "POST /api/v1/wishes/{wish_id}/dispute": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   403    403    403
        resident              405    405    405    405    200*   403    403    403
        party_member          405    405    405    405    200*   403    403    403
        volunteer             405    405    405    405    200*   403    403    403
        grid_worker           405    405    405    405    200*   200*   403    403
        community_staff       405    405    405    405    200*   200*   200*   403
        window_clerk          405    405    405    405    200*   200*   200*   403
        mediator              405    405    405    405    200*   403    403    403
        supervisor            405    405    405    405    200*   403    403    403
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   403    403    403
        sec_admin             405    405    405    405    200*   403    403    403
        audit_admin           405    405    405    405    200*   403    403    403
    """,
    # rate: as the page.
    "POST /api/v1/wishes/{wish_id}/rate": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   403    403    403
        resident              405    405    405    405    200*   403    403    403
        party_member          405    405    405    405    200*   403    403    403
        volunteer             405    405    405    405    200*   403    403    403
        grid_worker           405    405    405    405    200*   403    403    403
        community_staff       405    405    405    405    200*   403    403    403
        window_clerk          405    405    405    405    200*   403    403    403
        mediator              405    405    405    405    200*   403    403    403
        supervisor            405    405    405    405    200*   403    403    403
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   403    403    403
        sys_admin             405    405    405    405    200*   403    403    403
        sec_admin             405    405    405    405    200*   403    403    403
        audit_admin           405    405    405    405    200*   403    403    403
    """,
    # withdraw: as the page.
    "POST /api/v1/wishes/{wish_id}/withdraw": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   403    404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    # reopen: as the page.
    "POST /api/v1/wishes/{wish_id}/reopen": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   403    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    # resubmit: as the page.
    "POST /api/v1/wishes/{wish_id}/resubmit": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   403    404    404
        community_staff       405    405    405    405    200*   403    403    404
        window_clerk          405    405    405    405    200*   403    403    404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
}
