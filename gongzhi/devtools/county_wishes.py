"""The county data set's wish walls: about a million synthetic wishes, written fast.

Synthetic benchmark data, not a history: the rows are written straight to
the tables (cases_case, wishes_wish and each case's timeline in
cases_caseevent) through gongzhi.core.bulk, as gongzhi.devtools.writer
writes residents, and nothing of the wish actions runs: no audit rows per
wish, no notices, no service credits. They look like what the actions
leave behind — the same states, timelines in the same order, privacy tiers
from the residents' sensitive tags, due times — so that the wall, the
queues and the detail pages can be measured at county size.

Wishes arrive over two years in time order (so ids grow with `created_at`,
as they do for real), each in a random community of the county and for a
random resident of it, typed by that community's grid worker with the
resident's consent (a county's residents have no accounts). Old wishes are
mostly confirmed, recent ones still waiting, claimed or being confirmed.
Per community the seed adds four people with no password (they cannot log
in): a community staff member who publishes, the grid worker, a party
member and a volunteer who claim.
"""

import datetime as dt
import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.core.pii import sensitive_topics
from gongzhi.wishes.models import Wish

from .wish_texts import FULFILMENT_NOTES, RATING_COMMENTS, RETURN_REASONS, WISHES, WITHDRAW_REASONS
from .writer import Table, indexes_deferred

CASE_COLUMNS = (
    "id", "kind", "state", "title", "body", "author_id", "resident_id", "submitted_by_id", "assisted",
    "consent_channel", "consent_at", "consent_note", "community_id", "area_path", "place", "privacy",
    "sensitive", "pii_released", "assignee_id", "due_at", "due_limit", "due_basis", "due_note", "rating", "rating_comment", "rated_at",
    "submission_key", "created_at", "updated_at", "closed_at", "department_id",
)  # fmt: skip
WISH_COLUMNS = (
    "case_id", "category", "desired_by", "claimer_id", "claimed_at", "claim_due_at", "claim_reminded_at",
    "fulfilled_at", "fulfilment_note", "service_hours", "confirmed_by_id", "confirmed_as", "confirmed_at",
    "contact_shared", "contact_phone_ciphertext", "contact_phone_masked", "meeting_place",
)  # fmt: skip
EVENT_COLUMNS = ("id", "case_id", "actor_id", "verb", "from_state", "to_state", "note", "at")
BATCH = 20_000
SPAN_DAYS = 730
CLAIM_DAYS = 14
HOURS = [Decimal(h) for h in ("0.5", "1.0", "1.5", "2.0", "3.0", "4.0")]
CONSENT = [
    ("in_person", "当面", "入户走访时本人口头同意"),
    ("phone", "电话", "电话联系，本人同意代为提交"),
    ("written", "书面", "本人在走访登记表上签字同意"),
]
# (state, weight) by the wish's age: recent wishes are still moving, old ones mostly closed.
MIX_RECENT = (["submitted", "published", "claimed", "returned"], [50, 35, 10, 5])  # < 2 days
MIX_WEEKS = (
    ["published", "claimed", "fulfilled", "confirmed", "returned", "withdrawn"],
    [30, 30, 12, 22, 2, 4],
)
MIX_OLD = (["confirmed", "published", "withdrawn"], [80, 12, 8])  # past the claim period: no claims left open


@dataclass
class Members:
    """The residents of each community, as the resident seed wrote them: ids, paths, sensitive or not."""

    ids: dict[int, array] = field(default_factory=dict)
    paths: dict[int, list[str]] = field(default_factory=dict)
    sensitive: dict[int, bytearray] = field(default_factory=dict)

    def add(self, community_id: int, resident_id: int, path: str, is_sensitive: bool) -> None:
        if community_id not in self.ids:
            self.ids[community_id], self.paths[community_id] = array("q"), []
            self.sensitive[community_id] = bytearray()
        self.ids[community_id].append(resident_id)
        self.paths[community_id].append(path)
        self.sensitive[community_id].append(1 if is_sensitive else 0)


@dataclass
class People:
    staff: int
    grid_worker: int
    helpers: tuple[int, int]


