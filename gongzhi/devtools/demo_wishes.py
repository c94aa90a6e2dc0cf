"""A lively wish wall for the demo township, made through the wish actions.

Every wish is posted, moderated, claimed, fulfilled, confirmed and rated by
the same actions a person would trigger (gongzhi.wishes.actions), so its
timeline, its audit rows and its notices are real. Every community gets a
wish in every state: some typed by a grid worker for a resident without a
phone (consent recorded), some of residents with a sensitive tag (留守, 低保 …),
which the wall shows anonymised.

The demo accounts do the work where they can (cun_ganbu moderates his
community, wanggeyuan types wishes for his grid, dangyuan and zhiyuanzhe
claim, jumin wishes); the other communities get a few more people with no
password (they cannot log in): a grid worker, two helpers and three
residents with accounts. Finally each wish's own times (case, timeline,
claim) are moved back by the same amount, so that the wall spans the last
weeks instead of one minute; the audit trail keeps the real seeding time.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.cases.models import Case, CaseEvent, PrivacyTier
from gongzhi.residents.models import Resident
from gongzhi.wishes import actions
from gongzhi.wishes.models import Wish

from .wish_texts import FULFILMENT_NOTES, RATING_COMMENTS, RETURN_REASONS, WISHES, WITHDRAW_REASONS

# (who posts, where the wish ends): every state of the wish, own and assisted, some sensitive.
SCENARIOS: list[tuple[str, str]] = [
    ("own", "rated"),
    ("own", "confirmed"),
    ("assisted", "confirmed"),
    ("sensitive", "confirmed"),
    ("own", "published"),
    ("assisted", "published"),
    ("sensitive", "published"),
    ("own", "claimed"),
    ("sensitive", "claimed_after_release"),
    ("own", "fulfilled"),
    ("assisted", "fulfilled"),
    ("own", "submitted"),
    ("assisted", "submitted"),
    ("own", "returned"),
    ("own", "withdrawn"),
]

# How long ago (days, low-high) a wish ending in that state was posted.
AGE_DAYS: dict[str, tuple[float, float]] = {
    "rated": (20, 90),
    "confirmed": (15, 80),
    "published": (1, 30),
    "claimed": (1, 8),  # inside the 14-day claim period, so it does not expire at once
    "claimed_after_release": (2, 8),
    "fulfilled": (2, 10),
    "submitted": (0.05, 1.5),
    "returned": (2, 10),
    "withdrawn": (5, 40),
}

CONSENT = [
    ("in_person", "入户走访时本人口头同意，由网格员代为提交"),
    ("phone", "电话联系，本人同意代为提交"),
    ("written", "本人在走访登记表上签字同意"),
]


@dataclass
class Cast:
    """Who acts in one community."""

    community: Area
    moderator: User
    assister: User
    assister_area: Area  # whose residents the assister may post for
    helpers: list[User]
    wishers: list[User]
    assisted_people: list[Resident] = field(default_factory=list)
    sensitive_people: list[Resident] = field(default_factory=list)


def demo_wishes_seed(*, communities: list[Area], rng: random.Random) -> int:
    """Wishes in every state in every community of the demo township; returns how many."""
    password = "!"  # unusable: these extra people cannot log in
    made = 0
    with transaction.atomic():
        casts = [_cast(index, community, password) for index, community in enumerate(communities)]
    plays = []
    for cast in casts:
        texts = rng.sample(WISHES, len(SCENARIOS))  # no wish twice on one community's wall
        for number, ((who, end), text) in enumerate(zip(SCENARIOS, texts, strict=True)):
            low, high = AGE_DAYS[end]
            plays.append((dt.timedelta(days=rng.uniform(low, high)), number, cast, who, end, text))
    # Oldest first, so that ids follow the posting times, as they do for real (the whole wall sorts by id).
    plays.sort(key=lambda play: (-play[0], play[1]))
    for age, number, cast, who, end, text in plays:
        with transaction.atomic():
            _age(_play(cast, who, end, text, rng, number), age)
        made += 1
    return made


def _user(username: str, display: str, role: str, area: Area, password: str) -> User:
    user = User.objects.create(username=username, display_name=display, password=password)
    RoleAssignment.objects.create(user=user, role=role, area=area, area_path=area.path)
    return user


def _resident_account(resident: Resident, username: str, password: str) -> User:
    user = _user(username, resident.name, Role.RESIDENT, resident.community, password)
    resident.user = user
    resident.save(update_fields=["user"])
    return user


def _cast(index: int, community: Area, password: str) -> Cast:
    heads = Resident.objects.filter(community=community, user__isnull=True, relation_to_head="02").order_by(
        "id"
    )
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community
    ).first()
    moderator = staff or User.objects.get(username="zhen_admin")
    demo_grid_worker = User.objects.filter(
        username="wanggeyuan", role_assignments__area__path__startswith=community.path
    ).first()
    if demo_grid_worker is not None:
        assister = demo_grid_worker
        assister_area = demo_grid_worker.role_assignments.get(role=Role.GRID_WORKER).area
    else:
        head = heads.first()
        surname = head.name[0] if head is not None else "赵"
        assister = _user(
            f"wangge_{community.code[-6:]}", f"{surname}网格", Role.GRID_WORKER, community, password
        )
        assister_area = community
    if index == 0:
        helpers = list(User.objects.filter(username__in=["dangyuan", "zhiyuanzhe"]).order_by("username"))
    else:
        party = list(Resident.objects.filter(community=community, political_status="01").order_by("id")[:2])
        names = [p.name for p in party] + ["志愿者小李", "志愿者小王"]
        helpers = [
            _user(f"dangyuan_{community.code[-6:]}", names[0], Role.PARTY_MEMBER, community, password),
            _user(f"zhiyuan_{community.code[-6:]}", names[1], Role.VOLUNTEER, community, password),
        ]
    wishers = list(User.objects.filter(username="jumin", role_assignments__area=community))
    for number, resident in enumerate(heads[:10]):
        if len(wishers) >= 3:
            break
        if resident.tags.filter(is_sensitive=True).exists():
            continue
        wishers.append(_resident_account(resident, f"jumin_{community.code[-6:]}_{number + 1}", password))
    in_reach = Resident.objects.filter(
        community=community, user__isnull=True, area_path__startswith=assister_area.path
    ).order_by("-birth_date" if index % 2 else "birth_date")
    sensitive = list(in_reach.filter(tags__is_sensitive=True).distinct()[:6])
    plain = list(in_reach.exclude(tags__is_sensitive=True)[:6])
    return Cast(community, moderator, assister, assister_area, helpers, wishers, plain, sensitive)


CLAIM_MESSAGES = (
    "您好，我认领了您的心愿，这周六上午过来可以吗？",
    "您好，我是认领人，请问什么时间方便？",
    "东西已经买好了，明天下午给您送过去。",
)
REPLIES = ("可以，我上午都在家。", "周末都方便，谢谢你！", "好的，到了在门口喊一声就行。")


def _play(
    cast: Cast, who: str, end: str, text: tuple[str, str, str], rng: random.Random, number: int
) -> Wish:
    category, title, story = text
    # Most leave who may see it to the default (sensitive wishes: staff and the claimer); some choose.
    privacy = PrivacyTier.ANONYMISED if number % 3 == 1 else None
    today = timezone.localdate()
    desired = today + dt.timedelta(days=rng.randint(7, 60)) if rng.random() < 0.5 else None
    if who == "own":
        author = cast.wishers[number % len(cast.wishers)]
        wish = actions.wish_post(
            actor=author,
            title=title,
            story=story,
            category=category,
            desired_by=desired,
            privacy=privacy,
            meeting_place="村委会门口" if number % 4 == 0 else "",
            contact_shared=number % 4 == 0,
        )
    else:
        people = (cast.sensitive_people if who == "sensitive" else []) or cast.assisted_people
        resident = people[number % len(people)]
        channel, note = CONSENT[number % len(CONSENT)]
        wish = actions.wish_post_assisted(
            actor=cast.assister,
            resident=resident,
            title=title,
            story=story,
            category=category,
            consent_channel=channel,
            consent_note=note,
            desired_by=desired,
            privacy=privacy,
        )
        author = None
    if end == "submitted":
        return wish
    if end == "returned":
        wish = actions.wish_return(actor=cast.moderator, wish=wish, reason=rng.choice(RETURN_REASONS))
        return wish
    if end == "withdrawn":
        wish = actions.wish_withdraw(
            actor=author or cast.assister, wish=wish, reason=rng.choice(WITHDRAW_REASONS)
        )
        return wish
    wish = actions.wish_publish(actor=cast.moderator, wish=wish)
    if end == "published":
        return wish
    helper = cast.helpers[number % len(cast.helpers)]
    if end == "claimed_after_release":
        other = cast.helpers[(number + 1) % len(cast.helpers)]
        wish = actions.wish_claim(actor=other, wish=wish)
        wish = actions.wish_release(actor=other, wish=wish, reason="这周要出差，放弃认领，让其他人来帮忙。")
    wish = actions.wish_claim(actor=helper, wish=wish)
    # After a claim they arrange the help in the wish's private thread.
    actions.wish_message_post(actor=helper, wish=wish, body=CLAIM_MESSAGES[number % len(CLAIM_MESSAGES)])
    if number % 2:
        replier = author or cast.assister
        actions.wish_message_post(actor=replier, wish=wish, body=REPLIES[number % len(REPLIES)])
    if end in ("claimed", "claimed_after_release"):
        return wish
    hours = rng.choice(["1", "1.5", "2", "3", "0.5"])
    wish = actions.wish_fulfil(actor=helper, wish=wish, note=rng.choice(FULFILMENT_NOTES), hours=hours)
    if end == "fulfilled":
        return wish
    wish = actions.wish_confirm(actor=author or cast.assister, wish=wish)
    if end == "rated" and author is not None:
        wish = actions.wish_rate(
            actor=author,
            wish=wish,
            rating=rng.choice([5, 5, 5, 4, 4, 3]),
            comment=rng.choice(RATING_COMMENTS),
        )
    return wish


def _age(wish: Wish, delta: dt.timedelta) -> None:
    """Move the wish's times back: posted `delta` ago, its moves spread over the time since, in order."""
    events = list(CaseEvent.objects.filter(case_id=wish.pk).order_by("at", "id").values_list("id", flat=True))
    # Spread the moves over the time that passed: the first at the post, the last `delta` later at most.
    span = delta * 0.8
    step = span / max(1, len(events) - 1)
    for number, event_id in enumerate(events):
        CaseEvent.objects.filter(pk=event_id).update(at=F("at") - delta + step * number)
    last = delta - step * max(0, len(events) - 1)
    moved = {name: F(name) - delta for name in ("created_at", "consent_at")}
    moved.update({name: F(name) - last for name in ("updated_at", "closed_at", "rated_at", "due_at")})
    Case.objects.filter(pk=wish.pk).update(**moved)
    Wish.objects.filter(pk=wish.pk).update(
        **{name: F(name) - last for name in ("claimed_at", "claim_due_at", "fulfilled_at", "confirmed_at")}
    )
