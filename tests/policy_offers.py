"""The declared access policy of micro-services (微服务), parsed and merged into tests/policy.py.

Objects per relation (tests/test_permission_matrix.py, build_offers): for an
offer, "own" is an offer the actor published, "same" one of a party member of
青山村 and "other" one of 东街社区; for publishing and booking oneself, the
community (same: 青山村, other: 东街社区). For a booking, "own" is the actor's
own booking (for serving: a booking on the actor's own offer), "same", "grid"
and "other" are bookings staff typed for the planted residents of 1组网格,
2组网格 and 东街社区. Moves that need a started offer (serve, complete) get
one; the others an upcoming one — the table shows who may, not whether the
time allows it.

Privacy: offers name nobody but the offerer. Bookers are named in full only
to the booker and staff over the booked resident; the offerer sees a masked
name (王**) and the counts — READ_REACH gives party members and volunteers no
register names, and preparing a haircut needs none.
"""

OFFER_PAGES: dict[str, str] = {
    # Upcoming offers of the whole township: public, read-only.
    "offers:list": """
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
    # One community's upcoming offers (青山村): public, read-only.
    "offers:community_list": """
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
    # Publish an offer (relation = the community: 青山村 / 东街社区): party members and volunteers of
    # that community; for another community the form shows the refusal (200) and nothing is written.
    "offers:create": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          200    200    302*   200
        volunteer             200    200    302*   200
        grid_worker           403    403    403    403
        community_staff       403    403    403    403
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # My bookings (and those I typed for residents) and my offers.
    "offers:mine": """
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
    # An offer is public and names nobody but its offerer (own: the actor's own offer).
    "offers:detail": """
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
    # The bookings of an offer: its offerer (own; names masked), staff over the offer's community
    # (names in full only for residents in their scope). Grid workers are scoped to a grid, not the community.
    "offers:bookings": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      405    405
        nobody                200    403    403    405    405    405
        resident              200    403    403    405    405    405
        party_member          200    403    403    405    405    405
        volunteer             200    403    403    405    405    405
        grid_worker           200    403    403    405    405    405
        community_staff       200    200    403    405    405    405
        window_clerk          200    200    403    405    405    405
        mediator              200    403    403    405    405    405
        supervisor            200    403    403    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    403    403    405    405    405
        sys_admin             200    403    403    405    405    405
        sec_admin             200    403    403    405    405    405
        audit_admin           200    403    403    405    405    405
    """,
    # A resident books a place for themselves on an open offer in any community.
    "offers:book": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    login  login
        nobody                405    405    403    403
        resident              405    405    302*   302*
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    403    403
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    # Booking for a resident (the object): assisters over the resident; out of scope the resident is
    # not found and the page asks to search again (200, nothing written).
    "offers:book_assisted": """
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
    # Cancel an open offer: its offerer (own), or community staff / the township office over it.
    "offers:cancel": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      login  login
        nobody                405    405    405    302*   403    403
        resident              405    405    405    302*   403    403
        party_member          405    405    405    302*   403    403
        volunteer             405    405    405    302*   403    403
        grid_worker           405    405    405    302*   403    403
        community_staff       405    405    405    302*   302*   403
        window_clerk          405    405    405    302*   403    403
        mediator              405    405    405    302*   403    403
        supervisor            405    405    405    302*   403    403
        township_admin        405    405    405    302*   302*   302*
        township_reviewer     405    405    405    302*   403    403
        sys_admin             405    405    405    302*   403    403
        sec_admin             405    405    405    302*   403    403
        audit_admin           405    405    405    302*   403    403
    """,
    # Confirm every booking served and close a started offer: its offerer only.
    "offers:complete": """
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
    # Cancel a booking (own: the actor's; same/grid/other: typed by staff for the planted residents).
    # Those who cannot see it get 404; the township office sees it but is no assister: 403.
    "offers:booking_cancel": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      login  login  login
        nobody                405    405    405    405    302*   404    404    404
        resident              405    405    405    405    302*   404    404    404
        party_member          405    405    405    405    302*   404    404    404
        volunteer             405    405    405    405    302*   404    404    404
        grid_worker           405    405    405    405    302*   302*   404    404
        community_staff       405    405    405    405    302*   302*   302*   404
        window_clerk          405    405    405    405    302*   302*   302*   404
        mediator              405    405    405    405    302*   404    404    404
        supervisor            405    405    405    405    302*   404    404    404
        township_admin        405    405    405    405    302*   403    403    403
        township_reviewer     405    405    405    405    302*   404    404    404
        sys_admin             405    405    405    405    302*   404    404    404
        sec_admin             405    405    405    405    302*   404    404    404
        audit_admin           405    405    405    405    302*   404    404    404
    """,
    # Confirm one booking served (own: a booking on the actor's started offer): the offerer only;
    # staff who can see the booking get 403, everyone else 404.
    "offers:booking_serve": """
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
}

