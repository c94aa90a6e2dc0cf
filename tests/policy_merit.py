"""The declared access policy of the merit board 积德榜 (gongzhi.merit), gathered into tests/policy.py.

Objects (tests/matrix_merit.py): "same" is a nomination (or the board) of 青山村, "other" of 东街社区. Who sees a
nomination: the staff, the supervisory committee and the township over it (community_staff, supervisor,
township_admin), its nominator, the nominee (青山村's nomination awaiting consent names the `resident` actor),
and once consented the members of the community's 道德评议会 (the party_member actor sits on 青山村's); anyone
else gets 404, as for a nomination that does not exist. Of those who see it, only the nominee consents, only a
member reviews, only the keepers (community_staff, township_admin) record paper consent, post, answer, place and
withdraw: the others get 403. The boards, the poster and an entry in 公示 or on the board are public; anyone
signed in may object to an entry in 公示. Everyone signed in is a resident of 青山村, so may nominate there.
Writing POSTs are marked *.
"""

ACTORS = (
    "anonymous", "nobody", "resident", "party_member", "volunteer", "grid_worker", "community_staff",
    "window_clerk", "mediator", "supervisor", "township_admin", "township_reviewer", "sys_admin", "sec_admin",
    "audit_admin",
)  # fmt: skip
TWO = "                              GET           POST\n                              same   other  same   other"
ONE = "                              GET    POST"


def _table(header: str, anonymous: str, default: str, **rows: str) -> str:
    lines = [header]
    for actor in ACTORS:
        value = anonymous if actor == "anonymous" else rows.get(actor, default)
        lines.append(f"        {actor:<22}{'   '.join(f'{cell:<4}' for cell in value.split())}".rstrip())
    return "\n".join(lines) + "\n"


# A nomination's page and its moves (same, other): who sees it, and who may move it.
_SEES_CONSENTED = {"community_staff": "200 404 405 405", "supervisor": "200 404 405 405",
                   "township_admin": "200 200 405 405", "party_member": "200 404 405 405"}  # fmt: skip


def _move(
    writer: str = "302*", *, keepers: bool = True, consented: bool = True, extra: dict | None = None
) -> str:
    """A POST move on a nomination: the keepers write; the others who see it are refused (403)."""
    rows = {
        "community_staff": f"405 405 {writer if keepers else '403'} 404",
        "township_admin": f"405 405 {writer if keepers else '403'} {writer if keepers else '403'}",
        "supervisor": "405 405 403 404",
    }
    if consented:
        rows["party_member"] = "405 405 403 404"
    rows.update(extra or {})
    return _table(TWO, "405 405 login login", "405 405 404 404", **rows)


def _public(header: str = TWO) -> str:
    cells = "200 200 405 405" if header == TWO else "200 405"
    return _table(header, cells, cells)


PART_PAGES: dict[str, str] = {
    "merit:index": _table(ONE, "login 405", "200 405"),
    "merit:nominate": _table(ONE, "login login", "200 302*"),
    "merit:nomination": _table(TWO, "login login 405 405", "404 404 405 405", **_SEES_CONSENTED),
    # Awaiting consent: the `resident` actor is 青山村's nominee.
    "merit:consent": _move(keepers=False, consented=False, extra={"resident": "405 405 302* 404"}),
    "merit:decline": _move(consented=False, extra={"resident": "405 405 302* 404"}),
    # Consented online by the `resident` actor (青山村's, in review): only the nominee takes the consent back.
    "merit:consent_withdraw": _move(keepers=False, extra={"resident": "405 405 302* 404"}),
    "merit:consent_record": _table(
        TWO,
        "login login login login",
        "404 404 404 404",
        community_staff="200 404 302* 404",
        township_admin="200 200 302* 302*",
        supervisor="403 404 403 404",
        resident="403 404 403 404",
    ),  # fmt: skip
    "merit:consent_file": _table(
        TWO,
        "login login 405 405",
        "404 404 405 405",
        community_staff="200 404 405 405",
        township_admin="200 200 405 405",
        supervisor="403 404 405 405",
        party_member="403 404 405 405",
    ),  # fmt: skip
    "merit:photo": _table(TWO, "login login 405 405", "404 404 405 405", **_SEES_CONSENTED),
    # Only a member of the community's 道德评议会 reviews (party_member sits on 青山村's).
    "merit:review": _move(keepers=False, extra={"party_member": "405 405 302* 404"}),
    "merit:publicise": _move(),
    "merit:answer": _move(),
    "merit:place": _move(),
    "merit:withdraw": _move(),
    # The keepers' page of a community and its 公示 period.
    "merit:manage": _table(
        TWO,
        "login login 405 405",
        "403 403 405 405",
        community_staff="200 404 405 405",
        township_admin="200 200 405 405",
    ),  # fmt: skip
    "merit:setting": _table(
        TWO,
        "405 405 login login",
        "405 405 403 403",
        community_staff="405 405 302* 404",
        township_admin="405 405 302* 302*",
    ),  # fmt: skip
    # The categories: the township's office.
    "merit:categories": _table(ONE, "login login", "403 403", township_admin="200 302*"),
    "merit:category_active": _table(ONE, "405 login", "405 403", township_admin="405 302*"),
    # Public: the boards, the poster, an entry in 公示 (same, other).
    "merit:boards": _public(ONE),
    "merit:board": _public(),
    "merit:poster": _public(),
    "merit:township_board": _public(ONE),
    "merit:entry": _public(),
    "merit:object": _table(TWO, "405 405 login login", "405 405 302* 302*"),
}


