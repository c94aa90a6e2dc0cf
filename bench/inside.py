"""The parts of `make bench` that need Django, each run as its own process by bench/run.py.

    python bench/inside.py status              is the database seeded? (JSON)
    python bench/inside.py prepare [W] [C] [A] API token, community and search for the load test, the
                                               back-office officer whose hall queue is measured, and for
                                               the claim storm W fresh published wishes and C claimers
                                               (party members / volunteers) with API tokens, and for the
                                               decision storm A applications in 乡镇审批中 and two officers
                                               (JSON)
    python bench/inside.py storm-verify PATH   after the storm: one claimer and one 'claim' event per wish,
                                               the one HTTP answered 200 to (JSON)
    python bench/inside.py decide-verify PATH  after the decision storm: one decision event per application,
                                               approved, by the officer HTTP said decided it (JSON)
    python bench/inside.py ballot-prepare N    the ballot storm's own small database: a community, N voters with
                                               API tokens, one open ballot box for them (JSON)
    python bench/inside.py ballot-verify PATH  after the ballot storm: every acknowledged ballot counted once, no
                                               voter twice, ballots = participations = tally = the clients'
                                               choices, every receipt included; then the close (JSON)
    python bench/inside.py signup-prepare P N A  the sign-up storm's own small database: a community, P residents
                                               with API tokens, A upcoming activities of N places each (JSON)
    python bench/inside.py signup-verify PATH  after the sign-up storm: never more active sign-ups than places,
                                               one audit row each, the people HTTP answered 201 (JSON)
    python bench/inside.py booking-prepare P S the booking storm's own small database: a community, P residents
                                               with API tokens, one bookable room and S one-hour slots (JSON)
    python bench/inside.py booking-verify PATH after the booking storm: one booking per slot, none overlapping,
                                               one audit row each, the people HTTP answered 201 (JSON)
    python bench/inside.py make-xlsx PATH N    a valid N-row import file for the first township
    python bench/inside.py import PATH         validate + import PATH as the township admin (JSON)
    python bench/inside.py profile [N] [TOP]   time each endpoint in-process, N requests, cProfile top TOP
    python bench/inside.py oversight-prepare   the township whose oversight page is measured and its admin (JSON)
    python bench/inside.py oversight-measure PATHS  per oversight URL (JSON of name: path): queries, mean time and
                                               Python peak of a request; each indicator's function alone (JSON)
    python bench/inside.py roll-generate       the voter rolls of every community of the county, generated from
                                               the register for an election 60 days ahead, timed; then rolled
                                               back, so the county stays as seeded (JSON)

The environment (DJANGO_SETTINGS_MODULE, GONGZHI_DATA_DIR, DATABASE_URL) is set by run.py.
Each command runs in a process of its own so that its peak memory is its own.
"""

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (
    None,
    "",
):  # run as a script, `python bench/inside.py`: the harness modules live in the bench package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.config.settings.bench")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from gongzhi.accounts.models import ApiToken, User  # noqa: E402
from gongzhi.accounts.roles import Role  # noqa: E402
from gongzhi.areas.models import Area, AreaKind  # noqa: E402

BENCH_USER = "cun_ganbu"  # community staff: one community in scope
IMPORT_USER = "zhen_admin"  # township admin: imports across the township's communities
TOKEN_NAME = "bench"
STORM_STAFF = "bench_storm_staff"  # types and publishes the storm's wishes
STORM_CLAIMER = "bench_claimer_{:02d}"  # the storm's party members and volunteers
HALL_OFFICER = "bench_hall_officer"  # a department's officer: the back-office queue under load
HALL_DECIDER = "bench_decider_{}"  # the decision storm's two officers of one department
HALL_CLERK = "bench_hall_clerk"  # the township window that makes and accepts the storm's applications
DEMO_PASSWORD = "Gongzhi@Demo2026"


def out(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def status() -> None:
    tables = set(connection.introspection.table_names())
    if "residents_resident" not in tables or "audit_auditevent" not in tables:
        out({"seeded": False, "residents": 0})
        return
    from gongzhi.audit.models import AuditEvent
    from gongzhi.residents.models import Resident
    from gongzhi.wishes.models import Wish

    seeded = AuditEvent.objects.filter(verb="system.seeded").exists()
    applications = 0
    if seeded and "hall_application" in tables:
        from gongzhi.hall.models import Application

        applications = Application.objects.count()
    year_rows = 0
    if seeded and "selfgov_decision" in tables:
        from gongzhi.selfgov.models import Decision

        year_rows = Decision.objects.count()
    out(
        {
            "seeded": seeded,
            "year_rows": year_rows,
            "residents": Resident.objects.count() if seeded else 0,
            "wishes": Wish.objects.count() if seeded and "wishes_wish" in tables else 0,
            "applications": applications,
        }
    )


def prepare(wishes: int = 0, claimers: int = 0, applications: int = 0) -> None:
    from gongzhi.residents.models import Resident

    user = User.objects.get(username=BENCH_USER)
    assignment = user.role_assignments.get(role=Role.COMMUNITY_STAFF)
    community = assignment.area
    # A fresh token each run; the old ones of this name go.
    ApiToken.objects.filter(user=user, name=TOKEN_NAME).delete()
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name=TOKEN_NAME, key_hash=ApiToken.hash_key(key), prefix=key[:8])
    # The commonest two-letter initials in the community: a realistic search with many hits.
    initials = Counter(
        value[:2]
        for value in Resident.objects.filter(community=community, status="active").values_list(
            "name_initials", flat=True
        )
        if len(value) >= 2
    )
    q, hits = initials.most_common(1)[0]
    from gongzhi.wishes.selectors import wall_for

    out(
        {
            "username": BENCH_USER,
            "community_id": community.pk,
            "community": community.name,
            "community_residents": Resident.objects.filter(community=community).count(),
            "q": q,
            "q_hits": hits,
            "token": key,
            "residents": Resident.objects.count(),
            "wall_wishes": wall_for(community=community).count(),
            "storm": storm_prepare(community, wishes, claimers) if wishes and claimers else None,
            "hall": hall_prepare(community.parent, applications),
        }
    )


