"""The life of a party member's pledge card (双亮: 亮身份, 亮承诺) for one year.

    pledge_write ─▶ submitted ──pledge_approve──▶ approved ──pledge_close (践诺)──▶ closed
                      │   ▲                         │
          pledge_return   │ pledge_revise           └── pledge_revise ─▶ submitted (the approved version
                      ▼   │                                              stays public until the new one is)
                    returned

Only a party member of the register has a pledge — the political status 中共党员 / 中共预备党员 that the party
organisation's staff entered, never one the member declares — and at most one a year. The member writes it by
their own account, or the community's staff write it for them (assisted, with how the member agreed recorded).
Every text is kept as a version; the party organisation (the community's staff, the township's office or the
secretary of the community's party organisation, never on their own pledge) approves a version before it is
public. A revision starts a new version, which waits for approval while the last approved one stays public.
At the year's end the member (or staff for them) closes the year with a short account of how it was kept.

Whether a member appears on the public page at all, the name shown and whether what they did is shown are the
member's choices (`privacy_set`): by their own account, or by staff from the member's signed paper consent.
Nobody is public until then.

Every action authorises, checks, writes one audit row in its transaction, and tells the member through notices.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.pii import pii_find, pii_summary
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Resident

from .models import (
    ConsentChannel,
    MemberPrivacy,
    NameDisplay,
    Pledge,
    PledgeState,
    PledgeVersion,
    VanguardPost,
)
from .selectors import is_party_member

TEXT_MIN, TEXT_MAX = 10, 500
ACCOUNT_MIN, ACCOUNT_MAX = 10, 500
GROUP_MAX, REASON_MAX, POST_NAME_MAX = 30, 200, 20
YEARS_AHEAD = 1  # a pledge for next year may be written in December


def _notify(user, title: str, pledge: Pledge) -> None:
    if user is not None and user.is_active:
        notice_send(
            recipient=user, kind="pledges", title=title, url=reverse("pledges:pledge", args=[pledge.pk])
        )


def _audit(actor: User, verb: str, pledge: Pledge, summary: dict) -> None:
    audit_event_record(
        actor=actor,
        verb=verb,
        target=pledge,
        area=pledge.community,
        summary={"year": pledge.year, "post": pledge.post.name, **summary},
    )


def _locked(pledge: Pledge) -> Pledge:
    return (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("community", "resident", "post", "public_version")
        .get(pk=pledge.pk)
    )


def _free_text(value: str, *, label: str, field: str, minimum: int, maximum: int) -> str:
    """A text the public may read: its characters (core.text) and no personal data (core.pii)."""
    text = text_clean(value, label=label, field=field, minimum=minimum, maximum=maximum)
    findings = pii_find(text)
    if findings:
        raise DomainError(
            _("%(label)s中有%(kinds)s。承诺会公开，只写要做什么，请删去这些个人信息。")
            % {"label": label, "kinds": pii_summary(findings)},
            field=field,
            code="personal_data",
        )
    return text


def _post(post: VanguardPost | None) -> VanguardPost:
    found = VanguardPost.objects.filter(pk=post.pk, active=True).first() if post else None
    if found is None:
        raise DomainError(_("请选择一个在用的党员先锋岗。"), field="post")
    return found


def _member(resident: Resident) -> Resident:
    if not is_party_member(resident):
        raise DomainError(
            _("居民登记中%(name)s不是党员（政治面貌由党组织的工作人员登记），不能写党员承诺。")
            % {"name": resident.name},
            field="resident",
            code="not_party_member",
        )
    return resident


def _assistance(actor: User, resident: Resident, consent_channel: str) -> tuple[bool, str]:
    """(assisted, channel): the member writes by their own account; staff for them, saying how they agreed."""
    if resident.user_id == actor.pk:
        return False, ""
    if not actor.has_perm("pledges.keep", resident):
        raise NotPermitted(_("承诺只能由党员本人，或村(社区)党组织的工作人员代为填写。"))
    if consent_channel not in ConsentChannel.values:
        raise DomainError(
            _("代党员填写承诺，请登记本人是怎样同意的（当面、电话或签字的纸质材料）。"),
            field="consent_channel",
        )
    return True, consent_channel


def _year(year: int) -> int:
    this = timezone.localdate().year
    if not isinstance(year, int) or not (this - 1 <= year <= this + YEARS_AHEAD):
        raise DomainError(
            _("承诺年度只能是 %(first)d 年到 %(last)d 年。")
            % {"first": this - 1, "last": this + YEARS_AHEAD},
            field="year",
        )
    return year


def _group(party_group: str) -> str:
    return text_clean(party_group, label=_("党小组"), field="party_group", minimum=0, maximum=GROUP_MAX)


def _version(pledge: Pledge, actor: User, assisted: bool, channel: str) -> PledgeVersion:
    return PledgeVersion.objects.create(
        pledge=pledge,
        number=pledge.version,
        post=pledge.post,
        party_group=pledge.party_group,
        text=pledge.text,
        written_by=actor,
        assisted=assisted,
        consent_channel=channel,
        written_at=timezone.now(),
    )


@transaction.atomic
def pledge_write(
    *,
    actor: User,
    resident: Resident,
    year: int,
    post: VanguardPost | None,
    text: str,
    party_group: str = "",
    consent_channel: str = "",
) -> Pledge:
    """A party member's pledge card for `year`: by the member, or by staff for them (assisted, recorded)."""
    authorize(actor, "pledges.write", resident)
    assisted, channel = _assistance(actor, resident, consent_channel)
    # Lock the member's register row: two writes at once make one pledge, the other is told.
    resident = Resident.objects.select_for_update().select_related("community").get(pk=resident.pk)
    _member(resident)
    year = _year(year)
    post = _post(post)
    text = _free_text(text, label=_("承诺事项"), field="text", minimum=TEXT_MIN, maximum=TEXT_MAX)
    party_group = _group(party_group)
    if Pledge.objects.filter(resident=resident, year=year).exists():
        raise Conflict(
            _("%(name)s已有%(year)d年的承诺，请修改那一份，不要另写一份。")
            % {"name": resident.name, "year": year},
            code="duplicate",
        )
    pledge = Pledge.objects.create(
        community=resident.community,
        area_path=resident.area_path,
        resident=resident,
        year=year,
        post=post,
        party_group=party_group,
        text=text,
        written_by=actor,
        assisted=assisted,
        consent_channel=channel,
    )
    _version(pledge, actor, assisted, channel)
    _audit(actor, "pledges.written", pledge, {"assisted": assisted, "consent_channel": channel})
    if assisted:
        _notify(resident.user, _("工作人员为您填写了党员承诺，请查看"), pledge)
    return pledge


