"""The declared access policy of activities (gongzhi.activities), gathered into tests/policy.py.

Objects (tests/matrix_activities.py): activities of 青山村 ("same") and 东街社区 ("other"), published by their
staff; sign-ups "own" (the actor's own), "same"/"grid"/"other" (typed by staff for the planted residents of
1组网格, 2组网格, 东街社区). Who (gongzhi/activities/rules.py): the calendars, an activity, its feed and report
photos are public; publishing — a community's staff (or a registered organisation's representative for a
community it serves: the volunteer represents 青山村's registered group, tests/matrix_orgs.py, and publishes in
its name there, not in 东街社区); organising
(edit, cancel, attendance, report) — the staff of the activity's community only; signing oneself up —
residents, party members and volunteers; signing up a resident — grid workers, window clerks and community
staff over the resident; the list of sign-ups — the organiser and staff over the community. A sign-up outside
the viewer's concern is 404, as one that does not exist. Writing POSTs are marked *.
"""

from tests.policy import ACTORS


def _table(
    default: tuple[str, ...], rows: dict[str, tuple[str, ...]], relations: tuple[str, ...] = ()
) -> str:
    """A table: every actor's cells are `default` unless `rows` names them."""
    lines = ["GET    POST\n"]
    if relations:
        lines = [
            "GET" + " " * (7 * len(relations) - 3) + "POST\n",
            "".join(f"{r:<7}" for r in relations * 2).rstrip() + "\n",
        ]
    for actor in ACTORS:
        cells = rows.get(actor, default)
        assert len(cells) == 2 * max(1, len(relations)), (actor, cells)
        lines.append(f"{actor:<22}" + "".join(f"{c:<7}" for c in cells).rstrip() + "\n")
    return "".join(lines)


SO = ("same", "other")
OWN = ("own", "same", "grid", "other")
_PUBLIC = _table(("200", "405"), {})
_PUBLIC_SO = _table(("200", "200", "405", "405"), {}, SO)
_SIGNERS = ("resident", "party_member", "volunteer")
_ASSISTED_ROWS_PAGE = {
    "anonymous": ("-", "login", "login", "login", "-", "login", "login", "login"),
    "grid_worker": ("200", "200", "200", "200", "302*", "302*", "200", "200"),
    "community_staff": ("200", "200", "200", "200", "302*", "302*", "302*", "200"),
    "window_clerk": ("200", "200", "200", "200", "302*", "302*", "302*", "200"),
}
_WITHDRAW_PAGE = {
    "anonymous": ("-", "405", "405", "405", "-", "login", "login", "login"),
    "grid_worker": ("405", "405", "405", "405", "302*", "302*", "404", "404"),
    "community_staff": ("405", "405", "405", "405", "302*", "302*", "302*", "404"),
    "window_clerk": ("405", "405", "405", "405", "302*", "302*", "302*", "404"),
    "township_admin": ("405", "405", "405", "405", "302*", "403", "403", "403"),
}
_ORGANISER_MOVE = {  # a POST-only move of the organiser (the staff of 青山村 over "same")
    "anonymous": ("405", "405", "login", "login"),
    "community_staff": ("405", "405", "302*", "403"),
}
_LIST_READERS = {
    "anonymous": ("login", "login", "405", "405"),
    "community_staff": ("200", "403", "405", "405"),
    "window_clerk": ("200", "403", "405", "405"),
    "township_admin": ("200", "200", "405", "405"),
}

PART_PAGES: dict[str, str] = {
    # The township's calendar (month view and list) and its feed: public.
    "activities:calendar": _PUBLIC,
    "activities:calendar_ics": _PUBLIC,
    # 青山村's calendar and feed: public.
    "activities:community": _PUBLIC,
    "activities:community_ics": _PUBLIC,
    # Publish (relation = the community): its staff, or the volunteer in the name of 青山村's group it represents;
    # elsewhere the form shows the refusal and nothing is written.
    "activities:create": _table(
        ("403", "403", "403", "403"),
        {
            "anonymous": ("login", "login", "login", "login"),
            "volunteer": ("200", "200", "302*", "200"),
            "community_staff": ("200", "200", "302*", "200"),
        },
        SO,
    ),
    # My sign-ups (and those I typed for residents) and the activities I organise.
    "activities:mine": _table(("200", "405"), {"anonymous": ("login", "405")}),
    # An activity is public and names nobody who signed up.
    "activities:detail": _PUBLIC_SO,
    # Correct an upcoming activity: its organiser only.
    "activities:edit": _table(
        ("403", "403", "403", "403"),
        {"anonymous": ("login", "login", "login", "login"), "community_staff": ("200", "403", "302*", "403")},
        SO,
    ),
    # Call it off: its organiser only.
    "activities:cancel": _table(("405", "405", "403", "403"), _ORGANISER_MOVE, SO),
    # Sign oneself up for any open activity: residents, party members, volunteers.
    "activities:sign_up": _table(
        ("405", "405", "403", "403"),
        {
            "anonymous": ("405", "405", "login", "login"),
            **{a: ("405", "405", "302*", "302*") for a in _SIGNERS},
        },
        SO,
    ),
    # Sign up a resident (the object): assisters over the resident; out of scope the resident is not found
    # and the page asks to search again (200, nothing written).
    "activities:sign_up_assisted": _table(("403",) * 8, _ASSISTED_ROWS_PAGE, OWN),
    # The sign-ups: the organiser and staff over the community (names in full only in their scope).
    "activities:signups": _table(("403", "403", "405", "405"), _LIST_READERS, SO),
    # Mark who attended a started activity: its organiser only.
    "activities:attendance": _table(("405", "405", "403", "403"), _ORGANISER_MOVE, SO),
    # The report after the event: its organiser only.
    "activities:report": _table(
        ("403", "403", "403", "403"),
        {"anonymous": ("login", "login", "login", "login"), "community_staff": ("200", "403", "302*", "403")},
        SO,
    ),
    # A report photo: public, like the report.
    "activities:photo": _PUBLIC_SO,
    # Withdraw a sign-up: its signer, or an assister over the resident; the township office sees it (403).
    "activities:withdraw": _table(
        ("405", "405", "405", "405", "302*", "404", "404", "404"), _WITHDRAW_PAGE, OWN
    ),
}

