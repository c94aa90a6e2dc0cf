"""The declared access policy of village conventions (村规民约/居民公约), parsed and merged into tests/policy.py.

Objects (tests/test_permission_matrix.py, build_conventions): 永安镇 has one campaign per state its
revisions are in — a community has one revision per campaign — so "same" is 青山村's revision in that
state and "other" 东街社区's; for a page on a community (start, apply, public, the version in force)
the relation is the community itself. Pages without an object use the campaign whose revisions are
drafting. Conventions hold no personal data; the version in force is public (村务公开).

Who (gongzhi/conventions/rules.py): the township office (township_admin) launches, sees the board,
exports it and names demonstration villages; the legality review is the township's (township_admin
and township_reviewer); community staff draft, check, send, record the meeting, file, record the
version in force and apply, only for their community (404 for another); the supervisory committee
reads its community's revisions and applications. Anyone else: 403, and nothing is written.
"""

CONVENTION_PAGES: dict[str, str] = {
    # Campaigns and the viewer's communities: those who read conventions (community staff, supervisor, township).
    "conventions:index": """
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
        township_reviewer     200    405
        sys_admin             403    405
        sec_admin             403    405
        audit_admin           403    405
    """,
    # Launch this year's campaign (the township): the township office only.
    "conventions:campaign_new": """
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
    # The township's board of the campaign: the township office and its departments.
    "conventions:board": """
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
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # The board as Excel: the same people; every export is an audit row (200*).
    "conventions:board_export": """
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
        township_reviewer     200*   405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
    """,
    # Start a community's revision (relation = the community: 青山村 / 东街社区): its own staff.
    "conventions:start": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       405    405    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # Apply for demonstration village (a campaign in which both communities filed): the community's staff.
    "conventions:demonstration_apply": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # A revision (drafting): its community's staff and supervisory committee, the township.
    "conventions:revision": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  405    405
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200    404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
    # The adopting meeting's minutes and sign-in sheet: as the revision, to those who may read it (GET only).
    "conventions:document": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  405    405
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200    404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
    # Edit and save a draft: the community's staff.
    "conventions:edit": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # The live check of what is typed (htmx POST): the community's staff; it writes nothing.
    "conventions:check": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       405    405    200    404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # Send a compliant draft for legality review: the community's staff.
    "conventions:submit": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       405    405    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # Legality review (a revision under review): the township office and its departments.
    "conventions:review": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       403    403    403    403
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        405    405    302*   302*
        township_reviewer     405    405    302*   302*
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # Record the adopting meeting (a quorate, carried vote; an approved revision): the community's staff.
    "conventions:adopt": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # File an adopted revision with the township: the community's staff; GET is the confirmation page, and only a
    # POST that says it was confirmed files.
    "conventions:file": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # The township office acknowledges a filing (备案回执): the township admin of the communities' township.
    "conventions:acknowledge": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       403    403    403    403
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        405    405    302*   302*
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # A demonstration-village application: as a revision.
    "conventions:demonstration": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  405    405
        nobody                404    404    405    405
        resident              404    404    405    405
        party_member          404    404    405    405
        volunteer             404    404    405    405
        grid_worker           404    404    405    405
        community_staff       200    404    405    405
        window_clerk          404    404    405    405
        mediator              404    404    405    405
        supervisor            200    404    405    405
        township_admin        200    200    405    405
        township_reviewer     200    200    405    405
        sys_admin             404    404    405    405
        sec_admin             404    404    405    405
        audit_admin           404    404    405    405
    """,
    # Decide an application: the township office only.
    "conventions:demonstration_decide": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       403    403    403    403
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        405    405    302*   302*
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
    # The convention in force of a community: public, read-only.
    "conventions:public": """
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
    # Record the version in force from before gongzhi (none recorded yet): the community's staff.
    "conventions:in_force": """
                              GET           POST
                              same   other  same   other
        anonymous             login  login  login  login
        nobody                403    403    403    403
        resident              403    403    403    403
        party_member          403    403    403    403
        volunteer             403    403    403    403
        grid_worker           403    403    403    403
        community_staff       200    404    302*   404
        window_clerk          403    403    403    403
        mediator              403    403    403    403
        supervisor            403    403    403    403
        township_admin        403    403    403    403
        township_reviewer     403    403    403    403
        sys_admin             403    403    403    403
        sec_admin             403    403    403    403
        audit_admin           403    403    403    403
    """,
}