OFFER_API: dict[str, str] = {
    # Upcoming offers: every signed-in client.
    "GET /api/v1/offers": """
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
    # Publish: as the page; for another community 403.
    "POST /api/v1/offers": """
                              GET           POST
                              same   other  same   other
        anonymous             -      -      401    401
        nobody                -      -      403    403
        resident              -      -      403    403
        party_member          -      -      201*   403
        volunteer             -      -      201*   403
        grid_worker           -      -      403    403
        community_staff       -      -      403    403
        window_clerk          -      -      403    403
        mediator              -      -      403    403
        supervisor            -      -      403    403
        township_admin        -      -      403    403
        township_reviewer     -      -      403    403
        sys_admin             -      -      403    403
        sec_admin             -      -      403    403
        audit_admin           -      -      403    403
    """,
    # My bookings.
    "GET /api/v1/offers/bookings/mine": """
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
    # Offer detail: public to every client.
    "GET /api/v1/offers/{offer_id}": """
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
    # Bookings: as the page.
    "GET /api/v1/offers/{offer_id}/bookings": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      401    401    -      405    405
        nobody                200    403    403    405    405    405
        resident              200    403    403    405    405    405
        party_member          200    403    403    405    405    405
        volunteer             200    403    403    405    405    405
        grid_worker           200    403    403    405    405    405
        community_staff       200    200    403    405    405    405
        window_clerk          200    200    403    405    405    405
        mediator              200    403    403    405    405    405
        supervisor            200    403    403    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    403    403    405    405    405
        sys_admin             200    403    403    405    405    405
        sec_admin             200    403    403    405    405    405
        audit_admin           200    403    403    405    405    405
    """,
    # Book for oneself: residents.
    "POST /api/v1/offers/{offer_id}/book": """
                              GET           POST
                              same   other  same   other
        anonymous             405    405    401    401
        nobody                405    405    403    403
        resident              405    405    201*   201*
        party_member          405    405    403    403
        volunteer             405    405    403    403
        grid_worker           405    405    403    403
        community_staff       405    405    403    403
        window_clerk          405    405    403    403
        mediator              405    405    403    403
        supervisor            405    405    403    403
        township_admin        405    405    403    403
        township_reviewer     405    405    403    403
        sys_admin             405    405    403    403
        sec_admin             405    405    403    403
        audit_admin           405    405    403    403
    """,
    # Book for a resident: assisters over the resident; out of scope 404.
    "POST /api/v1/offers/{offer_id}/book-assisted": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    403    403    403    403
        resident              405    405    405    405    403    403    403    403
        party_member          405    405    405    405    403    403    403    403
        volunteer             405    405    405    405    403    403    403    403
        grid_worker           405    405    405    405    201*   201*   404    404
        community_staff       405    405    405    405    201*   201*   201*   404
        window_clerk          405    405    405    405    201*   201*   201*   404
        mediator              405    405    405    405    403    403    403    403
        supervisor            405    405    405    405    403    403    403    403
        township_admin        405    405    405    405    403    403    403    403
        township_reviewer     405    405    405    405    403    403    403    403
        sys_admin             405    405    405    405    403    403    403    403
        sec_admin             405    405    405    405    403    403    403    403
        audit_admin           405    405    405    405    403    403    403    403
    """,
    # Cancel an offer: as the page.
    "POST /api/v1/offers/{offer_id}/cancel": """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      405    405    -      401    401
        nobody                405    405    405    200*   403    403
        resident              405    405    405    200*   403    403
        party_member          405    405    405    200*   403    403
        volunteer             405    405    405    200*   403    403
        grid_worker           405    405    405    200*   403    403
        community_staff       405    405    405    200*   200*   403
        window_clerk          405    405    405    200*   403    403
        mediator              405    405    405    200*   403    403
        supervisor            405    405    405    200*   403    403
        township_admin        405    405    405    200*   200*   200*
        township_reviewer     405    405    405    200*   403    403
        sys_admin             405    405    405    200*   403    403
        sec_admin             405    405    405    200*   403    403
        audit_admin           405    405    405    200*   403    403
    """,
    # Close a started offer: as the page.
    "POST /api/v1/offers/{offer_id}/complete": """
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
    # Cancel a booking: as the page.
    "POST /api/v1/offers/bookings/{booking_id}/cancel": """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      405    405    405    -      401    401    401
        nobody                405    405    405    405    200*   404    404    404
        resident              405    405    405    405    200*   404    404    404
        party_member          405    405    405    405    200*   404    404    404
        volunteer             405    405    405    405    200*   404    404    404
        grid_worker           405    405    405    405    200*   200*   404    404
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    200*   200*   200*   404
        mediator              405    405    405    405    200*   404    404    404
        supervisor            405    405    405    405    200*   404    404    404
        township_admin        405    405    405    405    200*   403    403    403
        township_reviewer     405    405    405    405    200*   404    404    404
        sys_admin             405    405    405    405    200*   404    404    404
        sec_admin             405    405    405    405    200*   404    404    404
        audit_admin           405    405    405    405    200*   404    404    404
    """,
    # Confirm a booking served: as the page.
    "POST /api/v1/offers/bookings/{booking_id}/serve": """
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