@transaction.atomic
def pledge_revise(
    *,
    actor: User,
    pledge: Pledge,
    post: VanguardPost | None,
    text: str,
    party_group: str = "",
    consent_channel: str = "",
) -> Pledge:
    """A new version of the pledge; it waits for approval (the last approved version stays public)."""
    if not actor.has_perm("pledges.write", pledge):
        raise NotPermitted(_("只有党员本人，或村(社区)党组织的工作人员（代本人）才能修改这份承诺。"))
    assisted, channel = _assistance(actor, pledge.resident, consent_channel)
    pledge = _locked(pledge)
    if pledge.state == PledgeState.CLOSED:
        raise Conflict(_("这一年的承诺已经总结践诺，不能再修改。"), code="closed")
    _member(pledge.resident)
    post = _post(post)
    text = _free_text(text, label=_("承诺事项"), field="text", minimum=TEXT_MIN, maximum=TEXT_MAX)
    party_group = _group(party_group)
    if (post.pk, text, party_group) == (pledge.post_id, pledge.text, pledge.party_group):
        raise DomainError(_("承诺没有改动。"), field="text", code="unchanged")
    pledge.post, pledge.text, pledge.party_group = post, text, party_group
    pledge.version += 1
    pledge.state, pledge.return_reason = PledgeState.SUBMITTED, ""
    pledge.written_by, pledge.assisted, pledge.consent_channel = actor, assisted, channel
    pledge.save()
    _version(pledge, actor, assisted, channel)
    _audit(actor, "pledges.revised", pledge, {"version": pledge.version, "assisted": assisted,
                                               "consent_channel": channel})  # fmt: skip
    if assisted:
        _notify(pledge.resident.user, _("工作人员为您修改了党员承诺，请查看"), pledge)
    return pledge


def _submitted(pledge: Pledge) -> None:
    if pledge.state != PledgeState.SUBMITTED:
        raise Conflict(
            _("这份承诺现在是“%(state)s”，没有待审核的稿子。") % {"state": pledge.get_state_display()},
            code="not_submitted",
        )


def _approver(actor: User, pledge: Pledge) -> None:
    if pledge.resident.user_id == actor.pk:
        raise NotPermitted(_("不能审核自己的承诺，请由党组织的其他同志审核。"))
    authorize(actor, "pledges.approve", pledge)


@transaction.atomic
def pledge_approve(*, actor: User, pledge: Pledge) -> Pledge:
    """The party organisation approves the version waiting: it becomes the public one."""
    _approver(actor, pledge)
    pledge = _locked(pledge)
    _submitted(pledge)
    version = PledgeVersion.objects.select_for_update().get(pledge=pledge, number=pledge.version)
    version.approved_at, version.approved_by = timezone.now(), actor
    version.save(update_fields=["approved_at", "approved_by"])
    pledge.state, pledge.public_version = PledgeState.APPROVED, version
    pledge.save(update_fields=["state", "public_version", "updated_at"])
    _audit(actor, "pledges.approved", pledge, {"version": version.number})
    _notify(pledge.resident.user, _("您的党员承诺已由党组织审核通过"), pledge)
    return pledge


