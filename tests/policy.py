"""The declared access policy: what every actor gets from every endpoint.

tests/test_permission_matrix.py enumerates every URL pattern (Django's
resolver) and every API operation (the ninja OpenAPI schema), fails if one
has no entry here, and requests each cell below as each actor: an object of
each relation, GET and POST. Change behaviour → change this table in the
same commit, so the diff shows who gained or lost what.

Actors (rows): `anonymous` (no session / no token), `nobody` (an account
with no role), and one account per role, each held where it usually is (see
tests/conftest.py: community roles over 青山村, the grid worker over 1组网格,
township and 三员 roles over the township).

Actors with a base (ACTOR_BASES): an account that holds its base actor's role where the base holds it, plus
one more standing — `mediation_chair` is a mediator of 青山村 who also chairs 青山村's 人民调解委员会 (a
BodyKind.MEDIATION body, post chair; seated by tests/matrix_mediation.py). A table lists such an actor's row
only where its outcome differs from its base's; a table that omits the row gives it the base's row. So a
table written without knowing the actor still covers it, and a table still fails to parse if it omits the row
of an actor without a base. The mediation chair's relations to a dispute (tests/policy_mediation.py): "same"
a 青山村 case of the chair's committee assigned to the `mediator` actor, "grid" a 青山村 case assigned to
another mediator of the committee — both readable by the chair, who is assigned to neither — and "other" a
东街社区 case of that community's own committee: 404.

Object relations (columns under each method), from the actor's point of view:
    own    the actor's own record (their resident entry and household, their
           notice, their import job)
    same   someone else's object inside the actor's community (in 1组网格)
    grid   an object in the same community but another grid (2组网格)
    other  an object in the other community (东街社区)
    -      the endpoint takes no object

Outcomes:
    200 / 302  allowed (302: redirect to somewhere other than the login page)
    201        API: created
    login      302 to the login page (anonymous, or a logged-out session)
    401        API without a valid token (JSON {"code", "message"})
    403        forbidden: the actor may not do this anywhere
    404        not found or not yours (ids cannot be probed)
    405        wrong method
    *          suffix: the request writes (some tracked row changes); without
               it a response must change nothing at all
    -          no such object for this actor (anonymous has no "own"); in an API
               table, the column of the other method when that method is another
               declared operation on the same path (GET and POST /api/v1/wishes)
"""

import textwrap
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

ACTORS: tuple[str, ...] = (
    "anonymous",
    "nobody",
    "resident",
    "party_member",
    "volunteer",
    "grid_worker",
    "community_staff",
    "window_clerk",
    "mediator",
    "supervisor",
    "township_admin",
    "township_reviewer",
    "sys_admin",
    "sec_admin",
    "audit_admin",
)
# Actors that take their base actor's row in a table that omits theirs (see the docstring).
ACTOR_BASES: dict[str, str] = {"mediation_chair": "mediator"}
# Every actor the matrix signs in as: the rows of every table, then the actors with a base.
MATRIX_ACTORS: tuple[str, ...] = ACTORS + tuple(ACTOR_BASES)
RELATIONS: tuple[str, ...] = ("own", "same", "grid", "other")
METHODS: tuple[str, ...] = ("GET", "POST")
TOKENS = frozenset(
    {"200", "201", "302", "login", "400", "401", "403", "404", "405", "409", "200*", "201*", "302*", "-"}
)

