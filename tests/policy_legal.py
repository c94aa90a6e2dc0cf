"""The declared access policy of legal rosters, consultations and 民主法治示范村 applications (gongzhi.legal),
gathered into tests/policy.py.

Objects (tests/matrix_legal.py): "same" is 青山村's (its community, roster entries, slots, consultations,
applications), "other" 东街社区's. Who (gongzhi/legal/rules.py): `legal.view` — a community's staff and
supervisory committee over it, the township office and its departments over the township; `legal.keep`
(rosters, training, assessment) — the community's staff and the township office; `legal.consult` (publish and
withdraw slots, record consultations) — the keepers and the village's legal adviser (here the mediator, linked as
青山村's adviser); `legal.book` — residents; `legal.apply` — the community's staff; `legal.decide` — the township
office. A consultation's topic, and so the consultation itself, is reached only by the resident who booked it,
the adviser and the community's staff: the township office is answered 404. Outside the viewer's reach is 404,
as what does not exist; a reader who may not do it is refused (403). Writing requests are marked *.
"""

from tests.policy import MATRIX_ACTORS


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: bool = True) -> str:
    head = "GET           POST\nsame   other  same   other\n" if relations else "GET    POST\n"
    lines = [head]
    # Every actor has its row here, the committee's chair too: the mediator is the village's legal adviser in this
    # world, and the chair, who is not, takes the table's default rather than the adviser's row.
    for actor in MATRIX_ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


NO, ANON = ("403", "403", "403", "403"), ("login", "login", "login", "login")
READERS_VILLAGE = ("community_staff", "supervisor")
TOWNSHIP = ("township_admin", "township_reviewer")


def _list_page() -> str:
    """A page without an object: readers."""
    return _table({"anonymous": ("login", "login"), **{a: ("200", "405") for a in (*READERS_VILLAGE, *TOWNSHIP)}},
                  ("403", "403"), relations=False)  # fmt: skip


def _read_page() -> str:
    """One record: readers over its community."""
    return _table(
        {"anonymous": ANON, **{a: ("200", "404", "405", "405") for a in READERS_VILLAGE},
         **{a: ("200", "200", "405", "405") for a in TOWNSHIP}},
        NO,
    )  # fmt: skip


def _keep_form(post: str = "302*") -> str:
    """A form over a community's roster: its keepers."""
    return _table(
        {"anonymous": ANON, "community_staff": ("200", "404", post, "404"),
         "township_admin": ("200", "200", post, post)},
        NO,
    )  # fmt: skip


def _keep_post() -> str:
    """A write on one roster record: its keepers (readers who do not keep: 403 at the door)."""
    return _table(
        {"anonymous": ANON, "community_staff": ("405", "405", "302*", "404"),
         "township_admin": ("405", "405", "302*", "302*")},
        NO,
    )  # fmt: skip