@transaction.atomic
def pledge_return(*, actor: User, pledge: Pledge, reason: str) -> Pledge:
    """The party organisation returns the version waiting, saying why; the member revises it."""
    _approver(actor, pledge)
    reason = text_clean(reason, label=_("退回原因"), field="reason", minimum=2, maximum=REASON_MAX)
    pledge = _locked(pledge)
    _submitted(pledge)
    pledge.state, pledge.return_reason = PledgeState.RETURNED, reason
    pledge.save(update_fields=["state", "return_reason", "updated_at"])
    _audit(actor, "pledges.returned", pledge, {"reason": reason})
    _notify(pledge.resident.user, _("您的党员承诺被退回修改"), pledge)
    return pledge


@transaction.atomic
def pledge_close(*, actor: User, pledge: Pledge, account: str) -> Pledge:
    """The year closed with a short account of how the pledge was kept (践诺), by the member or staff for them."""
    if not actor.has_perm("pledges.write", pledge):
        raise NotPermitted(_("只有党员本人，或村(社区)党组织的工作人员（代本人）才能总结践诺。"))
    account = _free_text(
        account, label=_("践诺情况"), field="account", minimum=ACCOUNT_MIN, maximum=ACCOUNT_MAX
    )
    pledge = _locked(pledge)
    if pledge.public_version_id is None:
        raise Conflict(_("承诺还没有经党组织审核公开，不能总结践诺。"), code="not_approved")
    if pledge.state == PledgeState.CLOSED:
        raise Conflict(_("这一年的践诺已经总结过了。"), code="closed")
    pledge.state, pledge.closing_account = PledgeState.CLOSED, account
    pledge.closed_at, pledge.closed_by = timezone.now(), actor
    pledge.save(update_fields=["state", "closing_account", "closed_at", "closed_by", "updated_at"])
    _audit(actor, "pledges.closed", pledge, {"assisted": pledge.resident.user_id != actor.pk})
    return pledge


@transaction.atomic
def privacy_set(
    *,
    actor: User,
    resident: Resident,
    public: bool,
    name_display: str,
    deeds_shown: bool,
    paper_consent: bool = False,
) -> MemberPrivacy:
    """The member's choices for the public page: by their own account, or by staff from their signed consent."""
    own = resident.user_id == actor.pk
    if not own:
        if not actor.has_perm("pledges.keep", resident):
            raise NotPermitted(_("公开方式只能由党员本人选择，或工作人员依据本人签字的同意书登记。"))
        if not paper_consent:
            raise DomainError(
                _("代党员设置公开方式，须有本人签字的同意书：请确认已收到。"), field="paper_consent"
            )
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    _member(resident)
    if name_display not in NameDisplay.values:
        raise DomainError(_("请选择公开页面上如何署名。"), field="name_display")
    privacy, _created = MemberPrivacy.objects.update_or_create(
        resident=resident,
        defaults={
            "public": bool(public),
            "name_display": name_display,
            "deeds_shown": bool(deeds_shown),
            "paper_consent": not own,
            "changed_by": actor,
        },
    )
    audit_event_record(
        actor=actor,
        verb="pledges.privacy_set",
        target=resident,
        area=resident.community,
        summary={"public": bool(public), "name_display": name_display, "deeds_shown": bool(deeds_shown),
                 "paper_consent": not own},
    )  # fmt: skip
    return privacy


# --- The 先锋岗 list (the township's office) ---------------------------------------------------


@transaction.atomic
def post_add(*, actor: User, name: str, description: str = "") -> VanguardPost:
    authorize(actor, "pledges.posts")
    name = text_clean(name, label=_("先锋岗名称"), field="name", minimum=2, maximum=POST_NAME_MAX)
    description = text_clean(description, label=_("说明"), field="description", minimum=0, maximum=200)
    if VanguardPost.objects.filter(name=name).exists():
        raise Conflict(_("已有叫“%(name)s”的先锋岗。") % {"name": name}, code="duplicate")
    last = VanguardPost.objects.order_by("-order").values_list("order", flat=True).first() or 0
    post = VanguardPost.objects.create(name=name, description=description, order=last + 10, created_by=actor)
    audit_event_record(actor=actor, verb="pledges.post_added", target=post, summary={"name": name})
    return post


@transaction.atomic
def post_active_set(*, actor: User, post: VanguardPost, active: bool) -> VanguardPost:
    authorize(actor, "pledges.posts")
    post = VanguardPost.objects.select_for_update().get(pk=post.pk)
    if post.active == active:
        return post
    post.active = active
    post.save(update_fields=["active"])
    verb = "pledges.post_restored" if active else "pledges.post_retired"
    audit_event_record(actor=actor, verb=verb, target=post, summary={"name": post.name})
    return post
