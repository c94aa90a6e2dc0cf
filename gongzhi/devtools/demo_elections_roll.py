"""The township's election round in the demo (gongzhi.elections, the round, the committee and the roll), made
through its actions by the township office (`zhen_admin`).

第十一届村(社区)"三委"换届选举 is in progress, its communities at different steps: the first two have published
their rolls (built from the register) with an objection answered (the line added) and one still open, and
proxies between close relatives of one household; the third has its committee and a generated roll not yet
published; the fourth its committee only; the rest are scheduled. Election days are 30 to 45 days ahead, so
every step shown is on time or due, none invented in the past.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.elections.actions import roll as roll_actions
from gongzhi.elections.actions.rounds import committee_member_add, election_add, round_open, seats_range
from gongzhi.elections.models import Voter
from gongzhi.residents.models import Resident

CLOSE = ("02", "10", "20", "30")


def _committee(admin: User, election, rng: random.Random) -> None:
    people = list(Resident.objects.filter(community=election.community, status="active",
                                          residence_type="registered", birth_date__lte=dt.date(1990, 1, 1))
                  .order_by("pk")[:40])  # fmt: skip
    chosen = rng.sample(people, 5)
    today = timezone.localdate()
    for index, person in enumerate(chosen):
        post = "chair" if index == 0 else ("vice_chair" if index == 1 else "member")
        committee_member_add(actor=admin, election=election, resident=person, post=post, joined_on=today)


def _proxies(admin: User, election) -> None:
    """Two members of one household give their proxy to its head (close relatives on the same roll)."""
    lines = Voter.objects.filter(election=election, removed_at=None).select_related("resident")
    by_household: dict[int, list[Voter]] = {}
    for line in lines:
        if line.resident.household_id and line.resident.relation_to_head in CLOSE:
            by_household.setdefault(line.resident.household_id, []).append(line)
    for members in by_household.values():
        heads = [m for m in members if m.resident.relation_to_head == "02"]
        others = [m for m in members if m.resident.relation_to_head != "02"]
        if heads and len(others) >= 2:
            for grantor in others[:2]:
                roll_actions.proxy_authorise(actor=admin, election=election, grantor=grantor, holder=heads[0],
                                             signed_on=timezone.localdate())  # fmt: skip
            return


def _objections(admin: User, election) -> None:
    """One objection answered (a person left off is added), one still open (within its three days)."""
    on_roll = Voter.objects.filter(election=election, removed_at=None).values("resident_id")
    line = Voter.objects.filter(election=election, removed_at=None).select_related("resident").first()
    left_off = (
        Resident.objects.filter(community=election.community, status="active", residence_type="registered",
                                birth_date__lte=dt.date(2000, 1, 1))
        .exclude(pk__in=on_roll).first()
    )  # fmt: skip
    if left_off is None:  # the generated roll took everyone: strike one line off first, with its reason
        struck = Voter.objects.filter(election=election, removed_at=None).order_by("-pk").first()
        assert struck is not None
        roll_actions.voter_remove(actor=admin, voter=struck, reason="核实户籍时误列")
        left_off = struck.resident
    assert line is not None
    answered = roll_actions.objection_file(actor=admin, election=election, author=left_off, subject=left_off,
                                           kind="left_off", basis="living",
                                           reason="本人户籍在本村并常住，名单上没有本人")  # fmt: skip
    roll_actions.objection_answer(
        actor=admin, objection=answered, upheld=True, answer="经核实户籍登记，予以补登"
    )
    roll_actions.objection_file(actor=admin, election=election, author=line.resident, subject=line.resident,
                                kind="wrong_basis", basis="away", reason="本人长期在外务工，登记依据应为第二类")  # fmt: skip


@transaction.atomic
def demo_elections_roll_seed(*, township: Area, communities: list[Area], rng: random.Random) -> None:
    admin = User.objects.get(username="zhen_admin")
    round_ = round_open(actor=admin, township=township, term=11, name="第十一届村(社区)“三委”换届选举")
    today = timezone.localdate()
    for index, community in enumerate(communities):
        election = election_add(actor=admin, round_=round_, community=community,
                                election_day=today + dt.timedelta(days=30 + 3 * index),
                                seats=seats_range(community)[0] + 2)  # fmt: skip
        if index >= 4:
            continue
        _committee(admin, election, rng)
        if index >= 3:
            continue
        election.refresh_from_db()
        roll_actions.roll_generate(actor=admin, election=election)
        if index >= 2:
            continue
        election = roll_actions.roll_publish(actor=admin, election=election)
        _objections(admin, election)
        _proxies(admin, election)
