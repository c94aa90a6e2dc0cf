"""The declared access policy of suggestions and complaints about gongzhi (gongzhi.feedback), gathered into
tests/policy.py.

Objects (tests/matrix_feedback.py): two open complaints to 永安镇 and two answered suggestions ("same" and
"other" alike: the township office answers every one of its township) filed by a resident of 青山村 who is none
of the actors, 永安镇 and a category it added. Who (gongzhi/feedback/rules.py): anyone files (a visitor with a
name and a mobile number, who then reads it by receipt code: the lookup answers everyone alike); the filer reads
and withdraws their own; the township office (`feedback.answer`, `keep_categories`) reads, answers, corrects an
answer, counts and keeps its township's own categories. Anything else is 404, as what does not exist. Writing
requests are marked *.
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
OFFICE = "township_admin"


def _flat(rows: dict, default: tuple[str, ...]) -> str:
    return _table({"anonymous": ("login", "login"), **rows}, default, relations=False)


PART_PAGES: dict[str, str] = {
    "feedback:index": _flat({}, ("200", "405")),
    # Everyone files, a visitor too (with a name and a mobile number).
    "feedback:new": _table({"anonymous": ("200", "302*")}, ("200", "302*"), relations=False),
    # A visitor's receipt code is shown once, right after filing; without one the page sends to the lookup.
    "feedback:receipt": _table({"anonymous": ("302", "405")}, ("302", "405"), relations=False),
    # Anyone looks up by receipt code and the mobile's last four digits (a wrong pair: one message, no write).
    "feedback:lookup": _table({"anonymous": ("200", "200")}, ("200", "200"), relations=False),
    "feedback:inbox": _flat({OFFICE: ("200", "405")}, ("403", "403")),
    # Which township's categories: the township office of one township goes straight to it.
    "feedback:categories": _flat({OFFICE: ("302", "405")}, ("403", "403")),
    "feedback:township_categories": _table({"anonymous": ANON, OFFICE: ("200", "200", "302*", "302*")}, NO),
    "feedback:category_edit": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "feedback:category_retire": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "feedback:answer_correct": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    "feedback:detail": _table(
        {"anonymous": ANON, OFFICE: ("200", "200", "405", "405")}, ("404", "404", "405", "405")
    ),
    "feedback:answer": _table({"anonymous": ANON, OFFICE: ("405", "405", "302*", "302*")}, NO),
    # Only the filer withdraws: the township office reads it but may not.
    "feedback:withdraw": _table(
        {"anonymous": ANON, OFFICE: ("405", "405", "403", "403")}, ("405", "405", "404", "404")
    ),
}


def _api_move(office: str) -> str:
    return _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", office, office)},
        ("405", "405", "404", "404"),
    )


PART_API: dict[str, str] = {
    # GET and POST /api/v1/feedback share a path: each table leaves the other method to its sibling ("-").
    "GET /api/v1/feedback": _table({"anonymous": ("401", "-")}, ("200", "-"), relations=False),
    "POST /api/v1/feedback": _table({"anonymous": ("-", "401")}, ("-", "201*"), relations=False),
    "GET /api/v1/feedback/categories": _table({"anonymous": ("401", "405")}, ("200", "405"), relations=False),
    # The township's own categories (the township office over 永安镇, both relations).
    "GET /api/v1/feedback/categories/{township_id}": _table(
        {"anonymous": ("401", "401", "-", "-"), OFFICE: ("200", "200", "-", "-")}, ("403", "403", "-", "-")
    ),
    "POST /api/v1/feedback/categories/{township_id}": _table(
        {"anonymous": ("-", "-", "401", "401"), OFFICE: ("-", "-", "201*", "201*")}, ("-", "-", "403", "403")
    ),
    "POST /api/v1/feedback/categories/{township_id}/{category_id}/edit": _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", "200*", "200*")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
    "POST /api/v1/feedback/categories/{township_id}/{category_id}/retire": _table(
        {"anonymous": ("405", "405", "401", "401"), OFFICE: ("405", "405", "200*", "200*")},
        ("405", "405", "403", "403"),
    ),  # fmt: skip
    "GET /api/v1/feedback/inbox": _table(
        {"anonymous": ("401", "405"), OFFICE: ("200", "405")}, ("403", "405"), relations=False
    ),
    "GET /api/v1/feedback/counts": _table(
        {"anonymous": ("401", "405"), OFFICE: ("200", "405")}, ("403", "405"), relations=False
    ),
    "GET /api/v1/feedback/{feedback_id}": _table(
        {"anonymous": ("401", "401", "405", "405"), OFFICE: ("200", "200", "405", "405")},
        ("404", "404", "405", "405"),
    ),  # fmt: skip
    "POST /api/v1/feedback/{feedback_id}/answer": _api_move("200*"),
    "POST /api/v1/feedback/{feedback_id}/correct": _api_move("200*"),
    "POST /api/v1/feedback/{feedback_id}/withdraw": _api_move("403"),
}