PART_PAGES: dict[str, str] = {
    "legal:index": _list_page(),
    "legal:coverage": _list_page(),
    "legal:applications": _list_page(),
    # The township's target of 法律明白人 per community: its office.
    "legal:target": _table(
        {"anonymous": ("login", "login"), "township_admin": ("405", "302*")}, ("403", "403"), relations=False
    ),  # fmt: skip
    "legal:community": _read_page(),
    "legal:savvy": _read_page(),
    "legal:application": _read_page(),
    "legal:attachment": _read_page(),
    "legal:aide_new": _keep_form(),
    "legal:savvy_new": _keep_form(),
    "legal:aide_end": _keep_post(),
    "legal:savvy_training": _keep_post(),
    "legal:savvy_assess": _keep_post(),
    "legal:savvy_move": _keep_post(),
    # Slots: the keepers and the village's adviser (the mediator here) over the community they serve.
    "legal:slot_new": _table(
        {
            "anonymous": ANON,
            "community_staff": ("200", "404", "302*", "404"),
            "mediator": ("200", "404", "302*", "404"),
            "township_admin": ("200", "200", "302*", "302*"),
        },
        NO,
    ),  # fmt: skip
    "legal:slot_withdraw": _table(
        {
            "anonymous": ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "mediator": ("405", "405", "302*", "404"),
            "township_admin": ("405", "405", "302*", "302*"),
        },
        NO,
    ),  # fmt: skip
    # Every signed-in user has the consultation page: what is on it depends on who they are.
    "legal:consult": _table({"anonymous": ("login", "login")}, ("200", "405"), relations=False),
    # Residents book: their own community's slot; another community's is refused with a message (302, nothing
    # written).
    "legal:book": _table({"anonymous": ANON, "resident": ("405", "405", "302*", "302")}, NO),
    # Booking for a resident of the register (assisted mode): the clerk, the grid worker, the community's staff.
    "legal:book_assisted": _table(
        {
            "anonymous": ANON,
            **{a: ("200", "404", "302*", "404") for a in ("grid_worker", "window_clerk", "community_staff")},
        },
        NO,
    ),  # fmt: skip
    # Cancel: whoever reaches the consultation (the booker, the adviser, the community's staff).
    "legal:cancel": _table(
        {
            "anonymous": ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "mediator": ("405", "405", "302*", "404"),
        },
        ("405", "405", "404", "404"),
    ),  # fmt: skip
    # Record: the adviser or the community's staff; the township office may consult but not reach the topic.
    "legal:record": _table(
        {
            "anonymous": ANON,
            "community_staff": ("405", "405", "302*", "404"),
            "mediator": ("405", "405", "302*", "404"),
            "township_admin": ("405", "405", "404", "404"),
        },
        NO,
    ),  # fmt: skip
    # Apply: the community's staff (here the community already applied for the year sent: the form says so).
    "legal:apply": _table({"anonymous": ANON, "community_staff": ("200", "404", "200", "404")}, NO),
    "legal:resubmit": _table({"anonymous": ANON, "community_staff": ("200", "404", "302*", "404")}, NO),
    "legal:decide": _table({"anonymous": ANON, "township_admin": ("405", "405", "302*", "302*")}, NO),
    # A community's adviser (unit, masked name), how many 法律明白人 are in office, the named villages: public.
    "legal:named": _table({}, ("200", "200", "405", "405")),
}


def _api_read() -> str:
    return _table(
        {"anonymous": ("401", "401", "405", "405"), **{a: ("200", "404", "405", "405") for a in READERS_VILLAGE},
         **{a: ("200", "200", "405", "405") for a in TOWNSHIP}},
        ("404", "404", "405", "405"),
    )  # fmt: skip


def _api_keep(ok: str) -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", ok, "404"),
         "supervisor": ("405", "405", "403", "404"), "township_admin": ("405", "405", ok, ok),
         "township_reviewer": ("405", "405", "403", "403")},
        ("405", "405", "404", "404"),
    )  # fmt: skip


def _api_list(readers: tuple[str, ...]) -> str:
    return _table({"anonymous": ("401", "405"), **{a: ("200", "405") for a in readers}}, ("403", "405"),
                  relations=False)  # fmt: skip


def _api_consultation() -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", "200*", "404"),
         "mediator": ("405", "405", "200*", "404")},
        ("405", "405", "404", "404"),
    )  # fmt: skip


