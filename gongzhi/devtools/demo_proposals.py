"""Residents' proposals of the demo township, made through the proposals' actions by residents already in
the demo register: in 青山村 (the first community, where the demo resident `jumin` lives) one proposal
gathering signatures below its threshold, one whose signatures reached the statute's threshold (a
villagers' meeting is due, within the township's own 20 days), and one the party organisation answered; with a thread (a resident, the
representative of a registered social organisation speaking for it, a post hidden by staff).

Co-signers sign with accounts of their own (unusable passwords: they are demo people, not demo logins), or
through the grid worker with their consent recorded.
"""

import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.orgs.selectors import organisations_speaking_for
from gongzhi.residents.models import Resident
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.actions.proposals_settings import proposal_setting_change
from gongzhi.selfgov.models import Proposal, ProposalSetting
from gongzhi.selfgov.selectors.proposals import adult_born_by, proposal_count

UNUSABLE = "!"  # the co-signers' accounts: they sign in the demo's history, nobody logs in as them


def _adults(community: Area) -> list[Resident]:
    return list(
        Resident.objects.filter(
            community=community,
            status="active",
            user__isnull=True,
            birth_date__lte=adult_born_by(timezone.localdate()),
        ).order_by("id")
    )


def _account(resident: Resident, username: str) -> User:
    user = User.objects.create(username=username, display_name=resident.name, password=UNUSABLE)
    RoleAssignment.objects.create(
        user=user, role=Role.RESIDENT, area=resident.community, area_path=resident.community.path
    )
    Resident.objects.filter(pk=resident.pk).update(user=user)
    return user


def _propose(author: User, title: str, text: str, asks: str) -> Proposal:
    proposal = actions.proposal_create(actor=author, title=title, text=text, asks=asks)
    return actions.proposal_open(actor=author, proposal=proposal)


@transaction.atomic
def demo_proposals_seed(*, communities: list[Area], rng: random.Random) -> int:
    community = communities[0]
    jumin = User.objects.get(username="jumin")
    staff = User.objects.get(username="cun_ganbu")
    grid_worker = User.objects.get(username="wanggeyuan")
    representative = User.objects.get(username="zuzhi_daibiao")  # gongzhi.devtools.demo_orgs
    voice = organisations_speaking_for(representative, community).filter(kind="community_group").first()
    # The township office's own time limit for the meetings proposals make due (the statute gives none).
    township = community.parent
    if township is not None and not ProposalSetting.objects.filter(township=township).exists():
        proposal_setting_change(
            actor=User.objects.get(username="zhen_admin"), township=township, meeting_due_days=20
        )
    people = _adults(community)
    rng.shuffle(people)
    accounts = iter(_account(r, f"tian_{n:03d}") for n, r in enumerate(people))

    # 1. Gathering signatures, below the threshold: the demo resident's own.
    gathering = _propose(
        jumin,
        "修缮村口的便民桥",
        "村口的便民桥桥面破损，雨天很滑，老人孩子过桥不安全。建议召开村民会议，商量修缮方案和费用。",
        "assembly",
    )
    needed = proposal_count(gathering).progress.lines[0].needed or 2
    for _ in range(max(1, needed // 3)):
        actions.proposal_sign(actor=next(accounts), proposal=gathering)
    grid_people = Resident.objects.filter(
        area_path__startswith=grid_worker.role_assignments.get().area.path,
        status="active",
        user__isnull=True,
        birth_date__lte=adult_born_by(timezone.localdate()),
    ).order_by("birth_date", "id")[:2]  # the eldest, signing through the grid worker
    for resident in grid_people:
        if resident.community_id == community.pk:
            actions.proposal_sign_assisted(
                actor=grid_worker, proposal=gathering, resident=resident, consent_channel="in_person",
                consent_note="上门说明提案内容，本人同意联名",
            )  # fmt: skip
    actions.proposal_post(
        actor=next(accounts), proposal=gathering, body="我在外地打工，支持修桥，回村时可以出工。"
    )
    if voice is not None:
        actions.proposal_post(
            actor=representative, proposal=gathering, body="本会可以组织志愿者协助施工期间的交通疏导。",
            organisation_id=voice.pk,
        )  # fmt: skip
    rude = actions.proposal_post(
        actor=next(accounts), proposal=gathering, body="村干部什么都不管，都是摆设！！！"
    )
    actions.proposal_post_hide(actor=staff, post=rude, reason="含人身攻击，请就事论事")

    # 2. Signatures reached one tenth of the adults: submitted, a villagers' meeting is due.
    reached = _propose(
        next(accounts),
        "村道安装太阳能路灯",
        "从村委会到二组的村道晚上没有路灯，建议安装太阳能路灯，由村民会议讨论筹资办法。",
        "assembly",
    )
    while Proposal.objects.get(pk=reached.pk).state == "gathering":
        actions.proposal_sign(actor=next(accounts), proposal=reached)

    # 3. Answered by the party organisation with its reasons.
    answered = _propose(
        next(accounts),
        "请答复村卫生室开放时间",
        "村卫生室周末不开门，老人看病不方便，请党组织研究能否周末上午开放。",
        "answer",
    )
    for _ in range(3):
        actions.proposal_sign(actor=next(accounts), proposal=answered)
    actions.proposal_submit(actor=Proposal.objects.get(pk=answered.pk).author, proposal=answered)
    actions.proposal_answer(
        actor=staff,
        proposal=answered,
        answer="经与镇卫生院协商，自下月起卫生室每周六上午开放，由镇卫生院派医生坐诊。",
    )
    return Proposal.objects.count()
