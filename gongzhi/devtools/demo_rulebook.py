"""The demo township's governing documents (gongzhi.rulebook), made through the meetings' and rulebook's actions.

Every community's 村(居)民代表会议 is recorded (through gongzhi.meetings, with its roll counts and its votes), and
its passed items adopt the community's 自治章程 and three of the 十制度 (from the catalogue's templates, each with a
line of the community's own); the 村(居)务公开制度 then gets a second version in draft (a revision of its
disclosure days), so the document page shows what changed. One item of the meeting fails, so the adoption form
offers only what passed.

The township office (`zhen_admin`) adds a kind of its own, 村级财务管理细则 (its reading of the catalogue's
财务管理制度 for the villages' small accounts), with its template; the first community's meeting adopts one from
it, so the library shows a township-made kind beside the catalogue's.
"""

import datetime as dt
import random

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, CommunityType
from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.rulebook import actions
from gongzhi.rulebook.models import DocumentKind, Template

CHARTER = "自治章程"
OWN_KIND = "村级财务管理细则"
OWN_BODY = """第一条 为规范本村(社区)财务收支，根据财务管理制度和镇有关规定，制定本细则。
第二条 日常开支实行报账员制度，每笔开支须经手人、证明人签字，村(居)务监督委员会审核后入账。
第三条 单笔支出五千元以上的，须经村(居)民代表会议讨论决定。
第四条 财务收支每月公开一次，接受村(居)民监督。
第五条 本细则经村(居)民代表会议讨论通过后施行。"""
RULES = ("村(居)务公开制度", "民主理财制度", "矛盾纠纷调解制度")


def _staff_of(community: Area) -> User:
    return User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).order_by("pk").first() or User.objects.get(username="zhen_admin")


def _start(staff: User, community: Area, name: str, urban: bool):
    kind = DocumentKind.objects.get(name=name)
    template = Template.objects.filter(kind=kind, township__isnull=True).first()
    people = "居民" if urban else "村民"
    own = f"本制度经{community.name}{people}代表会议讨论通过，由{community.name}{people}委员会负责解释。"
    body = f"{template.body}\n{own}" if template else f"第一条 {community.name}{name}。\n{own}"
    return actions.document_create(actor=staff, community=community, kind=kind, template=template, body=body)


def _own_kind(township: Area) -> tuple[DocumentKind, Template]:
    admin = User.objects.get(username="zhen_admin")
    kind = actions.kind_save(actor=admin, township=township, group="rules", name=OWN_KIND)
    template = actions.template_save(
        actor=admin, township=township, kind=kind, title=f"{OWN_KIND}（{township.name}范本）", body=OWN_BODY
    )
    return kind, template


def demo_rulebook_seed(*, communities: list[Area], rng: random.Random) -> int:
    """Returns the number of versions adopted."""
    adopted = 0
    today = timezone.localdate()
    township = communities[0].parent if communities else None
    own = _own_kind(township) if township is not None else None
    for index, community in enumerate(communities):
        staff = _staff_of(community)
        urban = community.community_type == CommunityType.URBAN
        held_on = today - dt.timedelta(days=rng.randint(40, 80))
        members = rng.randint(25, 45)
        present = members - rng.randint(1, 5)
        items = [
            ItemVote(f"审议通过《{community.name}{CHARTER}》", in_favour=present - 2, against=1, abstaining=1)
        ]
        items += [ItemVote(f"审议通过《{name}》", in_favour=present - rng.randint(0, 3)) for name in RULES]
        items.append(
            ItemVote("审议村(居)委会办公用房改造方案", in_favour=present // 3, against=present - present // 3)
        )
        if index == 0 and own is not None:
            items.append(ItemVote(f"审议通过《{OWN_KIND}》", in_favour=present - 1))
        meeting = meeting_record(
            actor=staff, area=community,
            body_kind="residents_representatives_meeting" if urban else "village_representatives_meeting",
            held_on=held_on, members=members, present=present, place="居委会会议室" if urban else "村委会会议室",
            purpose="审议本村(社区)自治章程和制度", items=items,
        )  # fmt: skip
        votes = list(meeting.items.order_by("number"))
        for item, name in zip(votes, (CHARTER, *RULES), strict=False):
            document = _start(staff, community, name, urban)
            first = document.versions.get()
            actions.version_adopt(
                actor=staff, version=first, meeting_item=item, effective_on=held_on + dt.timedelta(days=7)
            )
            adopted += 1
            if name == RULES[0]:
                draft = actions.version_new(actor=staff, document=document)
                actions.draft_save(
                    actor=staff, version=draft,
                    body=draft.body + "\n财务收支情况每月公开一次，重大事项随时公开。",
                )  # fmt: skip
        if index == 0 and own is not None:
            kind, template = own
            document = actions.document_create(actor=staff, community=community, kind=kind, template=template,
                                               title=OWN_KIND)  # fmt: skip
            actions.version_adopt(
                actor=staff, version=document.versions.get(), meeting_item=votes[-1],
                effective_on=held_on + dt.timedelta(days=7),
            )  # fmt: skip
            adopted += 1
    return adopted