def county_people_create(communities: list[Area]) -> dict[int, People]:
    """Four people per community, with no password; bulk, so 600 communities take a second."""
    password = UNUSABLE_PASSWORD_PREFIX + "seed"
    roles = [
        (Role.COMMUNITY_STAFF, "cs", "书记"),
        (Role.GRID_WORKER, "wg", "网格员"),
        (Role.PARTY_MEMBER, "dy", "党员"),
        (Role.VOLUNTEER, "zy", "志愿者"),
    ]
    users = [
        User(
            username=f"county_{prefix}_{community.pk}",
            display_name=f"{community.name}{title}",
            password=password,
        )
        for community in communities
        for _role, prefix, title in roles
    ]
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=2000)
        ids = dict(
            User.objects.filter(username__startswith="county_").values_list("username", "id")
        )  # PostgreSQL returns ids from bulk_create, SQLite may not: read them back
        assignments = []
        people = {}
        for community in communities:
            pks = [ids[f"county_{prefix}_{community.pk}"] for _role, prefix, _title in roles]
            for (role, _prefix, _title), pk in zip(roles, pks, strict=True):
                assignments.append(
                    RoleAssignment(user_id=pk, role=role, area=community, area_path=community.path)
                )
            people[community.pk] = People(staff=pks[0], grid_worker=pks[1], helpers=(pks[2], pks[3]))
        RoleAssignment.objects.bulk_create(assignments, batch_size=2000)
    return people


