"""Candidates, the count and the result in the demo township's round (gongzhi.elections), made through its actions.

Three communities of the round: the first has filed its result (two boxes counted by two clerks, signed by
the scrutineers, announced, filed, and the new committee installed in the bodies); the fourth stands with the
two clerks' figures of its central box in disagreement, and a recall of a committee member proposed by a fifth
of its roll was voted on there two days ago (counted by two clerks, signed, announced: not carried, the member
stays); the second has its candidates published. The roll is
the round's (made by the roll's own demo when present), otherwise the community's adults from the register.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open, poll_sign_off, sheet_enter
from gongzhi.elections.actions.results import committee_install, poll_announce, recall_propose, result_file
from gongzhi.elections.models import Election, Nomination, PollKind, Round, Voter, VoterBasis
from gongzhi.elections.selectors import roll_of
from gongzhi.residents.models import Resident

ROLL_MAX = 60
SEATS, CANDIDATES = 5, 7


def _election(round_: Round, community: Area, day: dt.date, actor: User) -> Election:
    election = Election.objects.filter(round=round_, community=community).first()
    if election is None:
        election = Election.objects.create(round=round_, community=community, election_day=day, seats=SEATS)
    if not roll_of(election).exists():
        adults = Resident.objects.filter(
            community=community, status="active", birth_date__lte=day.replace(year=day.year - 18)
        ).order_by("id")[:ROLL_MAX]
        Voter.objects.bulk_create(
            Voter(election=election, round=round_, resident=person, basis=VoterBasis.LIVING, added_by=actor)
            for person in adults
        )
    if election.roll_published_at is None:
        Election.objects.filter(pk=election.pk).update(roll_published_at=timezone.now())
        election.refresh_from_db()
    return election


def _candidates(election: Election, actor: User, rng: random.Random, on: dt.date) -> list:
    voters = list(roll_of(election))
    rng.shuffle(voters)
    candidates, nominators = voters[:CANDIDATES], voters[CANDIDATES:]
    nominations = []
    for i, voter in enumerate(candidates):
        signed = nominators[i * 3 : i * 3 + 3] or nominators[:1]
        nomination = nomination_submit(
            actor=actor, election=election, candidate=voter, nominators=signed, on=on
        )
        nominations.append(nomination_decide(actor=actor, nomination=nomination, accept=True))
    candidates_publish(actor=actor, election=election, on=on)
    return nominations


def _figures(nominations, valid: int, rng: random.Random) -> dict:
    # Five clear winners (one a seat each), then two below half: each ballot marks at most SEATS names.
    shares = [0.8, 0.75, 0.7, 0.65, 0.6, 0.3, 0.2]
    return {n.pk: min(valid, int(valid * shares[i]) + rng.randint(0, 1)) for i, n in enumerate(nominations)}


def _recall(election: Election, admin: User, clerk: User, rng: random.Random, today: dt.date) -> None:
    """A fifth of the roll asked to recall a committee member (第十六条); the villagers voted two days ago, more
    than half of the roll came, and fewer than half of the ballots were for it: the member stays."""
    committee = body_of_kind(election.community, BodyKind.COMMITTEE)
    members = (
        list(memberships_current(committee).filter(post=Post.MEMBER).order_by("id")) if committee else []
    )
    if not members:
        return
    member = members[-1]
    taken = set(Nomination.objects.filter(election=election).values_list("candidate_id", flat=True))
    voters = [v for v in roll_of(election).order_by("id") if v.resident_id != member.resident_id]
    supporters = voters[: -(-roll_of(election).count() // 5)]
    recall = recall_propose(actor=admin, election=election, membership=member, reason="长期外出务工，不履行委员职责",
                            supporters=supporters, proposed_on=today - dt.timedelta(days=12))  # fmt: skip
    poll = poll_open(actor=admin, election=election, kind=PollKind.RECALL, recall=recall,
                     held_on=today - dt.timedelta(days=2), meeting_place="社区活动中心")  # fmt: skip
    roll = roll_of(election).count()
    box = box_add(actor=admin, poll=poll, kind="central", place="社区活动中心", staff="赵会计、钱出纳")
    returned = roll - roll // 4
    box_paper_record(actor=admin, box=box, issued=returned + 2, returned=returned, spoiled=1)
    yes = (returned - 1) * 2 // 5 + rng.randint(0, 1)
    sheet_enter(actor=admin, box=box, votes={None: yes})
    sheet_enter(actor=clerk, box=box, votes={None: yes})
    scrutineers = [v for v in voters if v.pk not in taken and v not in supporters][:2]
    poll = poll_sign_off(actor=admin, poll=poll, scrutineers=scrutineers)
    poll_announce(actor=admin, poll=poll)


def demo_elections_count_seed(*, township: Area, communities: list[Area], rng: random.Random) -> None:
    today = timezone.localdate()
    admin = User.objects.get(username="zhen_admin")
    with transaction.atomic():
        round_ = Round.objects.filter(township=township).order_by("-term").first() or Round.objects.create(
            township=township, term=11, name='第十一届村(社区)"两委"换届选举', opened_by=admin
        )
        # Filed: voted three days ago, with a central box and a mobile box for the infirm.
        filed, clerk = communities[0], User.objects.get(username="cun_ganbu")
        day = today - dt.timedelta(days=3)
        election = _election(round_, filed, day, admin)
        nominations = _candidates(election, admin, rng, on=day - dt.timedelta(days=10))
        voters = [v for v in roll_of(election) if v.pk not in {n.candidate_id for n in nominations}]
        poll = poll_open(
            actor=admin, election=election, kind=PollKind.FIRST, held_on=day, meeting_place="村委会大院"
        )
        roll = roll_of(election).count()
        for kind, place, issued, returned, spoiled in (
            ("central", "村委会大院", roll - 8, roll - 10, 1),
            ("mobile", "流动票箱（行动不便的选民）", 6, 6, 0),
        ):
            box = box_add(actor=admin, poll=poll, kind=kind, place=place, staff="王会计、李出纳")
            box_paper_record(actor=admin, box=box, issued=issued, returned=returned, spoiled=spoiled)
            figures = _figures(nominations, returned - spoiled, rng)
            sheet_enter(actor=admin, box=box, votes=figures)
            sheet_enter(actor=clerk, box=box, votes=figures)
        poll = poll_sign_off(actor=admin, poll=poll, scrutineers=voters[:3])
        poll_announce(actor=admin, poll=poll)
        result = poll.result or {}
        if result.get("valid") and not result.get("unfilled"):
            result_file(actor=admin, election=election)
            elected = result["elected_all"]
            posts = {pk: Post.CHAIR if i == 0 else Post.MEMBER for i, pk in enumerate(elected)}
            committee_install(actor=admin, election=election, posts=posts, started_on=day)
        # In disagreement: the two clerks' figures of the central box differ on one candidate.
        if len(communities) > 3:
            disputed, clerk = communities[3], User.objects.get(username="cun_ganbu2")
            election = _election(round_, disputed, today, admin)
            nominations = _candidates(election, admin, rng, on=today - dt.timedelta(days=8))
            poll = poll_open(
                actor=admin, election=election, kind=PollKind.FIRST, held_on=today, meeting_place="社区广场"
            )
            box = box_add(actor=admin, poll=poll, kind="central", place="社区广场", staff="赵会计")
            roll = roll_of(election).count()
            box_paper_record(actor=admin, box=box, issued=roll - 5, returned=roll - 7, spoiled=2)
            figures = _figures(nominations, roll - 9, rng)
            sheet_enter(actor=admin, box=box, votes=figures)
            first = nominations[0].pk
            sheet_enter(actor=clerk, box=box, votes={**figures, first: max(0, figures[first] - 3)})
            # A recall voted on there two days ago (proposed by a fifth of the roll); the member stays.
            _recall(election, admin, clerk, rng, today)
        # Published: the candidates out, election day in a month.
        if len(communities) > 1:
            election = _election(round_, communities[1], today + dt.timedelta(days=30), admin)
            _candidates(election, admin, rng, on=today)