# Whose personal data each actor may see on any page or API response
# (row 2 of SECURITY-TARGETS §7). Every 200 response is searched for the
# names and household numbers planted in the other relations' objects.
READ_REACH: dict[str, frozenset[str]] = {
    "anonymous": frozenset(),
    "nobody": frozenset(),
    "resident": frozenset(),
    "party_member": frozenset(),
    "volunteer": frozenset(),
    "grid_worker": frozenset({"same"}),
    "community_staff": frozenset({"same", "grid"}),
    "window_clerk": frozenset({"same", "grid"}),
    "mediator": frozenset(),
    # Its community's audit trail, with private persons masked (王**) as for any role without the register.
    "supervisor": frozenset(),
    "township_admin": frozenset({"same", "grid", "other"}),
    "township_reviewer": frozenset({"same", "grid", "other"}),
    "sys_admin": frozenset(),
    "sec_admin": frozenset(),
    "audit_admin": frozenset({"same", "grid", "other"}),  # the whole audit trail
    # A mediation case's parties are no planted register residents: the chair reads no one's register entry.
    "mediation_chair": frozenset(),
}

# Where each actor's writes may land (new or changed residents, households, areas).
WRITE_REACH: dict[str, frozenset[str]] = {actor: frozenset() for actor in MATRIX_ACTORS} | {
    "grid_worker": frozenset({"same"}),
    "community_staff": frozenset({"same", "grid", "community"}),
    "window_clerk": frozenset({"same", "grid", "community"}),
    "township_admin": frozenset({"same", "grid", "community", "other", "township"}),
}

# URL patterns deliberately left out of the matrix, each with its reason.
SKIPPED: dict[str, str] = {
    "set_language": (
        "Django's i18n view: stores the chosen language in a cookie and redirects; "
        "it reads and writes no data and has no permission to check"
    ),
}


@dataclass(frozen=True)
class Grid:
    relations: tuple[str, ...]
    cells: dict[tuple[str, str, str], str]  # (method, actor, relation) -> outcome
    inherited: frozenset[str] = frozenset()  # actors with a base whose row the table omitted

    def expect(self, method: str, actor: str, relation: str) -> str:
        return self.cells[(method, actor, relation)]