def _api(text: str, *, created: str = "") -> str:
    """A page's table for the API: 401 for the login, 200* (or 201*) for a write."""
    text = text.replace("login", "401").replace("302*", created or "200*")
    return text


PART_API: dict[str, str] = {
    # GET and POST /api/v1/merit/categories share a path: each leaves the other method to its sibling ("-").
    "GET /api/v1/merit/categories": _table(ONE, "401 -", "200 -"),
    # GET and POST /api/v1/merit/nominations share a path: each leaves the other method to its sibling ("-").
    "GET /api/v1/merit/nominations": _table(ONE, "401 -", "200 -"),
    "POST /api/v1/merit/nominations": _table(ONE, "- 401", "- 201*"),
    "GET /api/v1/merit/nominations/{nomination_id}": _api(PART_PAGES["merit:nomination"]),
    "POST /api/v1/merit/nominations/{nomination_id}/consent": _api(PART_PAGES["merit:consent"]),
    "POST /api/v1/merit/nominations/{nomination_id}/decline": _api(PART_PAGES["merit:decline"]),
    "POST /api/v1/merit/nominations/{nomination_id}/consent/withdraw": _api(
        PART_PAGES["merit:consent_withdraw"]
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/review": _api(PART_PAGES["merit:review"]),
    "POST /api/v1/merit/nominations/{nomination_id}/publicise": _api(PART_PAGES["merit:publicise"]),
    "POST /api/v1/merit/nominations/{nomination_id}/objections": _api(
        PART_PAGES["merit:object"], created="201*"
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/objections/{objection_id}/answer": _api(
        PART_PAGES["merit:answer"]
    ),
    "POST /api/v1/merit/nominations/{nomination_id}/place": _api(PART_PAGES["merit:place"]),
    "POST /api/v1/merit/nominations/{nomination_id}/withdraw": _api(PART_PAGES["merit:withdraw"]),
    "GET /api/v1/merit/boards/{community_id}": _table(TWO, "401 401 405 405", "200 200 405 405"),
}

# The pages' writes the API lacked (nominating with photos, the paper consent, the 公示 period, the categories):
# the same people as on the pages; a JSON-only or multipart path answers GET with 405.
_CONSENT_RECORD_API = _table(
    TWO,
    "405 405 401 401",
    "405 405 404 404",
    community_staff="405 405 200* 404",
    township_admin="405 405 200* 200*",
    supervisor="405 405 403 404",
    resident="405 405 403 404",
)  # fmt: skip
PART_API |= {
    "POST /api/v1/merit/nominations-with-photos": _table(ONE, "405 401", "405 201*"),
    "POST /api/v1/merit/nominations/{nomination_id}/consent-record": _CONSENT_RECORD_API,
    # GET and POST of a community's 公示 period share a path: each leaves the other method to its sibling ("-").
    "GET /api/v1/merit/communities/{community_id}/setting": _table(
        TWO, "401 401 - -", "403 403 - -", community_staff="200 404 - -", township_admin="200 200 - -"
    ),
    "POST /api/v1/merit/communities/{community_id}/setting": _table(
        TWO, "- - 401 401", "- - 403 403", community_staff="- - 200* 404", township_admin="- - 200* 200*"
    ),
    "POST /api/v1/merit/categories": _table(ONE, "- 401", "- 403", township_admin="- 201*"),
    "POST /api/v1/merit/categories/{category_id}/active": _table(
        ONE, "405 401", "405 403", township_admin="405 200*"
    ),
}

# The pages' file reads (the paper-consent scan, an evidence photo): the same people as on the pages.
PART_API |= {
    "GET /api/v1/merit/nominations/{nomination_id}/consent-file": _api(PART_PAGES["merit:consent_file"]),
    "GET /api/v1/merit/nominations/{nomination_id}/photos/{photo_id}": _api(PART_PAGES["merit:photo"]),
}
