"""The demo township's bodies and who sits on them, made through the bodies' actions from the demo register.

Every community gets its party organisation (a secretary, a deputy and
members, all party members on the register), its committee (five to seven
in a village, seven in an urban community, with a women's member: 妇女委员),
its supervisory committee (from households with nobody on the committee),
the joint meeting, the party members' meeting, the whole meeting, the
representatives' meeting (four representatives or more to each committee
member, each tied to five to fifteen households of the register, about
half of them women), a meeting for each resident group of a village, a
红白理事会 and a 道德评议会. Members are residents already on the register,
never invented. The previous term's chair is kept among the past members.

Two communities show what the pages derive: in the second the party
secretary also chairs the committee (一肩挑); in the third the committee has
no woman, so the statute's warning (村民委员会组织法第六条) shows there. The
others meet every composition rule.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.bodies.actions import body_create, membership_add, membership_end, representation_set
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import FULL_PARTY_MEMBER
from gongzhi.residents.models import Household, Resident

TERM, PAST_TERM = "第十二届", "第十一届"
ELECTED, PAST_ELECTED, PAST_ENDED = dt.date(2021, 5, 10), dt.date(2018, 4, 16), dt.date(2021, 5, 9)
SHOULDER_ONE, NO_WOMAN = 1, 2  # the communities (by index) where 一肩挑 and a warning show (the first keeps
# the six stages of 四议两公开 apart for the decisions demo)
PER_REPRESENTATIVE = (5, 15)  # households, 村民委员会组织法第二十五条


class _Pool:
    """The community's adults of working age on the register, each used once across the two committees."""

    def __init__(self, community: Area, rng: random.Random) -> None:
        today = timezone.localdate()
        oldest, youngest = today.replace(year=today.year - 68), today.replace(year=today.year - 28)
        self.people = list(
            Resident.objects.filter(
                community=community, status="active", birth_date__gte=oldest, birth_date__lte=youngest
            ).order_by("id")
        )
        rng.shuffle(self.people)
        self.used: set[int] = set()
        self.households_used: set[int | None] = set()

    def take(self, *, party: bool = False, gender: str = "", apart: bool = False) -> Resident:
        """An unused adult (a full party member; of that gender; from a household nobody used yet)."""
        for wanted in ((party, gender), (party, "")):
            for person in self.people:
                if person.pk in self.used or (wanted[0] and person.political_status != FULL_PARTY_MEMBER):
                    continue
                if (wanted[1] and person.gender != wanted[1]) or (
                    apart and person.household_id in self.households_used
                ):
                    continue
                self.used.add(person.pk)
                self.households_used.add(person.household_id)
                return person
        raise RuntimeError("the demo register has too few adults for the bodies")


def _keeper(community: Area, township_admin: User) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    return staff or township_admin