PART_API: dict[str, str] = {
    "GET /api/v1/legal/communities/{community_id}/roster": _api_read(),
    "POST /api/v1/legal/communities/{community_id}/aides": _api_keep("201*"),
    "POST /api/v1/legal/communities/{community_id}/law-savvy": _api_keep("201*"),
    "POST /api/v1/legal/law-savvy/{savvy_id}/training": _api_keep("201*"),
    "POST /api/v1/legal/law-savvy/{savvy_id}/assess": _api_keep("200*"),
    "POST /api/v1/legal/law-savvy/{savvy_id}/move": _api_keep("200*"),
    "GET /api/v1/legal/coverage": _api_list((*READERS_VILLAGE, *TOWNSHIP)),
    "GET /api/v1/legal/applications": _api_list((*READERS_VILLAGE, *TOWNSHIP)),
    "GET /api/v1/legal/applications/{application_id}": _api_read(),
    # GET and POST /api/v1/legal/slots share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/legal/slots": _table(
        {
            "anonymous": ("401", "-"),
            **{a: ("200", "-") for a in ("resident", "mediator", *READERS_VILLAGE, *TOWNSHIP)},
        },
        ("403", "-"),
        relations=False,
    ),  # fmt: skip
    "POST /api/v1/legal/slots": _table(
        {
            "anonymous": ("-", "-", "401", "401"),
            "community_staff": ("-", "-", "201*", "404"),
            "mediator": ("-", "-", "201*", "404"),
            "township_admin": ("-", "-", "201*", "201*"),
        },
        ("-", "-", "404", "404"),
    ),  # fmt: skip
    # Booking: residents, their own community's slot (another's is a 400 with the reason).
    "POST /api/v1/legal/slots/{slot_id}/book": _table(
        {"anonymous": ("405", "405", "401", "401"), "resident": ("405", "405", "201*", "400")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
    "GET /api/v1/legal/consultations": _table({"anonymous": ("401", "405")}, ("200", "405"), relations=False),
    "POST /api/v1/legal/consultations/{consultation_id}/cancel": _api_consultation(),
    "POST /api/v1/legal/consultations/{consultation_id}/record": _api_consultation(),
    # Apply (multipart, PDF attachments): the community's staff. 青山村 has applied for both years a matrix
    # application may name (this year's submitted, last year's returned): refused as a duplicate (400), nothing
    # written, as the page's form shows the error (200); tests/legal/test_api.py shows it writing.
    "POST /api/v1/legal/communities/{community_id}/applications": _table(
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", "400", "404")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
    # Resubmit a returned application (multipart): the community's staff, as the page.
    "POST /api/v1/legal/applications/{application_id}/resubmit": _table(
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", "200*", "404")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
    "POST /api/v1/legal/applications/{application_id}/decide": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", "403", "404"),
            "supervisor": ("405", "405", "403", "404"),
            "township_admin": ("405", "405", "200*", "200*"),
            "township_reviewer": ("405", "405", "403", "403"),
        },
        ("405", "405", "404", "404"),
    ),  # fmt: skip
}

# The pages' writes the API lacked: the same people as on the pages (a reader who may not do it: 403 at the door;
# outside the viewer's reach: 404).
_API_NO = ("405", "405", "403", "403")
PART_API |= {
    "POST /api/v1/legal/aides/{aide_id}/end": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", "200*", "404"),
            "township_admin": ("405", "405", "200*", "200*"),
        },
        _API_NO,
    ),  # fmt: skip
    "POST /api/v1/legal/townships/{township_id}/target": _table(
        {"anonymous": ("405", "401"), "township_admin": ("405", "200*")}, ("405", "403"), relations=False
    ),  # fmt: skip
    "POST /api/v1/legal/slots/{slot_id}/withdraw": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", "200*", "404"),
            "mediator": ("405", "405", "200*", "404"),
            "township_admin": ("405", "405", "200*", "200*"),
        },
        _API_NO,
    ),  # fmt: skip
    "POST /api/v1/legal/slots/{slot_id}/book-for": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            **{a: ("405", "405", "201*", "404") for a in ("grid_worker", "window_clerk", "community_staff")},
        },
        _API_NO,
    ),  # fmt: skip
}

# The pages' reads the API lacked (one 法律明白人, an application's attachment): the readers over its community.
PART_API |= {
    "GET /api/v1/legal/law-savvy/{savvy_id}": _api_read(),
    "GET /api/v1/legal/applications/{application_id}/attachments/{attachment_id}": _api_read(),
}