def storm_prepare(beside: Area, wishes: int, claimers: int) -> dict:
    """`wishes` freshly published wishes and `claimers` party members / volunteers with API tokens.

    In a community next to the measured one (so that the wall under load
    stays as seeded), made through the wish actions as a grid worker and a
    moderator would. The accounts are kept between runs; their tokens are new.
    """
    from django.contrib.auth.hashers import make_password

    from gongzhi.accounts.models import RoleAssignment
    from gongzhi.residents.models import Resident
    from gongzhi.wishes import actions

    community = (
        Area.objects.filter(kind=AreaKind.COMMUNITY, parent_id=beside.parent_id)
        .exclude(pk=beside.pk)
        .order_by("path")
        .first()
        or beside
    )

    def account(username: str, role: str) -> User:
        user, created = User.objects.get_or_create(
            username=username, defaults={"display_name": username, "password": make_password(None)}
        )
        if not user.role_assignments.filter(role=role, area=community).exists():
            RoleAssignment.objects.create(user=user, role=role, area=community, area_path=community.path)
        return user

    staff = account(STORM_STAFF, Role.COMMUNITY_STAFF)
    tokens = []
    for number in range(1, claimers + 1):
        user = account(STORM_CLAIMER.format(number), Role.PARTY_MEMBER if number % 2 else Role.VOLUNTEER)
        ApiToken.objects.filter(user=user, name=TOKEN_NAME).delete()
        key = ApiToken.new_key()
        ApiToken.objects.create(user=user, name=TOKEN_NAME, key_hash=ApiToken.hash_key(key), prefix=key[:8])
        tokens.append({"username": user.username, "token": key})
    people = list(Resident.objects.filter(community=community, user__isnull=True).order_by("id")[:wishes])
    ids = []
    for number in range(wishes):
        wish = actions.wish_post_assisted(
            actor=staff, resident=people[number % len(people)], title=f"压测心愿 {number + 1}",
            story="基准测试：许多人同时认领同一个心愿，只能有一人成功。", category="other",
            consent_channel="in_person", consent_note="基准测试数据",
            privacy="public",  # every helper races for it; a sensitive resident's wish would default to restricted
        )  # fmt: skip
        actions.wish_publish(actor=staff, wish=wish)
        ids.append(wish.pk)
    return {"community_id": community.pk, "community": community.name, "wish_ids": ids, "claimers": tokens}


def _bench_account(username: str, display: str, role: str, area: Area, department=None) -> User:
    """A bench account with the demo password and one role; kept between runs (only its tokens change)."""
    from django.contrib.auth.hashers import make_password

    from gongzhi.accounts.models import RoleAssignment

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create(
            username=username, display_name=display, password=make_password(DEMO_PASSWORD)
        )
    held = user.role_assignments.filter(role=role, area=area, department=department)
    if not held.exists():
        RoleAssignment.objects.create(
            user=user, role=role, area=area, area_path=area.path, department=department
        )
    return user


def _token(user: User) -> str:
    ApiToken.objects.filter(user=user, name=TOKEN_NAME).delete()
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name=TOKEN_NAME, key_hash=ApiToken.hash_key(key), prefix=key[:8])
    return key