def _community_bodies(index: int, community: Area, actor: User, rng: random.Random) -> None:
    urban = community.community_type == CommunityType.URBAN
    pool = _Pool(community, rng)
    households = list(
        Household.objects.filter(community=community, members__status="active")
        .distinct()
        .order_by("area_path", "number", "id")
    )

    def body(kind: str, **extra):
        return body_create(actor=actor, area=community, kind=kind, **extra)

    def seat(on, person, post, started_on=ELECTED, term=TERM, **extra):
        return membership_add(actor=actor, body=on, resident=person, post=post, started_on=started_on, term=term,
                              **extra)  # fmt: skip

    # The party organisation: secretary, deputy, members; all full party members.
    party = body(BodyKind.PARTY_ORG)
    secretary = pool.take(party=True, gender="M")
    seat(party, secretary, Post.SECRETARY)
    seat(party, pool.take(party=True, gender="F"), Post.DEPUTY_SECRETARY)
    for title in ("组织委员", "纪检委员", "宣传委员")[: rng.randint(2, 3)]:
        seat(party, pool.take(party=True), Post.MEMBER, title=title)

    # The committee: sized so that four representatives to each member can each have 5 to 15 households.
    committee = body(BodyKind.COMMITTEE)
    target = 7 if urban else rng.randint(5, 7)
    size = max(5 if urban else 3, min(target, len(households) // (4 * PER_REPRESENTATIVE[0])))
    past_chair = pool.take(party=True, gender="M")
    seat(committee, past_chair, Post.CHAIR, started_on=PAST_ELECTED, term=PAST_TERM)
    held = committee.memberships.get(resident=past_chair)
    membership_end(actor=actor, membership=held, ended_on=PAST_ENDED, reason="任期届满，换届未连任")
    chair = secretary if index == SHOULDER_ONE else pool.take(party=True, gender="M")
    seat(committee, chair, Post.CHAIR)
    seat(committee, pool.take(gender="M"), Post.DEPUTY_CHAIR)
    women = index != NO_WOMAN
    titles = ["妇女委员", "治保委员", "调解委员", "民兵连长", "计生委员", "文书", "经济委员"]
    for n, title in enumerate((titles if women else titles[1:])[: size - 2]):
        gender = ("F" if n == 0 else "") if women else "M"
        seat(committee, pool.take(gender=gender), Post.MEMBER, title=title)
    on_committee = {
        m.resident.household_id
        for m in committee.memberships.filter(ended_on=None).select_related("resident")
    }
    pool.households_used |= on_committee

    # The supervisory committee: from households with nobody on the committee (第三十二条).
    supervisory = body(BodyKind.SUPERVISORY)
    seat(supervisory, pool.take(party=True, apart=True), Post.CHAIR)
    seat(supervisory, pool.take(gender="F", apart=True), Post.MEMBER)
    seat(supervisory, pool.take(apart=True), Post.MEMBER)

    # The staff the village hires on a 误工补贴 (evaluated in the yearly 民主评议 with the committee, 第三十三条).
    hired = body(BodyKind.STAFF)
    for title in ("报账员", "保洁员"):
        seat(hired, pool.take(), Post.OTHER, title=title, term="")

    # Derived rolls: nobody typed.
    body(BodyKind.JOINT)
    body(BodyKind.PARTY_MEMBERS)
    body(BodyKind.ASSEMBLY, proxies_allowed=True)
    if not urban:
        for group in Area.objects.filter(parent=community, kind=AreaKind.RESIDENT_GROUP).order_by("path"):
            body(BodyKind.GROUP, group=group)

    # The representatives: at least four to each committee member, each with 5 to 15 neighbouring households.
    _representatives(
        body(BodyKind.REPRESENTATIVES, proxies_allowed=False), households, 4 * size, pool, actor, rng
    )

    # Other bodies of the place (五组八会): data, with a name.
    council = body(
        BodyKind.OTHER, name="红白理事会", duties="倡导婚事新办、丧事简办，劝阻大操大办和铺张浪费。"
    )
    ethics = body(BodyKind.MORAL_REVIEW, duties="评议好人好事和不良风气，推选文明家庭，审议积德榜提名。")
    mediation = body(BodyKind.MEDIATION, duties="调解本村(社区)的民间纠纷，开展矛盾纠纷排查，宣传法律法规。")
    for on in (council, ethics, mediation):
        seat(on, pool.take(party=True), Post.CHAIR, term="")
        for _ in range(rng.randint(2, 4)):
            seat(on, pool.take(), Post.MEMBER, term="")


def _representatives(on, households, count: int, pool: _Pool, actor: User, rng: random.Random) -> None:
    low, high = PER_REPRESENTATIVE
    count = max(1, min(count + rng.randint(0, 2), len(households) // low))
    share, extra = divmod(len(households), count)
    start = 0
    for n in range(count):
        size = min(high, share + (1 if n < extra else 0))
        chunk = households[start : start + size]
        start += share + (1 if n < extra else 0)
        gender = "F" if n % 2 == 0 else "M"
        neighbours = {h.pk for h in chunk}
        person = next(
            (
                p
                for p in pool.people
                if p.household_id in neighbours and p.pk not in pool.used and p.gender == gender
            ),
            None,
        )
        if person is None:
            person = pool.take(gender=gender)
        else:
            pool.used.add(person.pk)
        membership = membership_add(
            actor=actor, body=on, resident=person, post=Post.REPRESENTATIVE, started_on=ELECTED, term=TERM
        )
        representation_set(actor=actor, membership=membership, households=chunk)


def demo_bodies_seed(*, communities: list[Area], rng: random.Random) -> int:
    """Fill every demo community's bodies; returns how many memberships were recorded."""
    from gongzhi.bodies.models import Membership

    township_admin = User.objects.get(username="zhen_admin")
    with transaction.atomic():
        for index, community in enumerate(communities):
            _community_bodies(index, community, _keeper(community, township_admin), rng)
    return Membership.objects.count()
