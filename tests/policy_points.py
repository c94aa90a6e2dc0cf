"""The declared access policy of the optional points (gongzhi.points), gathered into tests/policy.py.

Objects (tests/matrix_points.py): "same" is 青山村's, "other" 东街社区's (a community, a catalogue version, an
entry, an appeal, a good); "own" is an entry of the actor's own household. Who (gongzhi/points/rules.py):
`points.switch` — the township office over its township; `points.view` (a community's catalogue, entries, store,
the households' ledgers) — a community's staff and the township office; `points.keep` (every write of a
community) — its staff. A household's members read their own ledger and appeal their own entries; the monthly
summary (items, never households) is public. Outside the viewer's reach is 404, as for what does not exist; a
reader who may not keep is refused (403). Writing POSTs are marked *.
"""

from tests.policy import ACTORS


def _table(default: tuple[str, ...], rows: dict[str, tuple[str, ...]], relations: str = "same other") -> str:
    names = relations.split()
    if not names:
        head = "GET    POST\n"
    else:
        head = "GET" + " " * (7 * len(names) - 3) + "POST\n" + " ".join(f"{n:<6}" for n in names * 2) + "\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


_NO = ("403", "403", "403", "403")
_ANON = ("login", "login", "login", "login")


def _keeper_post() -> str:
    """A POST-only write on a community's record: its staff; other readers and everyone else refused."""
    return _table(_NO, {"anonymous": _ANON, "community_staff": ("405", "405", "302*", "404")})


