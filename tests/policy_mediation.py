"""The declared access policy of people's mediation (gongzhi.mediation), gathered into tests/policy.py.

Objects (tests/matrix_mediation.py): "same" is a 青山村 dispute of the `resident` actor (a party) assigned to
the `mediator` actor (from "mediating" on); "grid" a 青山村 dispute of outsiders assigned to another mediator of
the same committee; "other" a 东街社区 dispute. Who (gongzhi/mediation/rules.py): a case is read by its
parties, its assigned mediators and its committee's chair — nobody else: not the community's staff, not the
township, not grid workers, not the committee's other mediators, not the supervisory committee. The pages of
cases sit behind `mediation.cases` (residents, grid workers, mediators): anyone else is refused at the door
(403); behind it, a case the viewer may not read is 404, as one that does not exist; a reader who may not
make the move is refused (403). Downloading a paper is audited (a write: 200*). Writing POSTs are marked *.

The `mediation_chair` actor (tests/policy.py's ACTOR_BASES: a `mediator` who chairs 青山村's committee) has a
row only where it differs from the mediator's: it reads "same" and "grid" (cases of its committee, assigned to
other mediators, not to it) and makes the chair's moves on them; "other" (东街社区's committee) is 404; the
assigned mediator's own moves (a session, the agreement, failure, the scan, recusal) are refused (403).
"""

from tests.policy import ACTOR_BASES, ACTORS
from tests.policy_situations import SITUATION_PAGES
from tests.policy_wishes import WISH_PAGES

GATED = ("resident", "grid_worker", "mediator")