class CountyWishWriter:
    def __init__(self, communities: list[Area], members: Members, people: dict[int, People], seed: int):
        from gongzhi.workdays.selectors import due_for

        self.rng = random.Random(seed)
        self.communities = [c for c in communities if members.ids.get(c.pk)]
        self.members = members
        self.people = people
        self.cases = Table(Case, CASE_COLUMNS)
        self.wishes = Table(Wish, WISH_COLUMNS)
        self.events = Table(CaseEvent, EVENT_COLUMNS)
        self.now = timezone.now()
        self.next_case = (Case.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_event = (CaseEvent.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        review = due_for(self.now, 2, "workdays")
        claim = due_for(self.now, CLAIM_DAYS, "calendar_days")
        self.review_due = (review.limit_label[:20], review.basis, review.basis_note[:100])
        self.claim_due = (claim.limit_label[:20], claim.basis, claim.basis_note[:100])
        self.written = 0

    def write(self, count: int, progress: Callable[[int], None] | None = None) -> int:
        start = self.now - dt.timedelta(days=SPAN_DAYS)
        step = dt.timedelta(days=SPAN_DAYS) / max(1, count)
        with indexes_deferred([Case, Wish, CaseEvent]):
            for number in range(count):
                created = start + step * (number + self.rng.random() * 0.9)
                self.wish(created)
                if len(self.cases.rows) >= BATCH:
                    self.flush(progress)
            self.flush(progress)
        if connection.vendor == "postgresql":
            # Explicit ids do not advance PostgreSQL's sequences: move them past the rows.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Case, CaseEvent]):
                    cursor.execute(sql)
        return self.written

    def flush(self, progress: Callable[[int], None] | None) -> None:
        count = len(self.cases.rows)
        with transaction.atomic():
            for table in (self.cases, self.wishes, self.events):
                table.write()
        self.written += count
        if progress is not None:
            progress(count)

    def event(
        self, case_id: int, actor: int | None, verb: str, source: str, target: str, note: str, at: dt.datetime
    ) -> None:
        self.events.rows.append((self.next_event, case_id, actor, verb, source, target, note, at))
        self.next_event += 1

    def wish(self, created: dt.datetime) -> None:
        rng = self.rng
        community = rng.choice(self.communities)
        cid = community.pk
        ids = self.members.ids[cid]
        index = rng.randrange(len(ids))
        resident_id, path = ids[index], self.members.paths[cid][index]
        people = self.people[cid]
        age = (self.now - created).total_seconds() / 86400
        states, weights = MIX_RECENT if age < 2 else MIX_WEEKS if age < CLAIM_DAYS - 2 else MIX_OLD
        state = rng.choices(states, weights)[0]
        category, title, story = WISHES[rng.randrange(len(WISHES))]
        sensitive = (
            self.members.sensitive[cid][index]
            or category == "medical"
            or bool(sensitive_topics(title, story))
        )
        # As the posting form leaves it: sensitive wishes to staff and the claimer, unless the wisher chose
        # to be on the wall as 一位居民; the others public.
        privacy = ("restricted" if rng.random() < 0.7 else "anonymised") if sensitive else "public"
        if rng.random() < 0.01:
            privacy = "staff_only"
        pk = self.next_case
        self.next_case += 1
        channel, channel_label, consent_note = CONSENT[rng.randrange(3)]
        hour = dt.timedelta(hours=1)
        self.event(
            pk, people.grid_worker, "open", "", "submitted", f"代居民提交，居民已{channel_label}同意", created
        )
        at = created
        due_at, due = None, ("", "", "")
        claimer = claimed_at = claim_due = fulfilled_at = confirmed_at = confirmer = None
        fulfilment, hours, confirmed_as = "", None, ""
        rating, rating_comment, rated_at, closed_at = None, "", None, None
        if state == "submitted":
            due_at, due = created + dt.timedelta(days=2), self.review_due
        elif state in ("returned", "withdrawn") and (state == "returned" or rng.random() < 0.5):
            at = created + hour * rng.uniform(2, 40)
            self.event(pk, people.staff, "return", "submitted", "returned", rng.choice(RETURN_REASONS), at)
            if state == "withdrawn":
                at += hour * rng.uniform(1, 48)
                self.event(
                    pk,
                    people.grid_worker,
                    "withdraw",
                    "returned",
                    "withdrawn",
                    rng.choice(WITHDRAW_REASONS),
                    at,
                )
        elif state == "withdrawn":
            at = created + hour * rng.uniform(1, 48)
            self.event(
                pk, people.grid_worker, "withdraw", "submitted", "withdrawn", rng.choice(WITHDRAW_REASONS), at
            )
        else:
            # Published within two days (workdays: the review limit), and on from there.
            at = created + hour * rng.uniform(0.5, min(44, max(0.6, age * 24 * 0.4)))
            self.event(pk, people.staff, "publish", "submitted", "published", "", at)
            if state in ("claimed", "fulfilled", "confirmed"):
                claimer = people.helpers[rng.randrange(2)]
                room = max(0.01, (self.now - at).total_seconds() / 3600)
                at = claimed_at = at + hour * rng.uniform(0.1, min(room * 0.3, 24 * 5))
                claim_due = claimed_at + dt.timedelta(days=CLAIM_DAYS)
                self.event(pk, claimer, "claim", "published", "claimed", "", at)
                if state == "claimed":
                    due_at, due = claim_due, self.claim_due
                else:
                    room = max(0.01, (self.now - at).total_seconds() / 3600)
                    at = fulfilled_at = at + hour * rng.uniform(0.1, min(room * 0.5, 24 * 10))
                    fulfilment, hours = rng.choice(FULFILMENT_NOTES), HOURS[rng.randrange(len(HOURS))]
                    self.event(pk, claimer, "fulfil", "claimed", "fulfilled", fulfilment, at)
                    if state == "confirmed":
                        room = max(0.01, (self.now - at).total_seconds() / 3600)
                        at = confirmed_at = at + hour * rng.uniform(0.1, min(room * 0.5, 24 * 3))
                        confirmer, confirmed_as = people.grid_worker, "witness"
                        self.event(pk, confirmer, "confirm", "fulfilled", "confirmed", "工作人员见证确认", at)
        if state in ("confirmed", "withdrawn"):
            closed_at = at
        if state == "confirmed" and rng.random() < 0.6:
            # Rated by the wisher through the grid worker's visit: recorded by the grid worker.
            rating = rng.choices((5, 4, 3, 2), (70, 20, 8, 2))[0]
            rating_comment = rng.choice(RATING_COMMENTS)
            at = rated_at = min(self.now, at + hour * rng.uniform(1, 48))
            self.event(
                pk, people.grid_worker, "rate", "confirmed", "confirmed", f"{rating}★ {rating_comment}", at
            )
        updated = at
        self.cases.rows.append(
            (
                pk, "wish", state, title, story, None, resident_id, people.grid_worker, True,
                channel, created, consent_note, cid, path, "", privacy, sensitive, "",
                None, due_at, due[0], due[1], due[2], rating, rating_comment, rated_at,
                "", created, updated, closed_at, None,
            )
        )  # fmt: skip
        self.wishes.rows.append(
            (
                pk, category, None, claimer, claimed_at, claim_due, None,
                fulfilled_at, fulfilment, hours, confirmer, confirmed_as, confirmed_at,
                False, "", "", "",  # assisted wishes: the claimer reaches the resident through the grid worker
            )
        )  # fmt: skip