def _reader_get() -> str:
    return _table(
        _NO,
        {
            "anonymous": _ANON,
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
    )


def _keeper_form() -> str:
    return _table(_NO, {"anonymous": _ANON, "community_staff": ("200", "404", "302*", "404")})


PART_PAGES: dict[str, str] = {
    # The township's switch and its communities: the readers.
    "points:index": _table(
        ("403", "403"),
        {
            "anonymous": ("login", "login"),
            "community_staff": ("200", "405"),
            "township_admin": ("200", "405"),
        },
        relations="",
    ),
    # Switching (here: off again): the township office only.
    "points:switch": _table(
        ("403", "403"), {"anonymous": ("login", "login"), "township_admin": ("405", "302*")}, relations=""
    ),
    "points:community": _reader_get(),
    "points:catalogue": _reader_get(),
    "points:catalogue_new": _keeper_form(),
    "points:entry_new": _keeper_form(),
    "points:deeds_import": _keeper_post(),
    "points:goods_add": _keeper_post(),
    "points:goods_restock": _keeper_post(),
    "points:funding_add": _keeper_post(),
    "points:redeem": _keeper_post(),
    "points:settings": _keeper_post(),
    "points:catalogue_convene": _keeper_post(),
    "points:catalogue_take": _keeper_post(),
    "points:entry_decide": _keeper_post(),
    "points:appeal_answer": _keeper_post(),
    # An entry's evidence photo: the community's readers (and the household's members, tested in tests/points).
    "points:entry_photo": _table(
        ("404", "404", "405", "405"),
        {
            "anonymous": _ANON,
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
    ),
    # One's own household's ledger: everyone signed in (an account not on the register sees none).
    "points:mine": _table(("200", "405"), {"anonymous": ("login", "login")}, relations=""),
    # An appeal: only against one's own household's entries.
    "points:appeal_new": _table(
        ("405", "405", "405", "302*", "404", "404"),
        {"anonymous": ("-", "login", "login", "-", "login", "login")},
        relations="own same other",
    ),
    # The monthly summary: public.
    "points:public": _table(("200", "200", "405", "405"), {}),
}

_API_NO = ("405", "405", "403", "403")


PART_API: dict[str, str] = {
    "GET /api/v1/points/mine": _table(("200", "405"), {"anonymous": ("401", "405")}, relations=""),
    "POST /api/v1/points/mine/{entry_id}/appeal": _table(
        ("405", "405", "405", "201*", "404", "404"),
        {"anonymous": ("-", "405", "405", "-", "401", "401")},
        relations="own same other",
    ),
    # GET and POST of a community's entries share a path: each table leaves the other method to its sibling.
    "GET /api/v1/points/communities/{community_id}/entries": _table(
        ("403", "403", "-", "-"),
        {
            "anonymous": ("401", "401", "-", "-"),
            "community_staff": ("200", "404", "-", "-"),
            "township_admin": ("200", "200", "-", "-"),
        },
    ),
    "POST /api/v1/points/communities/{community_id}/entries": _table(
        ("-", "-", "403", "403"),
        {"anonymous": ("-", "-", "401", "401"), "community_staff": ("-", "-", "201*", "404")},
    ),
    # Approving: the entry must be within the viewer's reading reach (else 404), and they must keep it (else 403).
    "POST /api/v1/points/entries/{entry_id}/decide": _table(
        ("405", "405", "404", "404"),
        {
            "anonymous": ("405", "405", "401", "401"),
            "community_staff": ("405", "405", "200*", "404"),
            "township_admin": ("405", "405", "403", "403"),
        },
    ),
    "POST /api/v1/points/communities/{community_id}/redemptions": _table(
        _API_NO,
        {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", "201*", "404")},
    ),
}

# The catalogue, the store, the funding, the deeds, the switch and the summary (the operations added for issue 12's
# "from the pages and the API"): a community's writes are its staff's (outside their reach 404, a reader who may not
# keep 403); a catalogue version is reached through the readers' scope (the township office: 403, it may not keep).
_API_KEEP_COMMUNITY = _table(
    _API_NO, {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", "201*", "404")}
)
_API_KEEP_RECORD = _table(
    _API_NO, {"anonymous": ("405", "405", "401", "401"), "community_staff": ("405", "405", "200*", "404")}
)
PART_API |= {
    "POST /api/v1/points/communities/{community_id}/catalogues": _API_KEEP_COMMUNITY,
    "GET /api/v1/points/communities/{community_id}/catalogue": _table(
        ("403", "403", "405", "405"),
        {
            "anonymous": ("401", "401", "405", "405"),
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
    ),
    "POST /api/v1/points/catalogues/{catalogue_id}/convene": _API_KEEP_RECORD,
    "POST /api/v1/points/catalogues/{catalogue_id}/take": _API_KEEP_RECORD,
    "POST /api/v1/points/communities/{community_id}/goods": _API_KEEP_COMMUNITY,
    "POST /api/v1/points/communities/{community_id}/goods/{goods_id}/restock": _API_KEEP_RECORD,
    "POST /api/v1/points/communities/{community_id}/deeds-import": _API_KEEP_RECORD,
    # GET and POST of the funding ledger share a path, as a community's entries do.
    "GET /api/v1/points/communities/{community_id}/funding": _table(
        ("403", "403", "-", "-"),
        {
            "anonymous": ("401", "401", "-", "-"),
            "community_staff": ("200", "404", "-", "-"),
            "township_admin": ("200", "200", "-", "-"),
        },
    ),
    "POST /api/v1/points/communities/{community_id}/funding": _table(
        ("-", "-", "403", "403"),
        {"anonymous": ("-", "-", "401", "401"), "community_staff": ("-", "-", "201*", "404")},
    ),
    # The township's switch (here: off again): read and set by the township office only.
    "GET /api/v1/points/townships/{township_id}/switch": _table(
        ("403", "-"), {"anonymous": ("401", "-"), "township_admin": ("200", "-")}, relations=""
    ),
    "POST /api/v1/points/townships/{township_id}/switch": _table(
        ("-", "403"), {"anonymous": ("-", "401"), "township_admin": ("-", "200*")}, relations=""
    ),
    # The monthly summary (items, never households): every token user, as its page is public.
    "GET /api/v1/points/communities/{community_id}/summary": _table(
        ("200", "200", "405", "405"), {"anonymous": ("401", "401", "405", "405")}
    ),
}

# Answering appeals, the appeal window and evidence photos (the pages' writes the API lacked): a community's
# staff write (outside their reach 404, the township office reads but may not keep: 403); the evidence photo is
# read as its page (the community's readers; the household's members, tested in tests/points).
PART_API |= {
    "GET /api/v1/points/communities/{community_id}/appeals": _table(
        ("403", "403", "405", "405"),
        {"anonymous": ("401", "401", "405", "405"), "community_staff": ("200", "404", "405", "405")},
    ),
    "POST /api/v1/points/appeals/{appeal_id}/answer": _API_KEEP_RECORD,
    # GET and POST of the appeal window share a path, as a community's entries do.
    "GET /api/v1/points/communities/{community_id}/appeal-days": _table(
        ("403", "403", "-", "-"),
        {
            "anonymous": ("401", "401", "-", "-"),
            "community_staff": ("200", "404", "-", "-"),
            "township_admin": ("200", "200", "-", "-"),
        },
    ),
    "POST /api/v1/points/communities/{community_id}/appeal-days": _table(
        ("-", "-", "403", "403"),
        {"anonymous": ("-", "-", "401", "401"), "community_staff": ("-", "-", "200*", "404")},
    ),
    "POST /api/v1/points/communities/{community_id}/entries-with-photo": _API_KEEP_COMMUNITY,
    "GET /api/v1/points/entries/{entry_id}/photo": _table(
        ("404", "404", "405", "405"),
        {
            "anonymous": ("401", "401", "405", "405"),
            "community_staff": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
    ),
}