def hall_prepare(township: Area, applications: int) -> dict | None:
    """The back-office queue under load and the decision storm's applications and officers.

    The measured officer works in the department of `township` with the most applications in
    乡镇审批中 (its queue, earliest due first, 30 a page). The storm runs in the next township (so that
    the measured queue stays as seeded): `applications` applications for a matter that township decides
    itself (no county office), made and accepted at its window through the hall's actions, waiting in
    乡镇审批中 for two officers of the matter's department.
    """
    from django.db.models import Count

    from gongzhi.areas.models import Department
    from gongzhi.cases.models import Case
    from gongzhi.hall.models import Application
    from gongzhi.hall.selectors.applications import queue_for

    if not Application.objects.exists():
        return None
    busiest = (
        Case.objects.filter(kind="application", state="township_review", area_path__startswith=township.path)
        .values("department_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest is None:
        return None
    department = Department.objects.get(pk=busiest["department_id"])
    officer = _bench_account(
        HALL_OFFICER, f"{department.name}审批员", Role.TOWNSHIP_REVIEWER, township, department
    )
    queue = queue_for(viewer=officer)
    result = {
        "username": officer.username,
        "token": _token(officer),
        "township": township.name,
        "department": department.name,
        "queue": queue.count(),
        "storm": decision_storm_prepare(township, applications) if applications else None,
    }
    return result


def decision_storm_prepare(beside: Area, count: int) -> dict:
    """`count` applications in 乡镇审批中 made through the hall's actions, and the two officers who decide."""
    from gongzhi.hall.actions import applying, desk
    from gongzhi.hall.models import MaterialState, Matter
    from gongzhi.residents.models import Resident

    township = (
        Area.objects.filter(kind=AreaKind.TOWNSHIP, parent_id=beside.parent_id).exclude(pk=beside.pk)
        .order_by("path").first() or beside
    )  # fmt: skip
    matter = (
        Matter.objects.filter(township=township, mode="village_to_township", village_review=False,
                              county_office="", department__isnull=False, is_active=True, children__isnull=True)
        .select_related("department").order_by("code").first()
    )  # fmt: skip
    assert matter is not None  # the starter catalogue has several
    assert matter.department is not None
    clerk = _bench_account(HALL_CLERK, f"{township.name}窗口", Role.WINDOW_CLERK, township)
    deciders = [
        _bench_account(HALL_DECIDER.format(n), f"{matter.department.name}审批员{n}", Role.TOWNSHIP_REVIEWER,
                       township, matter.department)
        for n in (1, 2)
    ]  # fmt: skip
    people = list(
        Resident.objects.filter(area_path__startswith=township.path, status="active").order_by("id")[:count]
    )
    ids = []
    for number in range(count):
        application = applying.application_apply_for(
            actor=clerk, matter=matter, resident=people[number % len(people)], consent_channel="in_person",
            consent_note="基准测试数据", at_window=True,
        )  # fmt: skip
        lines = application.materials.exclude(state=MaterialState.FROM_REGISTER).values_list("pk", flat=True)
        application = desk.application_accept(actor=clerk, application=application, checked=list(lines))
        ids.append(application.pk)
    return {
        "township": township.name,
        "department": matter.department.name,
        "matter": matter.name,
        "application_ids": ids,
        "officers": [user.username for user in deciders],
    }


def decide_verify(path: Path) -> None:
    """Exactly one decision event per application, the state approved, decided by the officer answered with
    success (the other got the page's refusal)."""
    from django.db.models import Count, Q

    from gongzhi.hall.models import Application

    data = json.loads(path.read_text())
    winners: dict[str, str] = data["winners"]
    ids = [int(pk) for pk in data["application_ids"]]
    rows = (
        Application.objects.filter(pk__in=ids)
        .annotate(decisions=Count("case__events", filter=Q(case__events__verb__in=["approve", "reject"])))
        .values_list("pk", "case__state", "decided_by__username", "decisions")
    )
    problems = []
    for pk, state, decider, decisions in rows:
        if state != "approved" or decisions != 1 or decider is None or winners.get(str(pk)) != decider:
            problems.append(f"application {pk}: state {state}, {decisions} decision events, decided by {decider}, "
                            f"HTTP winner {winners.get(str(pk))}")  # fmt: skip
    out({"applications": len(ids), "found": len(rows), "ok": not problems and len(rows) == len(ids),
         "problems": problems[:10]})  # fmt: skip


def storm_verify(path: Path) -> None:
    """Exactly one claimer and one 'claim' event per wish, and it is the claimer HTTP said won."""
    from django.db.models import Count, Q

    from gongzhi.wishes.models import Wish

    data = json.loads(path.read_text())
    winners: dict[str, str] = data["winners"]  # wish id → username answered 200
    ids = [int(pk) for pk in data["wish_ids"]]
    rows = (
        Wish.objects.filter(pk__in=ids)
        .annotate(claims=Count("case__events", filter=Q(case__events__verb="claim")))
        .values_list("pk", "case__state", "claimer__username", "claims")
    )
    problems = []
    for pk, state, claimer, claims in rows:
        if state != "claimed" or claims != 1 or claimer is None or winners.get(str(pk)) != claimer:
            problems.append(f"wish {pk}: state {state}, {claims} claim events, claimer {claimer}, "
                            f"HTTP winner {winners.get(str(pk))}")  # fmt: skip
    found = len(rows)
    out(
        {
            "wishes": len(ids),
            "found": found,
            "ok": not problems and found == len(ids),
            "problems": problems[:10],
        }
    )


BALLOT_STAFF = "bench_ballot_staff"  # opens and closes the ballot storm's box
BALLOT_VOTER = "bench_voter_{:04d}"


def ballot_prepare(voters: int) -> None:
    """A township, a community, its staff member and `voters` residents with API tokens (no password: they vote
    over the API), and one ballot box for them, open for two hours, opened through the kernel's action."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from gongzhi.accounts.models import RoleAssignment
    from gongzhi.areas.actions import area_create_unchecked
    from gongzhi.ballots.actions import EVALUATION, FOR_AGAINST_ABSTAIN, ballot_box_open

    township = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="投票镇", parent=None, code="519999101000")
    community = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="投票村", parent=township, code="519999101201", community_type="village"
    )
    unusable = make_password(None)
    staff = User.objects.create(username=BALLOT_STAFF, display_name="投票村干部", password=unusable)
    RoleAssignment.objects.create(
        user=staff, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
    )
    people = User.objects.bulk_create(
        [
            User(username=BALLOT_VOTER.format(n), display_name=f"村民{n}", password=unusable)
            for n in range(voters)
        ]
    )
    people = list(User.objects.filter(username__startswith="bench_voter_").order_by("username"))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role=Role.RESIDENT, area=community, area_path=community.path) for u in people]
    )
    tokens = []
    for user in people:
        key = ApiToken.new_key()
        ApiToken.objects.create(user=user, name=TOKEN_NAME, key_hash=ApiToken.hash_key(key), prefix=key[:8])
        tokens.append({"username": user.username, "token": key})
    questions = [
        {"key": "road", "text": "是否同意硬化村东道路", "options": [dict(o) for o in FOR_AGAINST_ABSTAIN]},
        {"key": "chair", "text": "对村委会主任的民主评议", "options": [dict(o) for o in EVALUATION]},
    ]
    box = ballot_box_open(
        actor=staff, area=community, title="基准测试：投票风暴", questions=questions, voters=people,
        closes_at=timezone.now() + dt.timedelta(hours=2), purpose="bench",
    )  # fmt: skip
    out({"box_id": box.pk, "voters": tokens, "questions": box.questions})


SIGNUP_STAFF = "bench_signup_staff"  # publishes the sign-up storm's activities
SIGNUP_PERSON = "bench_signer_{:04d}"


def signup_prepare(people: int, places: int, activities: int) -> None:
    """A township, a community, its staff member and `people` residents with API tokens (no password: they
    sign up over the API), and `activities` upcoming activities of `places` places, published by the staff
    member through the activities' own action."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from gongzhi.accounts.models import RoleAssignment
    from gongzhi.activities.actions import activity_publish
    from gongzhi.activities.models import ActivityKind, Series
    from gongzhi.areas.actions import area_create_unchecked

    township = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="报名镇", parent=None, code="519998101000")
    community = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="报名村", parent=township, code="519998101201", community_type="village"
    )
    unusable = make_password(None)
    staff = User.objects.create(username=SIGNUP_STAFF, display_name="报名村干部", password=unusable)
    RoleAssignment.objects.create(
        user=staff, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
    )
    User.objects.bulk_create(
        [
            User(username=SIGNUP_PERSON.format(n), display_name=f"村民{n}", password=unusable)
            for n in range(people)
        ]
    )
    residents = list(User.objects.filter(username__startswith="bench_signer_").order_by("username"))
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=u, role=Role.RESIDENT, area=community, area_path=community.path)
            for u in residents
        ]
    )
    tokens = []
    for user in residents:
        key = ApiToken.new_key()
        ApiToken.objects.create(user=user, name=TOKEN_NAME, key_hash=ApiToken.hash_key(key), prefix=key[:8])
        tokens.append({"username": user.username, "token": key})
    series, kind = Series.objects.get(code="moral_lecture"), ActivityKind.objects.get(code="lecture")
    start = timezone.now() + dt.timedelta(days=2)
    ids = [
        activity_publish(
            actor=staff, community=community, title=f"基准测试：报名风暴{n}", description="基准测试用的活动。",
            place="文化礼堂", starts_at=start, ends_at=start + dt.timedelta(hours=2), places=places,
            series_id=series.pk, kind_id=kind.pk,
        ).pk
        for n in range(activities)
    ]  # fmt: skip
    out({"activity_ids": ids, "people": tokens})


