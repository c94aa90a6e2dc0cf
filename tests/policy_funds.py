"""The declared access policy of the funds (gongzhi.funds), gathered into tests/policy.py.

Objects (tests/matrix_funds.py): "same" is 青山村's, "other" 东街社区's — last year's fund, an open plan, an
expenditure awaiting approval (recorded by the community's other staff member, with a voucher), one approved by
two people (to review), one questioned by the supervisory committee (to answer), a draft board (to review), a
reviewed one (to publish) and a published one (the public board). The policy is 永安镇's for both relations.
Who (gongzhi/funds/rules.py): `funds.keep` and `approve` — the community's staff (an approver is never the
recorder); `review` (民主理财) — a supervisor seated on the community's supervisory committee (the supervisor
actor sits on 青山村's); `view` — the community's staff, supervisors and the township office (read-only);
`set_policy` — the township office. The published board is public. The pages check the permission first (403 to
those without it); the API looks the object up within the caller's reach first, so an object out of reach is a
404 and a 403 answers only those who read it but may not make the move. Writing requests are marked *.
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
STAFF, OFFICE, SUPERVISOR = "community_staff", "township_admin", "supervisor"
READ = ("200", "404", "405", "405")


def _read() -> str:
    """A page the community's staff and supervisors read in their community, the township office everywhere."""
    return _table(
        {"anonymous": ANON, STAFF: READ, SUPERVISOR: READ, OFFICE: ("200", "200", "405", "405")}, NO
    )


def _keep() -> str:
    """A POSTed write that only the community's staff make."""
    return _table({"anonymous": ANON, STAFF: ("405", "405", "302*", "404")}, NO)


PART_PAGES: dict[str, str] = {
    "funds:index": _table(
        {
            "anonymous": ("login", "login"),
            STAFF: ("200", "405"),
            SUPERVISOR: ("200", "405"),
            OFFICE: ("200", "405"),
        },
        ("403", "403"),
        relations=False,
    ),  # fmt: skip
    "funds:community": _read(),
    "funds:fund_new": _keep(),
    "funds:board_new": _keep(),
    "funds:fund": _read(),
    "funds:income_new": _keep(),
    "funds:plan_new": _keep(),
    "funds:plan": _read(),
    "funds:plan_close": _keep(),
    "funds:expenditure_new": _keep(),
    "funds:expenditure": _read(),
    "funds:approve": _keep(),
    "funds:review": _table({"anonymous": ANON, SUPERVISOR: ("405", "405", "302*", "404")}, NO),
    "funds:answer": _keep(),
    "funds:voucher": _read(),
    "funds:board": _read(),
    "funds:board_pdf": _read(),  # the draft's PDF: its readers only
    "funds:board_review": _table({"anonymous": ANON, SUPERVISOR: ("405", "405", "302*", "404")}, NO),
    "funds:board_publish": _keep(),
    # The published board is public: anyone, signed in or not, reads it.
    "funds:public": _table({}, ("200", "200", "405", "405")),
    "funds:public_pdf": _table({}, ("200", "200", "405", "405")),
    "funds:policy": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
}

API_NO = ("405", "405", "403", "403")
API_OUT = ("405", "405", "404", "404")


def _api_read() -> str:
    return _table(
        {"anonymous": ("401", "401", "405", "405"), STAFF: READ, SUPERVISOR: READ, OFFICE: ("200", "200", "405", "405")},
        ("404", "404", "405", "405"),
    )  # fmt: skip


def _api_keep(code: str = "200*") -> str:
    """A write on an object: only the keepers; those who read the object but may not write it get 403, the
    others 404 (the object is out of their reach)."""
    return _table(
        {"anonymous": ("405", "405", "401", "401"), STAFF: ("405", "405", code, "404"),
         SUPERVISOR: ("405", "405", "403", "404"), OFFICE: ("405", "405", "403", "403")},
        API_OUT,
    )  # fmt: skip


def _api_review() -> str:
    """民主理财 on an object: the seated supervisor of 青山村; the other readers 403, the rest 404."""
    return _table(
        {"anonymous": ("405", "405", "401", "401"), SUPERVISOR: ("405", "405", "200*", "404"),
         STAFF: ("405", "405", "403", "404"), OFFICE: ("405", "405", "403", "403")},
        API_OUT,
    )  # fmt: skip


PART_API: dict[str, str] = {
    # GET and POST /api/v1/funds share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/funds": _table({"anonymous": ("401", "-")}, ("200", "-"), relations=False),
    "POST /api/v1/funds": _table(
        {"anonymous": ("-", "-", "401", "401"), STAFF: ("-", "-", "201*", "404")}, ("-", "-", "403", "403")
    ),
    # The community is looked up after the permission: everyone but the keepers gets 403.
    "POST /api/v1/funds/boards": _table(
        {"anonymous": ("405", "405", "401", "401"), STAFF: ("405", "405", "201*", "404")}, API_NO
    ),
    "GET /api/v1/funds/{fund_id}": _api_read(),
    "POST /api/v1/funds/{fund_id}/incomes": _api_keep("201*"),
    "POST /api/v1/funds/{fund_id}/plans": _api_keep("201*"),
    "GET /api/v1/funds/plans/{plan_id}": _api_read(),
    "POST /api/v1/funds/plans/{plan_id}/expenditures": _api_keep("201*"),
    "GET /api/v1/funds/expenditures/{expenditure_id}": _api_read(),
    "POST /api/v1/funds/expenditures/{expenditure_id}/approve": _api_keep(),
    "POST /api/v1/funds/expenditures/{expenditure_id}/review": _api_review(),
    "POST /api/v1/funds/expenditures/{expenditure_id}/answer": _api_keep(),
    "GET /api/v1/funds/boards/{board_id}": _api_read(),
    "POST /api/v1/funds/boards/{board_id}/review": _api_review(),
    "POST /api/v1/funds/boards/{board_id}/publish": _api_keep(),
}