def grid(text: str) -> Grid:
    """Parse one table: a methods header, a relations header (unless no object), one row per actor.

    Every actor of ACTORS has a row, in order; an actor of ACTOR_BASES may have one (after the others), and
    without it gets its base actor's cells."""
    lines = [line for line in textwrap.dedent(text).splitlines() if line.strip()]
    methods = lines[0].split()
    assert tuple(methods) == METHODS, f"methods header must be {METHODS}: {lines[0]!r}"
    if lines[1].split()[0] in RELATIONS:
        header = lines[1].split()
        per_method = len(header) // len(methods)
        relations = tuple(header[:per_method])
        assert header == list(relations) * len(methods), f"relations must repeat per method: {lines[1]!r}"
        assert set(relations) <= set(RELATIONS), relations
        rows = lines[2:]
    else:
        relations = ("-",)
        rows = lines[1:]
    cells: dict[tuple[str, str, str], str] = {}
    seen = []
    for row in rows:
        actor, *outcomes = row.split()
        assert actor in MATRIX_ACTORS, f"unknown actor {actor!r}"
        assert len(outcomes) == len(methods) * len(relations), f"wrong number of cells: {row!r}"
        for index, outcome in enumerate(outcomes):
            assert outcome in TOKENS, f"unknown outcome {outcome!r} in {row!r}"
            method = methods[index // len(relations)]
            cells[(method, actor, relations[index % len(relations)])] = outcome
        seen.append(actor)
    based = [actor for actor in seen if actor in ACTOR_BASES]
    assert tuple(seen) == ACTORS + tuple(based), f"rows must list every actor once, in order: {seen}"
    assert len(set(based)) == len(based), f"an actor listed twice: {seen}"
    inherited = frozenset(ACTOR_BASES) - set(based)
    for actor in inherited:
        for (method, row, relation), outcome in list(cells.items()):
            if row == ACTOR_BASES[actor]:
                cells[(method, actor, relation)] = outcome
    return Grid(relations=relations, cells=cells, inherited=inherited)


# --- Pages: keyed by URL name (namespace:name) ------------------------------------------

PAGES: dict[str, Grid] = {
    # The start page: anonymous visitors get the township's public page (community names and links only);
    # everyone signed in gets what they can do now, each section read through its app's scoped selectors.
    "core:home": grid(
        """
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
        """
    ),
    "core:me": grid(
        """
                              GET    POST
        anonymous             login  login
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
        """
    ),
    # Everyone creates tokens for themselves only (the key is on the answer, once).
    "core:token_create": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                405    200*
        resident              405    200*
        party_member          405    200*
        volunteer             405    200*
        grid_worker           405    200*
        community_staff       405    200*
        window_clerk          405    200*
        mediator              405    200*
        supervisor            405    200*
        township_admin        405    200*
        township_reviewer     405    200*
        sys_admin             405    200*
        sec_admin             405    200*
        audit_admin           405    200*
        """
    ),
    # Revoking: one's own token only; anyone else's answers like a missing one.
    "core:token_revoke": grid(
        """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                405    405    405    302*   404    404
        resident              405    405    405    302*   404    404
        party_member          405    405    405    302*   404    404
        volunteer             405    405    405    302*   404    404
        grid_worker           405    405    405    302*   404    404
        community_staff       405    405    405    302*   404    404
        window_clerk          405    405    405    302*   404    404
        mediator              405    405    405    302*   404    404
        supervisor            405    405    405    302*   404    404
        township_admin        405    405    405    302*   404    404
        township_reviewer     405    405    405    302*   404    404
        sys_admin             405    405    405    302*   404    404
        sec_admin             405    405    405    302*   404    404
        audit_admin           405    405    405    302*   404    404
        """
    ),
    "core:health": grid(
        """
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
        """
    ),
    # /robots.txt: public, the same for everyone.
    "core:robots_txt": grid(
        """
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
        """
    ),
    # The personal-data check under free-text fields (htmx): any signed-in user, POST only, writes nothing.
    "core:text_check": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                405    200
        resident              405    200
        party_member          405    200
        volunteer             405    200
        grid_worker           405    200
        community_staff       405    200
        window_clerk          405    200
        mediator              405    200
        supervisor            405    200
        township_admin        405    200
        township_reviewer     405    200
        sys_admin             405    200
        sec_admin             405    200
        audit_admin           405    200
        """
    ),
    # The language switch: a link that sets the language cookie and goes back; no data, no permission.
    "core:language": grid(
        """
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
        """
    ),
    # Signed-in users are sent on (redirect_authenticated_user); anonymous POST of an empty form: 200.
    "accounts:login": grid(
        """
                              GET    POST
        anonymous             200    200
        nobody                302    302
        resident              302    302
        party_member          302    302
        volunteer             302    302
        grid_worker           302    302
        community_staff       302    302
        window_clerk          302    302
        mediator              302    302
        supervisor            302    302
        township_admin        302    302
        township_reviewer     302    302
        sys_admin             302    302
        sec_admin             302    302
        audit_admin           302    302
        """
    ),
    # Forgotten password by e-mail: open to everyone, the same answer whether the address has an account
    # (POST: on to "请查收邮件"); nothing is written, mails are rate-limited per address and source address.
    "accounts:password_reset": grid(
        """
                              GET    POST
        anonymous             200    302
        nobody                200    302
        resident              200    302
        party_member          200    302
        volunteer             200    302
        grid_worker           200    302
        community_staff       200    302
        window_clerk          200    302
        mediator              200    302
        supervisor            200    302
        township_admin        200    302
        township_reviewer     200    302
        sys_admin             200    302
        sec_admin             200    302
        audit_admin           200    302
        """
    ),
    "accounts:password_reset_done": grid(
        """
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
        """
    ),
    # The link from the mail (here with a token that does not hold: the "used or expired" page).
    "accounts:password_reset_confirm": grid(
        """
                              GET    POST
        anonymous             200    200
        nobody                200    200
        resident              200    200
        party_member          200    200
        volunteer             200    200
        grid_worker           200    200
        community_staff       200    200
        window_clerk          200    200
        mediator              200    200
        supervisor            200    200
        township_admin        200    200
        township_reviewer     200    200
        sys_admin             200    200
        sec_admin             200    200
        audit_admin           200    200
        """
    ),
    "accounts:password_reset_complete": grid(
        """
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
        """
    ),
    # Logout is POST only and ends at the login page, for everyone.
    "accounts:logout": grid(
        """
                              GET    POST
        anonymous             405    login
        nobody                405    login
        resident              405    login
        party_member          405    login
        volunteer             405    login
        grid_worker           405    login
        community_staff       405    login
        window_clerk          405    login
        mediator              405    login
        supervisor            405    login
        township_admin        405    login
        township_reviewer     405    login
        sys_admin             405    login
        sec_admin             405    login
        audit_admin           405    login
        """
    ),
    # Any signed-in user changes their own password (and only their own: the page takes no object).
    # POST: the actor's current password and a strong new one; the user row changes, then back to 我的信息.
    "accounts:password_change": grid(
        """
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
        """
    ),
    # Every staff and 三员 role sees the tree of its scope. POST is not refused (the view has no
    # method restriction; it writes nothing): should be 405 — reported.
    "areas:tree": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
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
        """
    ),
    # Only the township office creates areas; parent = 1组网格 / 2组网格 / 第1网格 by relation.
    "areas:create": grid(
        """
                              GET                  POST
                              same   grid   other  same   grid   other
        anonymous             login  login  login  login  login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403
        community_staff       403    403    403    403    403    403
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        200    200    200    302*   302*   302*
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
        """
    ),
    # POST renders the list (200, writes nothing): should be 405 — reported, as for every
    # read-only residents page below.
    "residents:list": grid(
        """
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
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
        """
    ),
    # Relation = the grid the new resident is placed in. Outside the actor's write scope the
    # form is re-rendered with an error (200) and nothing is written.
    "residents:create": grid(
        """
                              GET                  POST
                              same   grid   other  same   grid   other
        anonymous             login  login  login  login  login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           200    200    200    302*   200    200
        community_staff       200    200    200    302*   302*   200
        window_clerk          200    200    200    302*   302*   200
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
        """
    ),
    # The subject of a record gets no extra access to it: residents see themselves on core:me.
    "residents:detail": grid(
        """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    200    200    200    405    405    405    405
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
        """
    ),
    "residents:edit": grid(
        """
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
        """
    ),
    "residents:event": grid(
        """
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
        """
    ),
    # A forgotten password reset by the resident's community staff (POST only): the temporary password is shown
    # once (200*) — here each resident in scope is refused with a message instead (302): "same" and "grid" have
    # no account and "own" is the staff's own (tests/test_password_reset.py covers the reset itself).
    "residents:reset_password": grid(
        """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       405    405    405    405    302    302    302    404
        window_clerk          403    403    403    403    403    403    403    403
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        403    403    403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
        """
    ),
    # The full ID number: POST only, with a reason; every reveal is an audit row (200*).
    "residents:reveal": grid(
        """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403    403    403
        community_staff       405    405    405    405    200*   200*   200*   404
        window_clerk          405    405    405    405    200*   200*   200*   404
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        405    405    405    405    200*   200*   200*   200*
        township_reviewer     403    403    403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
        """
    ),
    # Relation = where the uploaded row places the person. A row outside the actor's scope is
    # rejected: the job and its audit row are written (302*) but no resident (checked by WRITE_REACH).
    "residents:import": grid(
        """
                              GET                  POST
                              same   grid   other  same   grid   other
        anonymous             login  login  login  login  login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           403    403    403    403    403    403
        community_staff       200    200    200    302*   302*   302*
        window_clerk          403    403    403    403    403    403
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        200    200    200    302*   302*   302*
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
        """
    ),
    "residents:import_template": grid(
        """
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
        """
    ),
    # Import jobs are private to the person who uploaded them, whatever their role.
    "residents:import_job": grid(
        """
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
        township_admin        200    404    404    405    405    405
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
        """
    ),
    "residents:import_report": grid(
        """
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
        township_admin        200    404    404    405    405    405
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
        """
    ),
    # Every export is audited (200*). POST exports too: should be 405 — reported.
    "residents:export": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           403    403
        community_staff       200*   405
        window_clerk          403    403
        mediator              403    403
        supervisor            403    403
        township_admin        200*   405
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
        """
    ),
    "residents:household_list": grid(
        """
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
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
        """
    ),
    "residents:household_create": grid(
        """
                              GET                  POST
                              same   grid   other  same   grid   other
        anonymous             login  login  login  login  login  login
        nobody                403    403    403    403    403    403
        resident              403    403    403    403    403    403
        party_member          403    403    403    403    403    403
        volunteer             403    403    403    403    403    403
        grid_worker           200    200    200    302*   200    200
        community_staff       200    200    200    302*   302*   200
        window_clerk          200    200    200    302*   302*   200
        mediator              403    403    403    403    403    403
        supervisor            403    403    403    403    403    403
        township_admin        403    403    403    403    403    403
        township_reviewer     403    403    403    403    403    403
        sys_admin             403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403
        """
    ),
    "residents:household_detail": grid(
        """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      login  login  login  -      login  login  login
        nobody                403    403    403    403    403    403    403    403
        resident              403    403    403    403    403    403    403    403
        party_member          403    403    403    403    403    403    403    403
        volunteer             403    403    403    403    403    403    403    403
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              403    403    403    403    403    403    403    403
        supervisor            403    403    403    403    403    403    403    403
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    200    200    200    405    405    405    405
        sys_admin             403    403    403    403    403    403    403    403
        sec_admin             403    403    403    403    403    403    403    403
        audit_admin           403    403    403    403    403    403    403    403
        """
    ),
    # --- workdays: the holiday schedule is public knowledge; every staff role reads it, only the
    # township office enters a year (POST writes the year, its days and an audit row: 302*).
    # Other roles' POST is refused before the form is read.
    "workdays:index": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
        grid_worker           200    403
        community_staff       200    403
        window_clerk          200    403
        mediator              200    403
        supervisor            200    403
        township_admin        200    302*
        township_reviewer     200    403
        sys_admin             200    403
        sec_admin             200    403
        audit_admin           200    403
        """
    ),
    # One year's days (the matrix asks for 2027, unknown to the library); read-only.
    "workdays:year": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                403    403
        resident              403    403
        party_member          403    403
        volunteer             403    403
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
        """
    ),
    # The audit administrator reads everything; a supervisory committee only its community.
    "audit:list": grid(
        """
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
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           200    405
        """
    ),
    # The trail leaves the system only with the audit administrator; every export is an audit row (200*).
    "audit:export": grid(
        """
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
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           200*   405
        """
    ),
    "audit:verify": grid(
        """
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
        township_admin        403    403
        township_reviewer     403    403
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           405    302*
        """
    ),
    # The escalations (吹哨) waiting for the reply of the viewer's departments: staff who hold a role in a
    # township department (the township reviewer works in 民政办); everyone else has no department.
    "cases:escalations": grid(
        """
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
        township_admin        403    403
        township_reviewer     200    405
        sys_admin             403    403
        sec_admin             403    403
        audit_admin           403    403
        """
    ),
    "notices:inbox": grid(
        """
                              GET    POST
        anonymous             login  login
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
        """
    ),
    # Nobody, whatever their role, reads or marks another person's notice.
    "notices:read": grid(
        """
                              GET                  POST
                              own    same   other  own    same   other
        anonymous             -      login  login  -      login  login
        nobody                405    405    405    302*   404    404
        resident              405    405    405    302*   404    404
        party_member          405    405    405    302*   404    404
        volunteer             405    405    405    302*   404    404
        grid_worker           405    405    405    302*   404    404
        community_staff       405    405    405    302*   404    404
        window_clerk          405    405    405    302*   404    404
        mediator              405    405    405    302*   404    404
        supervisor            405    405    405    302*   404    404
        township_admin        405    405    405    302*   404    404
        township_reviewer     405    405    405    302*   404    404
        sys_admin             405    405    405    302*   404    404
        sec_admin             405    405    405    302*   404    404
        audit_admin           405    405    405    302*   404    404
        """
    ),
    # Marks the actor's own unread notices only (each actor has one here): one audit row for the batch.
    "notices:read_all": grid(
        """
                              GET    POST
        anonymous             login  login
        nobody                405    302*
        resident              405    302*
        party_member          405    302*
        volunteer             405    302*
        grid_worker           405    302*
        community_staff       405    302*
        window_clerk          405    302*
        mediator              405    302*
        supervisor            405    302*
        township_admin        405    302*
        township_reviewer     405    302*
        sys_admin             405    302*
        sec_admin             405    302*
        audit_admin           405    302*
        """
    ),
    "notices:preferences": grid(
        """
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
        """
    ),
    # ninja's schema and docs pages are public: they describe the interface and hold no data.
    "api:openapi-json": grid(
        """
                              GET    POST
        anonymous             200    200
        nobody                200    200
        resident              200    200
        party_member          200    200
        volunteer             200    200
        grid_worker           200    200
        community_staff       200    200
        window_clerk          200    200
        mediator              200    200
        supervisor            200    200
        township_admin        200    200
        township_reviewer     200    200
        sys_admin             200    200
        sec_admin             200    200
        audit_admin           200    200
        """
    ),
    "api:openapi-view": grid(
        """
                              GET    POST
        anonymous             200    200
        nobody                200    200
        resident              200    200
        party_member          200    200
        volunteer             200    200
        grid_worker           200    200
        community_staff       200    200
        window_clerk          200    200
        mediator              200    200
        supervisor            200    200
        township_admin        200    200
        township_reviewer     200    200
        sys_admin             200    200
        sec_admin             200    200
        audit_admin           200    200
        """
    ),
    # ninja's root view exists only to anchor the URL prefix: 404 for everyone.
    "api:api-root": grid(
        """
                              GET    POST
        anonymous             404    404
        nobody                404    404
        resident              404    404
        party_member          404    404
        volunteer             404    404
        grid_worker           404    404
        community_staff       404    404
        window_clerk          404    404
        mediator              404    404
        supervisor            404    404
        township_admin        404    404
        township_reviewer     404    404
        sys_admin             404    404
        sec_admin             404    404
        audit_admin           404    404
        """
    ),
}