BOOKING_STAFF = "bench_booking_staff"  # records the booking storm's room
BOOKING_PERSON = "bench_booker_{:04d}"


def booking_prepare(people: int, slots: int) -> None:
    """A township, a community, its staff member and `people` residents with API tokens, one bookable room
    (08:00–20:00, no approval) recorded through the facilities' own action, and `slots` one-hour slots from
    tomorrow on, within its opening hours."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from gongzhi.accounts.models import RoleAssignment
    from gongzhi.areas.actions import area_create_unchecked
    from gongzhi.facilities.actions import facility_save
    from gongzhi.facilities.models import FacilityType

    township = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="预约镇", parent=None, code="519997101000")
    community = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="预约村", parent=township, code="519997101201", community_type="village"
    )
    unusable = make_password(None)
    staff = User.objects.create(username=BOOKING_STAFF, display_name="预约村干部", password=unusable)
    RoleAssignment.objects.create(
        user=staff, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
    )
    User.objects.bulk_create(
        [
            User(username=BOOKING_PERSON.format(n), display_name=f"村民{n}", password=unusable)
            for n in range(people)
        ]
    )
    residents = list(User.objects.filter(username__startswith="bench_booker_").order_by("username"))
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=u, role=Role.RESIDENT, area=community, area_path=community.path)
            for u in residents
        ]
    )
    tokens = []
    for user in residents:
        key = ApiToken.new_key()
        ApiToken.objects.create(user=user, name=TOKEN_NAME, key_hash=ApiToken.hash_key(key), prefix=key[:8])
        tokens.append({"username": user.username, "token": key})
    room = facility_save(
        actor=staff, community=community, facility_type=FacilityType.objects.get(name="党员活动室"),
        name="党员活动室", opens_at="08:00", closes_at="20:00", bookable=True, capacity=50,
    )  # fmt: skip
    first = timezone.localdate() + dt.timedelta(days=1)
    hours = [
        timezone.make_aware(dt.datetime.combine(first + dt.timedelta(days=n // 12), dt.time(8 + n % 12)))
        for n in range(slots)
    ]
    out(
        {
            "facility_id": room.pk,
            "slots": [
                {"starts_at": h.isoformat(), "ends_at": (h + dt.timedelta(hours=1)).isoformat()}
                for h in hours
            ],
            "people": tokens,
        }
    )


def booking_verify(path: Path) -> None:
    """The database's view of the booking storm: one booking per slot, none overlapping, the 201s' bookers."""
    import datetime as dt

    from gongzhi.audit.models import AuditEvent
    from gongzhi.facilities.models import Booking

    data = json.loads(path.read_text())
    rows = list(
        Booking.objects.filter(facility_id=data["facility_id"], state__in=["pending", "approved"])
        .order_by("starts_at", "id")
        .values_list("starts_at", "ends_at", "user__username")
    )
    problems = []
    overlaps = sum(1 for a, b in zip(rows, rows[1:], strict=False) if b[0] < a[1])
    if overlaps:
        problems.append(f"{overlaps} overlapping bookings")
    by_start = {start: username for start, _end, username in rows}
    for index, slot in enumerate(data["slots"]):
        start = dt.datetime.fromisoformat(slot["starts_at"])
        if by_start.get(start) not in data["booked"].get(str(index), [None]):
            problems.append(f"slot {index}: the database's booker differs from the 201 answer")
    audit_rows = AuditEvent.objects.filter(verb="facilities.booked").count()
    if audit_rows != len(rows):
        problems.append(f"{audit_rows} facilities.booked audit rows for {len(rows)} bookings")
    if len(rows) != len(data["slots"]):
        problems.append(f"{len(rows)} bookings for {len(data['slots'])} slots")
    out(
        {
            "bookings": len(rows),
            "overlaps": overlaps,
            "audit_rows": audit_rows,
            "ok": not problems,
            "problems": problems[:10],
        }
    )


def signup_verify(path: Path) -> None:
    """The database's view of the sign-up storm: the most active sign-ups on any activity, against its places."""
    from django.db.models import Count, Q

    from gongzhi.activities.models import Activity, SignUp
    from gongzhi.audit.models import AuditEvent

    data = json.loads(path.read_text())
    ids, places = data["activity_ids"], data["places"]
    rows = Activity.objects.filter(pk__in=ids).annotate(
        taken=Count("signups", filter=Q(signups__state__in=["signed", "attended"]))
    )
    taken = {a.pk: a.taken for a in rows}
    problems = []
    overbooked = [pk for pk, n in taken.items() if n > places]
    if overbooked:
        problems.append(f"overbooked: {overbooked[:10]}")
    for pk in ids:
        got = set(
            SignUp.objects.filter(activity_id=pk, state="signed").values_list("user__username", flat=True)
        )
        if got != set(data["signed"].get(str(pk), [])):
            problems.append(f"activity {pk}: the database's sign-ups differ from the 201 answers")
    signups = SignUp.objects.filter(activity_id__in=ids).count()
    audit_rows = AuditEvent.objects.filter(verb="signup.created").count()
    if audit_rows != signups:
        problems.append(f"{audit_rows} signup.created audit rows for {signups} sign-ups")
    out(
        {
            "most": max(taken.values(), default=0),
            "overbooked": len(overbooked),
            "signups": signups,
            "audit_rows": audit_rows,
            "ok": not problems and len(taken) == len(ids),
            "problems": problems[:10],
        }
    )