def _table(
    rows: dict[str, tuple[str, ...]],
    *,
    relations: str = "same   grid   other",
    default: str = "403",
    default_row: tuple[str, ...] | None = None,
) -> str:
    """A table: every actor's cells from `rows`; anonymous and the actors not named get `default` (anonymous:
    login) in every column, or `default_row`."""
    width = len(relations.split()) * 2 if relations else 2
    head = "GET" + " " * (7 * (width // 2) - 3) + "POST\n"
    if relations:
        head += f"{relations}  {relations}\n"
    lines = [head]
    for actor in ACTORS + tuple(a for a in ACTOR_BASES if a in rows):  # a based actor: only where named
        fill = "login" if actor == "anonymous" else default
        cells = rows.get(actor, default_row or (fill,) * width)
        assert len(cells) == width, (actor, cells)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


_HIDDEN = ("404", "404", "404")


def _read(party: tuple[str, str, str], mediator: tuple[str, str, str], chair: tuple[str, str, str]) -> str:
    """A GET-only page of one case (POST: 405 behind the door)."""
    return _table(
        {"resident": (*party, "405", "405", "405"), "grid_worker": (*_HIDDEN, "405", "405", "405"),
         "mediator": (*mediator, "405", "405", "405"), "mediation_chair": (*chair, "405", "405", "405")}
    )  # fmt: skip


def _move(party: tuple[str, str, str], mediator: tuple[str, str, str], chair: tuple[str, str, str]) -> str:
    """A POST-only move on one case (GET: 405 behind the door)."""
    return _table(
        {"resident": ("405", "405", "405", *party), "grid_worker": ("405", "405", "405", *_HIDDEN),
         "mediator": ("405", "405", "405", *mediator), "mediation_chair": ("405", "405", "405", *chair)}
    )  # fmt: skip


_PARTY_REFUSED = ("403", "404", "404")
_DONE = ("302*", "404", "404")
# The chair on its committee's two cases ("same", "grid") and on the other community's ("other").
_CHAIR_READS = ("200", "200", "404")
_CHAIR_FILES = ("200*", "200*", "404")
_CHAIR_DONE = ("302*", "302*", "404")
_CHAIR_REFUSED = ("403", "403", "404")

PART_PAGES: dict[str, str] = {
    # The viewer's own cases (none for grid workers: the intake they made is not theirs to read).
    "mediation:index": _table({a: ("200", "405") for a in GATED}, relations=""),
    # Intake: a resident for themself, a grid worker from their grid, a mediator for their committee.
    "mediation:intake": _table({a: ("200", "302*") for a in GATED}, relations=""),
    # Aggregates only: the township office, the community's staff, the committee.
    "mediation:stats": _table(
        {a: ("200", "405") for a in ("community_staff", "mediator", "township_admin")}, relations=""
    ),
    # The committee's roster and training records ("same" 青山村, "other" 东街社区).
    "mediation:committee": _table(
        {
            "community_staff": ("200", "404", "405", "405"),
            "mediator": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
        relations="same   other",
    ),
    # Recording training: the chair of the member's committee only.
    "mediation:training": _table(
        {"mediation_chair": ("405", "405", "302*", "404")}, relations="same   other"
    ),
    # The monthly screening: the committee's own mediators.
    "mediation:screenings": _table(
        {
            "resident": ("404", "404", "404", "404"),
            "grid_worker": ("404", "404", "404", "404"),
            "mediator": ("200", "404", "302*", "404"),
        },
        relations="same   other",
    ),
    # One case: its party and its mediator; nobody else, not even the committee's other mediators.
    "mediation:detail": _read(("200", "404", "404"), ("200", "404", "404"), _CHAIR_READS),
    "mediation:agreement_pdf": _read(("200*", "404", "404"), ("200*", "404", "404"), _CHAIR_FILES),
    "mediation:scan_pdf": _read(("200*", "404", "404"), ("200*", "404", "404"), _CHAIR_FILES),
    "mediation:referral_pdf": _read(("200*", "404", "404"), ("200*", "404", "404"), _CHAIR_FILES),
    # The chair's moves (received / accepted cases: the mediator is not on them yet).
    "mediation:accept": _move(_PARTY_REFUSED, _HIDDEN, _CHAIR_DONE),
    "mediation:decline": _move(_PARTY_REFUSED, _HIDDEN, _CHAIR_DONE),
    "mediation:assign": _move(_PARTY_REFUSED, _HIDDEN, _CHAIR_DONE),
    "mediation:reopen": _move(_PARTY_REFUSED, ("403", "404", "404"), _CHAIR_DONE),
    # The assigned mediator's moves (the chair adds a party and records a follow-up visit too).
    "mediation:recuse": _move(_PARTY_REFUSED, _DONE, _CHAIR_REFUSED),
    "mediation:party_add": _move(_PARTY_REFUSED, _DONE, _CHAIR_DONE),
    "mediation:session": _move(_PARTY_REFUSED, _DONE, _CHAIR_REFUSED),
    "mediation:agree": _move(_PARTY_REFUSED, _DONE, _CHAIR_REFUSED),
    "mediation:fail": _move(_PARTY_REFUSED, _DONE, _CHAIR_REFUSED),
    "mediation:scan": _move(_PARTY_REFUSED, _DONE, _CHAIR_REFUSED),
    "mediation:followup": _move(_PARTY_REFUSED, _DONE, _CHAIR_DONE),
    # A party withdraws; a mediator (or the chair) records a party's withdrawal.
    "mediation:withdraw": _move(_DONE, _DONE, _CHAIR_DONE),
    # "转人民调解" from a situation note (a handling note: its handlers, as resolving it) and from a wish (a
    # submitted wish: its moderators, as returning it), through the kernel hook gongzhi.core.referrals.
    "situations:refer_mediation": SITUATION_PAGES["situations:resolve"],
    "wishes:refer_mediation": WISH_PAGES["wishes:return"],
}


def _api(rows: dict[str, tuple[str, ...]], *, get: bool) -> str:
    """An operation on one case: GET-only (POST 405) or POST-only (GET 405); anyone not named: 404."""
    table = {}
    for actor in ACTORS + tuple(a for a in ACTOR_BASES if a in rows):
        cells = rows.get(actor, _HIDDEN)
        if actor == "anonymous":
            cells = ("401", "401", "401")
        table[actor] = (*cells, "405", "405", "405") if get else ("405", "405", "405", *cells)
    return _table(table)


_API_CHAIR_DONE = ("200*", "200*", "404")

PART_API: dict[str, str] = {
    # GET and POST /api/v1/mediation/cases share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/mediation/cases": _table(
        {a: ("401", "-") if a == "anonymous" else ("200", "-") for a in ACTORS}, relations=""
    ),
    "POST /api/v1/mediation/cases": _table(
        {
            a: ("-", "401") if a == "anonymous" else ("-", "201*") if a in GATED else ("-", "403")
            for a in ACTORS
        },
        relations="",
    ),
    "GET /api/v1/mediation/cases/{dispute_id}": _api(
        {
            "resident": ("200", "404", "404"),
            "mediator": ("200", "404", "404"),
            "mediation_chair": _CHAIR_READS,
        },
        get=True,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/accept": _api(
        {"resident": _PARTY_REFUSED, "mediation_chair": _API_CHAIR_DONE}, get=False
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/assign": _api(
        {"resident": _PARTY_REFUSED, "mediation_chair": _API_CHAIR_DONE}, get=False
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/sessions": _api(
        {"resident": _PARTY_REFUSED, "mediator": ("200*", "404", "404"), "mediation_chair": _CHAIR_REFUSED},
        get=False,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/close": _api(
        {"resident": _PARTY_REFUSED, "mediator": ("200*", "404", "404"), "mediation_chair": _CHAIR_REFUSED},
        get=False,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/followup": _api(
        {"resident": _PARTY_REFUSED, "mediator": ("200*", "404", "404"), "mediation_chair": _API_CHAIR_DONE},
        get=False,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/decline": _api(
        {"resident": _PARTY_REFUSED, "mediation_chair": _API_CHAIR_DONE}, get=False
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/recuse": _api(
        {"resident": _PARTY_REFUSED, "mediator": ("200*", "404", "404"), "mediation_chair": _CHAIR_REFUSED},
        get=False,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/parties": _api(
        {
            "resident": _PARTY_REFUSED,
            "mediator": ("201*", "404", "404"),
            "mediation_chair": ("201*", "201*", "404"),
        },
        get=False,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/scan": _api(
        {"resident": _PARTY_REFUSED, "mediator": ("200*", "404", "404"), "mediation_chair": _CHAIR_REFUSED},
        get=False,
    ),
    "POST /api/v1/mediation/cases/{dispute_id}/reopen": _api(
        {"resident": _PARTY_REFUSED, "mediator": ("403", "404", "404"), "mediation_chair": _API_CHAIR_DONE},
        get=False,
    ),
    # The roster and training records ("same" 青山村, "other" 东街社区): as the committee page.
    "GET /api/v1/mediation/committees/{community_id}": _table(
        {
            "anonymous": ("401", "401", "405", "405"),
            "community_staff": ("200", "404", "405", "405"),
            "mediator": ("200", "404", "405", "405"),
            "township_admin": ("200", "200", "405", "405"),
        },
        relations="same   other",
        default_row=("403", "403", "405", "405"),
    ),
    # Recording a member's training: the chair of the member's committee only.
    "POST /api/v1/mediation/committee/seats/{membership_id}/trainings": _table(
        {
            "anonymous": ("405", "405", "401", "401"),
            "mediation_chair": ("405", "405", "201*", "404"),
        },
        relations="same   other",
        default_row=("405", "405", "403", "403"),
    ),
    # The monthly screenings of a committee's community: its own mediators (GET and POST share the path).
    "GET /api/v1/mediation/screenings/{community_id}": _table(
        {
            "anonymous": ("401", "401", "-", "-"),
            "resident": ("404", "404", "-", "-"),
            "grid_worker": ("404", "404", "-", "-"),
            "mediator": ("200", "404", "-", "-"),
        },
        relations="same   other",
        default_row=("403", "403", "-", "-"),
    ),
    "POST /api/v1/mediation/screenings/{community_id}": _table(
        {
            "anonymous": ("-", "-", "401", "401"),
            "resident": ("-", "-", "404", "404"),
            "grid_worker": ("-", "-", "404", "404"),
            "mediator": ("-", "-", "201*", "404"),
        },
        relations="same   other",
        default_row=("-", "-", "403", "403"),
    ),
}