_API_ORGANISER_MOVE = {
    "anonymous": ("405", "405", "401", "401"),
    "community_staff": ("405", "405", "200*", "403"),
}

PART_API: dict[str, str] = {
    # Upcoming activities: every signed-in client.
    "GET /api/v1/activities": _table(("200", "-"), {"anonymous": ("401", "-")}),
    # Publish: as the page; elsewhere 403.
    "POST /api/v1/activities": _table(
        ("-", "-", "403", "403"),
        {
            "anonymous": ("-", "-", "401", "401"),
            "volunteer": ("-", "-", "201*", "403"),
            "community_staff": ("-", "-", "201*", "403"),
        },
        SO,
    ),
    "GET /api/v1/activities/signups/mine": _table(("200", "405"), {"anonymous": ("401", "405")}),
    "GET /api/v1/activities/{activity_id}": _table(
        ("200", "200", "405", "405"), {"anonymous": ("401", "401", "405", "405")}, SO
    ),
    "GET /api/v1/activities/{activity_id}/signups": _table(
        ("403", "403", "405", "405"), {**_LIST_READERS, "anonymous": ("401", "401", "405", "405")}, SO
    ),
    "POST /api/v1/activities/{activity_id}/signup": _table(
        ("405", "405", "403", "403"),
        {"anonymous": ("405", "405", "401", "401"), **{a: ("405", "405", "201*", "201*") for a in _SIGNERS}},
        SO,
    ),
    "POST /api/v1/activities/{activity_id}/signup-assisted": _table(
        ("405", "405", "405", "405", "403", "403", "403", "403"),
        {
            "anonymous": ("-", "405", "405", "405", "-", "401", "401", "401"),
            "grid_worker": ("405", "405", "405", "405", "201*", "201*", "404", "404"),
            "community_staff": ("405", "405", "405", "405", "201*", "201*", "201*", "404"),
            "window_clerk": ("405", "405", "405", "405", "201*", "201*", "201*", "404"),
        },
        OWN,
    ),
    "POST /api/v1/activities/signups/{signup_id}/withdraw": _table(
        ("405", "405", "405", "405", "200*", "404", "404", "404"),
        {
            "anonymous": ("-", "405", "405", "405", "-", "401", "401", "401"),
            "grid_worker": ("405", "405", "405", "405", "200*", "200*", "404", "404"),
            "community_staff": ("405", "405", "405", "405", "200*", "200*", "200*", "404"),
            "window_clerk": ("405", "405", "405", "405", "200*", "200*", "200*", "404"),
            "township_admin": ("405", "405", "405", "405", "200*", "403", "403", "403"),
        },
        OWN,
    ),
    "POST /api/v1/activities/{activity_id}/attendance": _table(
        ("405", "405", "403", "403"), _API_ORGANISER_MOVE, SO
    ),
    "POST /api/v1/activities/{activity_id}/report": _table(
        ("405", "405", "403", "403"), _API_ORGANISER_MOVE, SO
    ),
    # The report with its photos (multipart): as the text-only report, its organiser only.
    "POST /api/v1/activities/{activity_id}/report-with-photos": _table(
        ("405", "405", "403", "403"), _API_ORGANISER_MOVE, SO
    ),
    "POST /api/v1/activities/{activity_id}/cancel": _table(
        ("405", "405", "403", "403"), _API_ORGANISER_MOVE, SO
    ),
}

# Editing an activity over the API (the page's edit): its organiser only, before it starts; the activities one
# organises: everyone signed in (an actor who organises none reads an empty list).
PART_API |= {
    "POST /api/v1/activities/{activity_id}/edit": _table(
        ("405", "405", "403", "403"), _API_ORGANISER_MOVE, SO
    ),
    "GET /api/v1/activities/organised/mine": _table(("200", "405"), {"anonymous": ("401", "405")}),
}