def ballot_verify(path: Path) -> None:
    """The database's view of the storm, then the close: the invariant again, and the results."""
    from collections import Counter as Tally

    from gongzhi.ballots.actions import ballot_box_close
    from gongzhi.ballots.models import Ballot, BallotBox, Participation
    from gongzhi.ballots.selectors import ballot_box_invariant, ballot_box_results, receipt_hash

    data = json.loads(path.read_text())
    box = BallotBox.objects.get(pk=data["box_id"])
    acked: dict[str, dict] = data["acked"]  # username → {"answers": {…}, "receipt": code or None}
    problems = []
    voted = Tally(Participation.objects.filter(box=box).values_list("user__username", flat=True))
    twice = [name for name, n in voted.items() if n > 1]
    if twice:
        problems.append(f"voted twice: {twice[:5]}")
    missing = sorted(set(acked) - set(voted))
    if missing:
        problems.append(f"acknowledged but not counted: {missing[:5]} ({len(missing)})")
    unacked = sorted(set(voted) - set(acked))
    if unacked:
        problems.append(f"counted but never acknowledged: {unacked[:5]} ({len(unacked)})")
    expected = {key: Tally() for key in ("road", "chair")}
    for ballot in acked.values():
        for key, option in ballot["answers"].items():
            expected[key][option] += 1
    stored = {key: Tally() for key in ("road", "chair")}
    hashes = set()
    for answers, hashed in Ballot.objects.filter(box=box, filled=True).values_list("answers", "receipt_hash"):
        hashes.add(hashed)
        for key, option in answers.items():
            stored[key][option] += 1
    if stored != expected:
        problems.append(f"tally {dict(stored)} is not the clients' choices {dict(expected)}")
    receipts = [b["receipt"] for b in acked.values() if b.get("receipt")]
    lost = [r for r in receipts if receipt_hash(r) not in hashes]
    if lost:
        problems.append(f"{len(lost)} receipts not in the box")
    before = ballot_box_invariant(box)
    if not before["ok"]:
        problems.append(f"invariant while open: {before}")
    ballot_box_close(actor=User.objects.get(username=BALLOT_STAFF), box=box)
    box.refresh_from_db()
    after = ballot_box_invariant(box)
    results = ballot_box_results(box)
    if not after["ok"] or results.participated != len(acked) or results.filled != len(acked):
        problems.append(f"after the close: {after}, results {results.participated}/{results.filled}")
    out(
        {
            "ok": not problems,
            "problems": problems[:10],
            "eligible": after["eligible"],
            "participations": after["participations"],
            "filled": after["filled"],
            "per_question": after["per_question"],
            "receipts_checked": len(receipts),
            "tally": {q.key: {k: n for k, _l, n in q.counts} for q in results.questions},
        }
    )


