"""Nominating a person or a family of the register (staff pick them; others give the name)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.text import text_clean
from gongzhi.residents.codes import HEAD_RELATION
from gongzhi.residents.models import Household, Resident

from ..models import (
    MeritCategory,
    Nomination,
    NominationPhoto,
    NominationState,
    NominatorKind,
    NomineeKind,
)
from ..selectors import staff_nominator_over
from .common import (
    LIVE_STATES,
    PHOTOS_MAX,
    STORY_MAX,
    STORY_MIN,
    TITLE_MAX,
    TITLE_MIN,
    WITNESS_MAX,
    _audit,
    _community,
    _free_text,
    _notify,
)


def _category(category: MeritCategory | None) -> MeritCategory:
    category = MeritCategory.objects.filter(pk=category.pk, active=True).first() if category else None
    if category is None:
        raise DomainError(_("请选择一个在用的积德榜类别。"), field="category")
    return category


def _nominee_by_id(kind: str, community: Area, nominee_id: int | None) -> Resident | Household:
    if kind == NomineeKind.PERSON:
        person = Resident.objects.filter(pk=nominee_id).first() if nominee_id else None
        if person is None:
            raise DomainError(_("请选择被提名的居民。"), field="nominee")
        if person.community_id != community.pk:
            raise DomainError(
                _("这位居民不在本村(社区)的居民登记中。"), field="nominee", code="other_community"
            )
        if person.status != "active":
            raise DomainError(_("这位居民当前不是在册居民，不能提名。"), field="nominee")
        return person
    household = Household.objects.filter(pk=nominee_id).first() if nominee_id else None
    if household is None:
        raise DomainError(_("请选择被提名的家庭（户）。"), field="nominee")
    if household.community_id != community.pk:
        raise DomainError(_("这一户不在本村(社区)的居民登记中。"), field="nominee", code="other_community")
    return household


def _nominee_by_name(
    kind: str, community: Area, name: str, household_number: str = ""
) -> Resident | Household:
    name = text_clean(name, label=_("被提名人姓名"), field="nominee_name", minimum=2, maximum=50)
    people = Resident.objects.filter(community=community, status="active", name=name)
    number = (household_number or "").strip()[:40]
    if number:
        people = people.filter(household__number=number)
    if kind == NomineeKind.FAMILY:
        people = people.filter(household__isnull=False, relation_to_head=HEAD_RELATION)
    found = list(people.select_related("household")[:2])
    if not found:
        raise DomainError(
            (
                _(
                    "本村(社区)登记的户主中没有叫“%(name)s”的。提名家庭请填写户主的姓名，或请村(社区)工作人员代为提名。"
                )
                if kind == NomineeKind.FAMILY
                else _("本村(社区)登记的居民中没有叫“%(name)s”的。请核对姓名，或请村(社区)工作人员代为提名。")
            )
            % {"name": name},
            field="nominee_name",
            code="nominee_unknown",
        )
    if len(found) > 1:
        raise DomainError(
            _("本村(社区)有不止一位叫“%(name)s”的居民，请填写户编号加以区分，或请村(社区)工作人员代为提名。")
            % {"name": name},
            field="nominee_name",
            code="nominee_ambiguous",
        )
    person = found[0]
    if kind == NomineeKind.FAMILY:
        assert person.household is not None
        return person.household
    return person


def _head_of(household: Household) -> Resident:
    head = (
        Resident.objects.filter(household=household, relation_to_head=HEAD_RELATION, status="active")
        .order_by("id")
        .first()
    )
    if head is None:
        raise DomainError(
            _("这一户在居民登记中没有在册的户主，无法征得家庭的同意；请先在居民登记中设定户主。"),
            field="nominee",
            code="no_head",
        )
    return head


def _voice(actor: User, community: Area, organisation_id: int | None):
    """(nominator kind, organisation) the actor nominates as, or NotPermitted."""
    if organisation_id:
        from gongzhi.orgs.selectors import organisation_voice_check

        return NominatorKind.ORGANISATION, organisation_voice_check(actor, organisation_id, community)
    if staff_nominator_over(actor, community):
        return NominatorKind.STAFF, None
    if Resident.objects.filter(user=actor, community=community, status="active").exists():
        return NominatorKind.RESIDENT, None
    from gongzhi.orgs.selectors import organisations_speaking_for

    if organisations_speaking_for(actor, community).exists():
        raise DomainError(_("请选择以哪个社会组织的名义提名。"), field="organisation")
    raise NotPermitted(_("只有本村(社区)的在册居民、服务本村(社区)的社会组织和工作人员可以提名。"))


@transaction.atomic
def nomination_create(
    *,
    actor: User,
    community: Area,
    category: MeritCategory | None,
    kind: str,
    title: str,
    story: str,
    witness: str = "",
    nominee_id: int | None = None,
    nominee_name: str = "",
    household_number: str = "",
    organisation_id: int | None = None,
    photos=(),
) -> Nomination:
    """Nominate a person or a family of `community`: staff pick them (`nominee_id`: a resident or a household),
    others give the name in the register (`nominee_name`: the person, or the household's head)."""
    authorize(actor, "merit.nominate", community)
    community = _community(community)
    nominator_kind, organisation = _voice(actor, community, organisation_id)
    category = _category(category)
    if kind not in NomineeKind.values:
        raise DomainError(_("请选择提名个人还是家庭。"), field="kind")
    title = _free_text(title, label=_("事迹标题"), field="title", minimum=TITLE_MIN, maximum=TITLE_MAX)
    story = _free_text(story, label=_("事迹"), field="story", minimum=STORY_MIN, maximum=STORY_MAX)
    witness = _free_text(witness, label=_("证明人"), field="witness", minimum=0, maximum=WITNESS_MAX)
    photos = [photo for photo in photos if photo]
    if len(photos) > PHOTOS_MAX:
        raise DomainError(_("照片最多 %(n)d 张。") % {"n": PHOTOS_MAX}, field="photos")
    if not witness and not photos:
        raise DomainError(_("请提供证明：证明人（姓名和与被提名人的关系），或事迹的照片。"), field="witness")
    if nominator_kind == NominatorKind.STAFF and nominee_id:
        nominee = _nominee_by_id(kind, community, nominee_id)
    elif nominee_name:
        nominee = _nominee_by_name(kind, community, nominee_name, household_number)
    else:
        raise DomainError(_("请填写被提名人的姓名（提名家庭请填写户主的姓名）。"), field="nominee_name")
    if isinstance(nominee, Household):
        household, person, consenter = nominee, None, _head_of(nominee)
        own = Resident.objects.filter(user=actor, household=household).exists()
    else:
        household, person, consenter = None, nominee, nominee
        own = nominee.user_id == actor.pk
    if own:
        raise DomainError(_("不能提名自己或自己的家庭；请由他人提名。"), field="nominee_name", code="self")
    duplicate = Nomination.objects.filter(
        resident=person, household=household, category=category, state__in=LIVE_STATES
    ).exclude(state=NominationState.ON_BOARD)
    if duplicate.exists():
        raise Conflict(_("这位被提名人在这个类别已有一项正在办理的提名。"), code="duplicate")
    nomination = Nomination.objects.create(
        community=community,
        area_path=nominee.area_path,
        category=category,
        kind=kind,
        resident=person,
        household=household,
        consenter=consenter,
        title=title,
        story=story,
        witness=witness,
        nominator_kind=nominator_kind,
        organisation=organisation,
        nominated_by=actor,
        nominated_at=timezone.now(),
    )
    from gongzhi.photos.actions import photo_store

    for upload in photos:
        NominationPhoto.objects.create(nomination=nomination, photo=photo_store(actor=actor, upload=upload))
    _audit(
        actor,
        "merit.nominated",
        nomination,
        {
            "kind": kind,
            "nominator": nominator_kind,
            "organisation": organisation.name if organisation else "",
            "photos": len(photos),
            "witness": bool(witness),
        },
    )
    _notify(consenter.user, _("您被提名上积德榜，请确认是否同意"), nomination)
    return nomination