# --- API operations: keyed by method and path template from the OpenAPI schema ----------
# Every operation is GET-only: POST is the wrong method (405, before authentication).

API: dict[str, Grid] = {
    # Lists are scoped, never refused: a token without register rights gets an empty list.
    "GET /api/v1/areas": grid(
        """
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
        """
    ),
    "GET /api/v1/areas/{area_id}": grid(
        """
                              GET                  POST
                              same   grid   other  same   grid   other
        anonymous             401    401    401    405    405    405
        nobody                404    404    404    405    405    405
        resident              404    404    404    405    405    405
        party_member          404    404    404    405    405    405
        volunteer             404    404    404    405    405    405
        grid_worker           200    404    404    405    405    405
        community_staff       200    200    404    405    405    405
        window_clerk          200    200    404    405    405    405
        mediator              200    200    404    405    405    405
        supervisor            200    200    404    405    405    405
        township_admin        200    200    200    405    405    405
        township_reviewer     200    200    200    405    405    405
        sys_admin             200    200    200    405    405    405
        sec_admin             200    200    200    405    405    405
        audit_admin           200    200    200    405    405    405
        """
    ),
    "GET /api/v1/residents": grid(
        """
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
        """
    ),
    "GET /api/v1/residents/{resident_id}": grid(
        """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                404    404    404    404    405    405    405    405
        resident              404    404    404    404    405    405    405    405
        party_member          404    404    404    404    405    405    405    405
        volunteer             404    404    404    404    405    405    405    405
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              404    404    404    404    405    405    405    405
        supervisor            404    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    200    200    200    405    405    405    405
        sys_admin             404    404    404    404    405    405    405    405
        sec_admin             404    404    404    404    405    405    405    405
        audit_admin           404    404    404    404    405    405    405    405
        """
    ),
    "GET /api/v1/households": grid(
        """
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
        """
    ),
    "GET /api/v1/households/{household_id}": grid(
        """
                              GET                         POST
                              own    same   grid   other  own    same   grid   other
        anonymous             -      401    401    401    -      405    405    405
        nobody                404    404    404    404    405    405    405    405
        resident              404    404    404    404    405    405    405    405
        party_member          404    404    404    404    405    405    405    405
        volunteer             404    404    404    404    405    405    405    405
        grid_worker           200    200    404    404    405    405    405    405
        community_staff       200    200    200    404    405    405    405    405
        window_clerk          200    200    200    404    405    405    405    405
        mediator              404    404    404    404    405    405    405    405
        supervisor            404    404    404    404    405    405    405    405
        township_admin        200    200    200    200    405    405    405    405
        township_reviewer     200    200    200    200    405    405    405    405
        sys_admin             404    404    404    404    405    405    405    405
        sec_admin             404    404    404    404    405    405    405    405
        audit_admin           404    404    404    404    405    405    405    405
        """
    ),
}