def make_xlsx(path: Path, rows: int) -> None:
    """A file a township clerk could upload: new households (户主 rows first), valid IDs."""
    import random

    from gongzhi.devtools.generator import PeopleFactory
    from gongzhi.residents.codes import label_for
    from gongzhi.residents.spreadsheet import COLUMNS

    admin = User.objects.get(username=IMPORT_USER)
    township = admin.role_assignments.get(role=Role.TOWNSHIP_ADMIN).area
    communities = list(
        Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=township.path).order_by("path")[:10]
    )
    # Every grid of those communities, with its buildings (urban) or none (village).
    places: list[tuple[Area, Area, Area | None]] = []
    for community in communities:
        for grid in Area.objects.filter(kind=AreaKind.GRID, path__startswith=community.path):
            buildings = list(Area.objects.filter(kind=AreaKind.BUILDING, parent=grid))
            for building in buildings or [None]:
                places.append((community, grid, building))
    # Another region prefix than the seed's, so no ID number is already registered.
    factory = PeopleFactory(seed=4242, region_prefix="511424")
    rng = random.Random(4242)
    keys = [key for key, _header, _required in COLUMNS]
    households = 0

    def generate():
        nonlocal households
        yield [header for _key, header, _required in COLUMNS]
        written = 0
        while written < rows:
            households += 1
            community, grid, building = rng.choice(places)
            address = f"{community.name}{grid.name}{rng.randint(1, 200)}号"
            number = f"D{households:07d}"
            for person, relation in factory.household():
                if written >= rows:
                    break
                written += 1
                values = {
                    "name": person.name,
                    "id_number": person.id_number,
                    "gender": label_for("gender", person.gender),
                    "birth_date": person.birth_date.isoformat(),
                    "ethnicity": "汉族",
                    "political_status": "群众",
                    "education": "",
                    "marital_status": "",
                    "phone": person.phone,
                    "registered_address": f"四川省洪川县{address}",
                    "current_address": address,
                    "residence_type": "户籍人口",
                    "community": community.name,
                    "grid": grid.name,
                    "building": building.name if building else "",
                    "household_number": number,
                    "relation_to_head": label_for("relation_to_head", relation),
                    "tags": "低保" if rng.random() < 0.03 else "",
                }
                yield [values[key] for key in keys]

    from bench.xlsx import write_xlsx

    written = write_xlsx(path, generate(), size=(rows + 1, len(keys))) - 1
    out(
        {
            "rows": written,
            "households": households,
            "communities": len(communities),
            "bytes": path.stat().st_size,
        }
    )


