"""The declared access policy of the participatory budget (gongzhi.budgeting), gathered into tests/policy.py.

Objects (tests/matrix_budgeting.py): "same" is 青山村's, "other" 东街社区's — a round prepared (to open), one
proposing (a submitted project with a photo, to screen), one ranking (eligible projects, two of three seated
members ranked, to rank and decide), one decided (a funded project to finish, a finished one to rate); next year's
fund for a new round. 青山村's projects are the `resident` actor's proposals, and its 议事会 seats the `resident`
actor; 东街社区's projects were entered by its staff for its residents. Who (gongzhi/budgeting/rules.py):
`organise` — the community's staff; `view` — staff, supervisors, the township office; `propose`, `rate` — a
resident (the action asks for their entry in the community's register); `rank` — a member seated on the
community's 议事会; `edit_catalogue` — the township office. The decided round and its projects are public. The
pages check the permission first (403 to those without it); the API looks the object up within the caller's reach
first, so an object out of reach is a 404. Writing requests are marked *.
"""

from tests.policy import ACTORS


def _table(rows: dict[str, tuple[str, ...]], default: tuple[str, ...], relations: bool = True) -> str:
    head = "GET           POST\nsame   other  same   other\n" if relations else "GET    POST\n"
    lines = [head]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


NO, ANON = ("403", "403", "403", "403"), ("login", "login", "login", "login")
STAFF, OFFICE, SUPERVISOR, RESIDENT = "community_staff", "township_admin", "supervisor", "resident"
READ = ("200", "404", "405", "405")


def _read(resident: tuple[str, ...] = READ) -> str:
    """A page staff and supervisors read in their community, the township office everywhere, a resident in theirs."""
    return _table(
        {"anonymous": ANON, STAFF: READ, SUPERVISOR: READ, OFFICE: ("200", "200", "405", "405"), RESIDENT: resident},
        NO,
    )  # fmt: skip


def _organise() -> str:
    """A POSTed write that only the community's staff make."""
    return _table({"anonymous": ANON, STAFF: ("405", "405", "302*", "404")}, NO)


def _resident_move() -> str:
    """A POSTed write of the resident (proposing, ranking as a seated member, rating)."""
    return _table({"anonymous": ANON, RESIDENT: ("405", "405", "302*", "404")}, NO)


PART_PAGES: dict[str, str] = {
    "budgeting:index": _table(
        {
            "anonymous": ("login", "login"),
            STAFF: ("200", "405"),
            SUPERVISOR: ("200", "405"),
            OFFICE: ("200", "405"),
            RESIDENT: ("200", "405"),
        },
        ("403", "403"),
        relations=False,
    ),  # fmt: skip
    "budgeting:round_new": _organise(),
    "budgeting:round": _read(),
    "budgeting:round_open": _organise(),
    "budgeting:round_close": _organise(),
    "budgeting:propose": _table({"anonymous": ANON, RESIDENT: ("200", "404", "302*", "404")}, NO),
    "budgeting:enter": _organise(),
    "budgeting:rank": _resident_move(),
    "budgeting:decide": _organise(),
    "budgeting:project": _read(),
    "budgeting:screen": _organise(),
    "budgeting:finish": _organise(),
    # A project's photo before its result is public: whoever reads the project; to the rest it does not exist.
    "budgeting:photo": _table(
        {STAFF: READ, SUPERVISOR: READ, OFFICE: ("200", "200", "405", "405"), RESIDENT: READ},
        ("404", "404", "405", "405"),
    ),  # fmt: skip
    # The decided round and its projects are public: anyone, signed in or not, reads them.
    "budgeting:public_round": _table({}, ("200", "200", "405", "405")),
    "budgeting:public_project": _table({}, ("200", "200", "405", "405")),
    # Rating: a resident of the project's own community (another community's is not theirs to rate).
    "budgeting:rate": _table({"anonymous": ANON, RESIDENT: ("405", "405", "302*", "403")}, NO),
    "budgeting:catalogue": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
}

API_OUT = ("405", "405", "404", "404")
API_ANON = ("405", "405", "401", "401")


def _api_read() -> str:
    return _table(
        {"anonymous": ("401", "401", "405", "405"), STAFF: READ, SUPERVISOR: READ,
         OFFICE: ("200", "200", "405", "405"), RESIDENT: READ},
        ("404", "404", "405", "405"),
    )  # fmt: skip


def _api_move(actor: str, code: str = "200*", resident_reads: bool = True) -> str:
    """A write on an object by `actor` in its community; those who read the object but may not make the move get
    403, the others 404 (the object is out of their reach)."""
    rows = {
        "anonymous": API_ANON,
        STAFF: ("405", "405", "403", "404"),
        SUPERVISOR: ("405", "405", "403", "404"),
        OFFICE: ("405", "405", "403", "403"),
        RESIDENT: ("405", "405", "403" if resident_reads else "404", "404"),
    }
    rows[actor] = ("405", "405", code, "404")
    return _table(rows, API_OUT)


PART_API: dict[str, str] = {
    "GET /api/v1/budgeting/categories": _table(
        {"anonymous": ("401", "405")}, ("200", "405"), relations=False
    ),
    # GET and POST /api/v1/budgeting/rounds share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/budgeting/rounds": _table({"anonymous": ("401", "-")}, ("200", "-"), relations=False),
    "POST /api/v1/budgeting/rounds": _table(
        {"anonymous": ("-", "-", "401", "401"), STAFF: ("-", "-", "201*", "404")}, ("-", "-", "403", "403")
    ),
    "GET /api/v1/budgeting/rounds/{round_id}": _api_read(),
    "POST /api/v1/budgeting/rounds/{round_id}/open": _api_move(STAFF),  # the resident sits on its 议事会
    "POST /api/v1/budgeting/rounds/{round_id}/close": _api_move(STAFF),
    "POST /api/v1/budgeting/rounds/{round_id}/projects": _api_move(RESIDENT, "201*"),
    "POST /api/v1/budgeting/rounds/{round_id}/entered-projects": _api_move(STAFF, "201*"),
    "POST /api/v1/budgeting/rounds/{round_id}/rankings": _api_move(RESIDENT, "201*"),
    "POST /api/v1/budgeting/rounds/{round_id}/decide": _api_move(STAFF),
    "GET /api/v1/budgeting/projects/{project_id}": _api_read(),
    "POST /api/v1/budgeting/projects/{project_id}/screen": _api_move(STAFF),
    "POST /api/v1/budgeting/projects/{project_id}/finish": _api_move(STAFF),
    # A finished project is public: everyone finds it; only a resident of its community rates it.
    "POST /api/v1/budgeting/projects/{project_id}/ratings": _table(
        {"anonymous": API_ANON, RESIDENT: ("405", "405", "201*", "403")}, ("405", "405", "403", "403")
    ),
}