# The wish wall's tables live in their own module; parsed here like the rest.
from tests.policy_wishes import WISH_API, WISH_PAGES  # noqa: E402

PAGES.update({key: grid(text) for key, text in WISH_PAGES.items()})
API.update({key: grid(text) for key, text in WISH_API.items()})

# Situation notes (微民情), likewise.
from tests.policy_situations import SITUATION_API, SITUATION_PAGES  # noqa: E402

PAGES.update({key: grid(text) for key, text in SITUATION_PAGES.items()})
API.update({key: grid(text) for key, text in SITUATION_API.items()})

# Micro-services (微服务): the same.
from tests.policy_offers import OFFER_API, OFFER_PAGES  # noqa: E402

PAGES.update({key: grid(text) for key, text in OFFER_PAGES.items()})
API.update({key: grid(text) for key, text in OFFER_API.items()})

# Village conventions (村规民约/居民公约): pages only.
from tests.policy_conventions import CONVENTION_PAGES  # noqa: E402

PAGES.update({key: grid(text) for key, text in CONVENTION_PAGES.items()})

# The register's household actions and full exports (issue 8).
from tests.policy_register import REGISTER_PAGES  # noqa: E402

PAGES.update({key: grid(text) for key, text in REGISTER_PAGES.items()})

# Apps with many pages keep their tables in tests/policy_<app>*.py as PART_PAGES / PART_API: gathered here.
for _path in sorted(Path(__file__).parent.glob("policy_*.py")):
    _module = import_module(f"tests.{_path.stem}")
    PAGES.update({key: grid(text) for key, text in getattr(_module, "PART_PAGES", {}).items()})
    API.update({key: grid(text) for key, text in getattr(_module, "PART_API", {}).items()})


def planned_cells() -> set[tuple[str, str, str, str]]:
    """(endpoint, actor, relation, method) for every cell with an object to exercise."""
    result = set()
    for key, table in {**PAGES, **API}.items():
        for (method, actor, relation), outcome in table.cells.items():
            # An inherited "own" cell needs an own object that a part built only for ACTORS may lack.
            if outcome != "-" and not (actor in table.inherited and relation == "own"):
                result.add((key, actor, relation, method))
    return result