def run_import(path: Path) -> None:
    from gongzhi.residents.imports import import_prepared, validate_file
    from gongzhi.residents.models import Resident

    admin = User.objects.get(username=IMPORT_USER)
    before = Resident.objects.count()

    def progress(phase: str, done: int, total: int) -> None:
        pass

    started = time.monotonic()
    result = validate_file(path, actor=admin, progress=progress, total=0, spool=path.with_suffix(".rows"))
    validated = time.monotonic()
    if result.errors:
        out(
            {
                "ok": False,
                "rows": result.total,
                "errors": len(result.errors),
                "first_errors": [f"row {e.row} {e.column}: {e.reason}" for e in result.errors[:5]],
                "validate_s": validated - started,
            }
        )
        return
    assert result.prepared is not None
    try:
        imported = import_prepared(
            result.prepared, actor=admin, filename=path.name, source_ip="127.0.0.1", progress=progress
        )
    finally:
        result.prepared.discard()
    finished = time.monotonic()
    out(
        {
            "ok": imported == result.total and Resident.objects.count() == before + imported,
            "rows": imported,
            "validate_s": validated - started,
            "import_s": finished - validated,
            "total_s": finished - started,
        }
    )


def profile(count: int, top: int) -> None:
    """Mean in-process time per request of each endpoint, then where the page, the API and the wall spend it.

    For finding what to make faster, not for the table: no server, no network,
    one process. Uses the same user, community and search as the load test.
    """
    import cProfile
    import pstats

    from django.test import Client
    from django.test.utils import override_settings

    from gongzhi.residents.models import Resident

    user = User.objects.get(username=BENCH_USER)
    community = user.role_assignments.get(role=Role.COMMUNITY_STAFF).area
    initials = Counter(
        v[:2]
        for v in Resident.objects.filter(community=community, status="active").values_list(
            "name_initials", flat=True
        )
        if len(v) >= 2
    )
    q = initials.most_common(1)[0][0]
    ApiToken.objects.filter(user=user, name=TOKEN_NAME + "-profile").delete()
    key = ApiToken.new_key()
    ApiToken.objects.create(
        user=user, name=TOKEN_NAME + "-profile", key_hash=ApiToken.hash_key(key), prefix=key[:8]
    )
    with override_settings(ALLOWED_HOSTS=["*"]):
        staff = Client()
        staff.force_login(user)
        anonymous = Client()
        endpoints = [
            ("bare", anonymous, "/bench/bare", {}),
            ("page", staff, f"/residents/?area={community.pk}&q={q}", {}),
            ("api", anonymous, f"/api/v1/residents?area_id={community.pk}&limit=20",
             {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
            ("wall", anonymous, f"/wishes/c/{community.pk}/", {}),
        ]  # fmt: skip
        officer = User.objects.filter(
            username=HALL_OFFICER
        ).first()  # made by `prepare` once the hall is seeded
        if officer is not None:
            back_office = Client()
            back_office.force_login(officer)
            hall_key = _token(officer)
            endpoints += [
                ("queue", back_office, "/hall/queue/", {}),
                ("hallapi", anonymous, "/api/v1/hall/applications/queue?limit=20",
                 {"HTTP_AUTHORIZATION": f"Bearer {hall_key}"}),
            ]  # fmt: skip
        for name, client, url, headers in endpoints:
            for _ in range(20):
                assert client.get(url, **headers).status_code == 200, name
            started = time.perf_counter()
            for _ in range(count):
                client.get(url, **headers)
            elapsed = (time.perf_counter() - started) / count * 1000
            sys.stdout.write(f"{name:7} {elapsed:7.2f} ms/request  {url}\n")
        for name, client, url, headers in endpoints[1:]:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(count):
                client.get(url, **headers)
            profiler.disable()
            sys.stdout.write(f"\n=== {name} ===\n")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)


class _RollBack(Exception):
    pass


def roll_generate() -> None:
    """Every township opens a round with every community's election, and every roll is generated; the time of
    the generation (the roll part of gongzhi.elections) is the figure, then everything is rolled back."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from gongzhi.elections.actions.roll import roll_generate as generate
    from gongzhi.elections.actions.rounds import election_add, round_open, seats_range
    from gongzhi.elections.models import Round

    day = timezone.localdate() + dt.timedelta(days=60)
    result: dict = {"communities": 0, "voters": 0, "seconds": 0.0, "slowest": 0.0}
    try:
        with transaction.atomic():
            for township in Area.objects.filter(kind=AreaKind.TOWNSHIP):
                admin = _bench_account(f"bench_roll_{township.pk}", "换届测试", Role.TOWNSHIP_ADMIN, township)
                term = (Round.objects.filter(township=township).order_by("-term").values_list("term", flat=True)
                        .first() or 0) + 1  # fmt: skip
                round_ = round_open(
                    actor=admin, township=township, term=term, name=f"第{term}届换届选举(测试)"
                )
                elections = [
                    election_add(
                        actor=admin,
                        round_=round_,
                        community=community,
                        election_day=day,
                        seats=seats_range(community)[0],
                    )  # fmt: skip
                    for community in Area.objects.filter(parent=township, kind=AreaKind.COMMUNITY)
                ]
                for election in elections:
                    started = time.perf_counter()
                    result["voters"] += generate(actor=admin, election=election)
                    took = time.perf_counter() - started
                    result["seconds"] += took
                    result["slowest"] = max(result["slowest"], took)
                    result["communities"] += 1
            raise _RollBack()
    except _RollBack:
        pass
    result["seconds"] = round(result["seconds"], 2)
    result["slowest"] = round(result["slowest"], 3)
    from gongzhi.residents.models import Resident

    result["residents"] = Resident.objects.count()
    out(result)


class _QueryCount:
    """Counts the statements run on the connection (whatever DEBUG says), as a connection.execute_wrapper."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self) -> int:
        return self.count


OVERSIGHT_ADMIN = "bench_township_admin"  # the township admin whose oversight page is measured


def oversight_prepare() -> None:
    """The township measured (the county's first) and its admin, a bench account kept between runs."""
    township = Area.objects.filter(kind=AreaKind.TOWNSHIP).order_by("path").first()
    assert township is not None, "the county is not seeded"
    from django.urls import Resolver404, resolve

    _bench_account(OVERSIGHT_ADMIN, "基准镇管理员", Role.TOWNSHIP_ADMIN, township)
    try:
        resolve(f"/oversight/t/{township.pk}/")
        page = True
    except Resolver404:
        page = False
    out(
        {
            "username": OVERSIGHT_ADMIN,
            "page": page,
            "township_id": township.pk,
            "township": township.name,
            "communities": Area.objects.filter(
                kind=AreaKind.COMMUNITY, path__startswith=township.path
            ).count(),
            "county_communities": Area.objects.filter(kind=AreaKind.COMMUNITY).count(),
        }
    )


def oversight_measure(paths: dict[str, str], repeat: int = 5) -> None:
    """Per URL: queries of one request (after a first one warmed the caches), mean time of `repeat`, and the Python
    memory a request allocates at its peak (tracemalloc); then each registered indicator's function alone, the
    year, for the township's communities, timed with its queries. What is missing is said, not skipped silently."""
    import datetime as dt
    import tracemalloc

    from django.test import Client

    user = User.objects.get(username=OVERSIGHT_ADMIN)
    township = user.role_assignments.get(role=Role.TOWNSHIP_ADMIN).area
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    result: dict = {"urls": {}, "indicators": []}
    missing = []
    for key, path in paths.items():
        first = client.get(path)
        if first.status_code != 200:
            missing.append(f"{path} answered {first.status_code}")
            continue
        captured = _QueryCount()
        with connection.execute_wrapper(captured):
            answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        started = time.perf_counter()
        for _n in range(repeat):
            client.get(path)
        ms = (time.perf_counter() - started) / repeat * 1000
        tracemalloc.start()
        client.get(path)
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result["urls"][key] = {
            "queries": len(captured),
            "ms": round(ms, 1),
            "python_peak": peak,
            "bytes": len(first.content),
        }
    try:
        from gongzhi.core import indicators as registry
    except ImportError:
        missing.append("gongzhi.core.indicators (the indicators registry) is not in this checkout")
        registry = None
    if registry is not None:
        ids = list(
            Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=township.path).values_list(
                "pk", flat=True
            )
        )
        year = int(paths["year"].split("year=")[1].split("&")[0])
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        for indicator in registry.indicators():
            captured = _QueryCount()
            with connection.execute_wrapper(captured):
                started = time.perf_counter()
                values = indicator.compute(ids, start, end)
                ms = (time.perf_counter() - started) * 1000
            result["indicators"].append(
                {
                    "code": indicator.code,
                    "ms": round(ms, 1),
                    "queries": len(captured),
                    "communities": len(values),
                }
            )
    result["missing"] = "; ".join(missing)
    out(result)


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else ""
    if command == "status":
        status()
    elif command == "prepare":
        prepare(*(int(a) for a in argv[2:5]))
    elif command == "storm-verify":
        storm_verify(Path(argv[2]))
    elif command == "decide-verify":
        decide_verify(Path(argv[2]))
    elif command == "ballot-prepare":
        ballot_prepare(int(argv[2]))
    elif command == "ballot-verify":
        ballot_verify(Path(argv[2]))
    elif command == "signup-prepare":
        signup_prepare(int(argv[2]), int(argv[3]), int(argv[4]))
    elif command == "signup-verify":
        signup_verify(Path(argv[2]))
    elif command == "booking-prepare":
        booking_prepare(int(argv[2]), int(argv[3]))
    elif command == "booking-verify":
        booking_verify(Path(argv[2]))
    elif command == "make-xlsx":
        make_xlsx(Path(argv[2]), int(argv[3]))
    elif command == "import":
        run_import(Path(argv[2]))
    elif command == "roll-generate":
        roll_generate()
    elif command == "oversight-prepare":
        oversight_prepare()
    elif command == "oversight-measure":
        oversight_measure(json.loads(argv[2]))
    elif command == "profile":
        profile(int(argv[2]) if len(argv) > 2 else 200, int(argv[3]) if len(argv) > 3 else 60)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
