"""The life of a wish, on the case engine.

    submitted ──publish──▶ published ──claim──▶ claimed ──fulfil──▶ fulfilled ──confirm──▶ confirmed ─rate
        │  ▲                  ▲   │                │  ▲                  │
     return │ resubmit        │   └────────────────┘  └────dispute───────┘
        ▼  │              release / expire
     returned
    submitted, returned, published ──withdraw──▶ withdrawn ──reopen──▶ submitted

A resident posts their own wish; a grid worker, window clerk or community
staff member posts one for a resident without a phone, recording the
resident's consent (channel, time, note). Community staff publish it (setting
its privacy tier: wishes of people with a sensitive tag — 留守, 低保, 残疾 … —
default to anonymised) or return it with a reason. A party member or
volunteer claims it: the case row is locked, so of many claims at once
exactly one wins and the others are told it was just claimed. A claim not
fulfilled within the community's claim period (14 days unless changed)
reminds the claimer once, then returns the wish to the wall. The claimer
records the fulfilment; the wisher — or, for an assisted wish of someone
without an account, a witness from the staff who is not the claimer —
confirms, which credits the hours to the claimer; the wisher rates it.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import (
    case_message_post,
    case_move,
    case_open,
    case_photo_attach,
    case_pii_findings,
    case_pii_release,
    case_rate,
    case_redact,
    case_row_lock,
)
from gongzhi.cases.models import Case, ConsentChannel, PrivacyTier
from gongzhi.cases.workflow import Limit
from gongzhi.core.authz import authorize
from gongzhi.core.crypto import encrypt
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.masking import mask_phone
from gongzhi.core.pii import pii_summary, sensitive_topics
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_phone
from gongzhi.hours.actions import hours_credit
from gongzhi.notices.actions import notice_send

from .models import Wish, WishCategory, WishSettings
from .workflow import THREAD_STATES, WISH

# States in which a wish is still being worked on: only these show a due time.
OPEN_STATES = ("submitted", "published", "claimed", "fulfilled")
TITLE_MAX, STORY_MAX, NOTE_MAX = 60, 1000, 500
MEDIATION_TARGET = "mediation"  # the referral target people's mediation registers (gongzhi.core.referrals)


def wish_url(wish: Wish) -> str:
    return reverse("wishes:detail", args=[wish.pk])


# One check per field, used by the actions and by the forms (which report every field at once).
def wish_title_clean(title: str | None) -> str:
    return text_clean(title, label=_("心愿标题"), field="title", minimum=2, maximum=TITLE_MAX)


def wish_story_clean(story: str | None) -> str:
    return text_clean(story, label=_("心愿内容"), field="story", minimum=5, maximum=STORY_MAX)


def wish_desired_by_check(desired_by: dt.date | None) -> None:
    today = timezone.localdate()
    if desired_by is not None and not today <= desired_by <= today + dt.timedelta(days=366):
        raise DomainError(_("希望完成日期应在今天到一年之内。"), field="desired_by")


def wish_note_clean(note: str | None) -> str:
    return text_clean(note, label=_("完成情况"), field="note", minimum=2, maximum=NOTE_MAX)


def _clean_wish_input(title: str, story: str, category: str, desired_by: dt.date | None) -> tuple[str, str]:
    title, story = wish_title_clean(title), wish_story_clean(story)
    if category not in WishCategory.values:
        raise DomainError(_("请选择心愿类别。"), field="category")
    wish_desired_by_check(desired_by)
    return title, story


# What a resident may choose when posting; staff may also keep a wish to themselves (staff_only).
POSTER_TIERS = (PrivacyTier.PUBLIC, PrivacyTier.ANONYMISED, PrivacyTier.RESTRICTED)


def wish_sensitive(*, title: str, story: str, category: str, resident=None) -> bool:
    """About health, disability, living alone, hardship or 三留守: by its words, its category
    (就医陪护 is about health) or the resident's sensitive tags (留守, 低保, 残疾 …)."""
    if category == WishCategory.MEDICAL or sensitive_topics(title, story):
        return True
    return resident is not None and resident.tags.filter(is_sensitive=True).exists()


def _privacy_chosen(privacy: str | None, sensitive: bool) -> str:
    """The tier the poster chose, or the safe default: sensitive wishes go to staff and the claimer only."""
    if privacy in (None, ""):
        return PrivacyTier.RESTRICTED if sensitive else PrivacyTier.PUBLIC
    if privacy not in POSTER_TIERS:
        raise DomainError(_("请选择谁能看到这个心愿。"), field="privacy")
    return privacy


@transaction.atomic
def wish_post(
    *,
    actor: User,
    title: str,
    story: str,
    category: str,
    desired_by: dt.date | None = None,
    photo=None,
    submission_key: str = "",
    privacy: str | None = None,
    contact_phone: str = "",
    meeting_place: str = "",
    contact_shared: bool = False,
) -> Wish:
    """A resident posts their own wish, in the community where they are registered.

    `privacy` is who may see it (POSTER_TIERS); left out, a sensitive wish
    goes to staff and the claimer only and any other is public.
    """
    authorize(actor, "wishes.post_own")
    title, story = _clean_wish_input(title, story, category, desired_by)
    contact_phone, meeting_place = _contact_clean(contact_phone, meeting_place, contact_shared)
    from gongzhi.residents.selectors import resident_home_of

    community, area_path, resident = resident_home_of(actor)
    sensitive = wish_sensitive(title=title, story=story, category=category, resident=resident)
    privacy = _privacy_chosen(privacy, sensitive)
    case = Case(
        kind=WISH.kind,
        title=title,
        body=story,
        author=actor,
        resident=resident,
        community=community,
        area_path=area_path,
        privacy=privacy,
        sensitive=sensitive,
        submission_key=(submission_key or "")[:64],
    )
    case_open(case=case, actor=actor)
    wish = Wish(case=case, category=category, desired_by=desired_by)
    _contact_write(wish, contact_phone, meeting_place, contact_shared)
    wish.save(force_insert=True)
    case_photo_attach(case=case, actor=actor, upload=photo, stage="post")
    return wish


@transaction.atomic
def wish_post_assisted(
    *,
    actor: User,
    resident,
    title: str,
    story: str,
    category: str,
    consent_channel: str,
    consent_note: str = "",
    desired_by: dt.date | None = None,
    photo=None,
    submission_key: str = "",
    privacy: str | None = None,
    contact_phone: str = "",
    meeting_place: str = "",
    contact_shared: bool = False,
) -> Wish:
    """A grid worker or clerk posts for a resident (e.g. elderly, no phone), recording their consent.

    The claimer reaches the resident through whoever typed it (the thread routes to them), and sees a
    phone number or meeting place only if the resident agreed to it."""
    authorize(actor, "wishes.post_assisted", resident)
    title, story = _clean_wish_input(title, story, category, desired_by)
    contact_phone, meeting_place = _contact_clean(contact_phone, meeting_place, contact_shared)
    sensitive = wish_sensitive(title=title, story=story, category=category, resident=resident)
    privacy = _privacy_chosen(privacy, sensitive)
    if consent_channel not in ConsentChannel.values:
        raise DomainError(_("请选择居民同意的方式（当面、电话或书面）。"), field="consent_channel")
    consent_note = text_clean(consent_note, label=_("同意说明"), field="consent_note", minimum=0, maximum=200)
    case = Case(
        kind=WISH.kind,
        title=title,
        body=story,
        author=resident.user if resident.user_id else None,
        resident=resident,
        assisted=True,
        consent_channel=consent_channel,
        consent_at=timezone.now(),
        consent_note=consent_note,
        community=resident.community,
        area_path=resident.area_path,
        privacy=privacy,
        sensitive=sensitive,
        submission_key=(submission_key or "")[:64],
    )
    case_open(
        case=case,
        actor=actor,
        note=_("代%(name)s提交，居民已%(channel)s同意")
        % {"name": resident.name, "channel": ConsentChannel(consent_channel).label},
    )
    wish = Wish(case=case, category=category, desired_by=desired_by)
    _contact_write(wish, contact_phone, meeting_place, contact_shared)
    wish.save(force_insert=True)
    case_photo_attach(case=case, actor=actor, upload=photo, stage="post")
    return wish


@transaction.atomic
def wish_publish(
    *, actor: User, wish: Wish, privacy: str | None = None, pii: str = "", pii_reason: str = ""
) -> Wish:
    """Put a submitted wish on the wall. Personal numbers found in its title or story must be dealt with:
    `pii="redact"` replaces them (the originals go to the audit trail), `pii="release"` publishes them
    as typed, for `pii_reason`; without either, publishing is refused and says what was found."""
    authorize(actor, "wishes.moderate", wish)
    if privacy is not None and privacy not in PrivacyTier.values:
        raise DomainError(_("请选择公开范围。"), field="privacy")
    if pii not in ("", "redact", "release"):
        raise DomainError(_("请选择如何处理内容中的个人信息。"), field="pii")
    wish = case_row_lock(wish)
    found = case_pii_findings(wish.case)
    chosen = privacy or wish.case.privacy
    if found and not wish.case.pii_released and chosen in (PrivacyTier.PUBLIC, PrivacyTier.ANONYMISED):
        findings = [f for fs in found.values() for f in fs]
        if pii == "redact":
            wish.case, _kinds = case_redact(case=wish.case, actor=actor)
        elif pii == "release":
            wish.case = case_pii_release(case=wish.case, actor=actor, reason=pii_reason)
        else:
            raise DomainError(
                _("内容中有%(kinds)s，公开前请选择“隐去后发布”，或写明理由后保留原文发布。")
                % {"kinds": pii_summary(findings)},
                field="pii",
                code="pii_unresolved",
            )
    changes: dict[str, Any] = {"privacy": privacy} if privacy else {}
    wish.case = case_move(case=wish.case, verb="publish", actor=actor, url=wish_url(wish), **changes)
    return wish


@transaction.atomic
def wish_redact(*, actor: User, wish: Wish) -> Wish:
    """Staff replace the personal numbers and exact addresses in a wish (title, story, fulfilment note)
    with placeholders, at any time; the originals are kept in the audit trail."""
    authorize(actor, "wishes.moderate", wish)
    wish = case_row_lock(wish)
    case_redact(case=wish.case, actor=actor, rows=[(wish, "fulfilment_note")])
    return Wish.objects.select_related("case").get(pk=wish.pk)


@transaction.atomic
def wish_return(*, actor: User, wish: Wish, reason: str) -> Wish:
    authorize(actor, "wishes.moderate", wish)
    reason = text_clean(reason, label=_("退回原因"), field="reason", minimum=2, maximum=200)
    wish = case_row_lock(wish)
    wish.case = case_move(
        case=wish.case,
        verb="return",
        actor=actor,
        note=reason,
        url=wish_url(wish),
        notify=[wish.case.submitted_by],
    )
    return wish


@transaction.atomic
def wish_refer_to_mediation(*, actor: User, wish: Wish) -> Wish:
    """A moderator finds a submitted wish is a dispute and hands it to the community's people's mediation
    committee (kernel hook gongzhi.core.referrals): the wish is returned with the dispute's case code and never
    reaches the wall; the dispute is the committee's, read by its parties, mediators and chair only."""
    from gongzhi.core.referrals import referral_send, referral_target

    authorize(actor, "wishes.moderate", wish)
    if referral_target(MEDIATION_TARGET) is None:
        raise Conflict(_("本平台未启用人民调解。"), code="no_mediation")
    wish = case_row_lock(wish)
    case = wish.case
    if case.state != "submitted":
        raise Conflict(
            _("只有待审核的心愿可以转人民调解（现为“%(state)s”）。") % {"state": WISH.state_label(case.state)}
        )
    code = referral_send(
        MEDIATION_TARGET,
        actor=actor,
        community=case.community,
        source="wish",
        source_ref=wish.pk,
        facts=f"{case.title}\n{case.body}",
        resident=case.resident,
    )
    wish.case = case_move(
        case=case,
        verb="return",
        actor=actor,
        note=_("已转人民调解委员会调解，案件编号 %(code)s。") % {"code": code},
        url=wish_url(wish),
        notify=[case.submitted_by],
    )
    return wish


@transaction.atomic
def wish_resubmit(
    *, actor: User, wish: Wish, title: str, story: str, category: str, desired_by: dt.date | None = None
) -> Wish:
    authorize(actor, "wishes.resubmit", wish)  # the author or whoever typed it for them
    title, story = _clean_wish_input(title, story, category, desired_by)
    wish = case_row_lock(wish)
    sensitive = wish_sensitive(title=title, story=story, category=category, resident=wish.case.resident)
    wish.case = case_move(
        case=wish.case,
        verb="resubmit",
        actor=actor,
        url=wish_url(wish),
        title=title,
        body=story,
        sensitive=sensitive,
        pii_released="",
    )
    wish.category, wish.desired_by = category, desired_by
    wish.save(update_fields=["category", "desired_by"])
    return wish


def _reason_clean(reason: str | None) -> str:
    return text_clean(reason, label=_("原因"), field="reason", minimum=0, maximum=200)


def _claim_period(wish: Wish) -> int:
    settings_row = WishSettings.objects.filter(community_id=wish.case.community_id).first()
    return settings_row.claim_days if settings_row else 14


@transaction.atomic
def wish_claim(*, actor: User, wish: Wish) -> Wish:
    """Exactly one claim wins: the case row is locked, and the losers see it already claimed."""
    authorize(actor, "wishes.claim", wish)
    wish = case_row_lock(wish)
    if wish.case.state == "claimed" or (wish.claimer_id and wish.case.state in ("fulfilled", "confirmed")):
        raise Conflict(_("这个心愿刚刚已被其他人认领，请看看其他心愿。"), code="already_claimed")
    days = _claim_period(wish)
    wish.case = case_move(
        case=wish.case,
        verb="claim",
        actor=actor,
        url=wish_url(wish),
        limit=Limit(days, "calendar_days"),
        refused=_("这个心愿现在不能认领（%(state)s）。") % {"state": WISH.state_label(wish.case.state)},
    )
    wish.claimer, wish.claimed_at = actor, timezone.now()
    wish.claim_due_at, wish.claim_reminded_at = wish.case.due_at, None
    wish.save(update_fields=["claimer", "claimed_at", "claim_due_at", "claim_reminded_at"])
    return wish


def _unclaim(wish: Wish) -> None:
    """Back to the wall: the claim and any recorded fulfilment go (the timeline keeps them)."""
    wish.claimer, wish.claimed_at, wish.claim_due_at, wish.claim_reminded_at = None, None, None, None
    wish.fulfilled_at, wish.fulfilment_note, wish.service_hours = None, "", None
    wish.save(
        update_fields=[
            "claimer",
            "claimed_at",
            "claim_due_at",
            "claim_reminded_at",
            "fulfilled_at",
            "fulfilment_note",
            "service_hours",
        ]
    )


def _still_the_claimer(actor: User, wish: Wish) -> None:
    """Checked again on the locked row: the claim may have expired and gone to someone else meanwhile."""
    if wish.claimer_id != actor.pk and not actor.has_perm("wishes.moderate", wish):
        raise Conflict(_("您已不是这个心愿的认领人（认领可能已到期）。"), code="not_claimer")


@transaction.atomic
def wish_release(*, actor: User, wish: Wish, reason: str = "") -> Wish:
    authorize(actor, "wishes.release", wish)
    wish = case_row_lock(wish)
    _still_the_claimer(actor, wish)
    claimer = wish.claimer
    wish.case = case_move(
        case=wish.case,
        verb="release",
        actor=actor,
        note=_reason_clean(reason),
        url=wish_url(wish),
        notify=[claimer],
    )
    _unclaim(wish)
    return wish


@transaction.atomic
def wish_fulfil(*, actor: User, wish: Wish, note: str, hours, photo=None) -> Wish:
    authorize(actor, "wishes.fulfil", wish)
    note = wish_note_clean(note)
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("服务时长请填写数字，例如 1.5。"), field="hours") from None
    if not Decimal("0.1") <= hours <= Decimal("24"):
        raise DomainError(_("服务时长应在0.1到24小时之间。"), field="hours")
    wish = case_row_lock(wish)
    if wish.claimer_id != actor.pk:
        raise Conflict(_("您已不是这个心愿的认领人（认领可能已到期）。"), code="not_claimer")
    wish.case = case_move(
        case=wish.case,
        verb="fulfil",
        actor=actor,
        note=note,
        url=wish_url(wish),
        notify=[wish.case.submitted_by] if wish.case.assisted else [],
    )
    wish.fulfilled_at, wish.fulfilment_note, wish.service_hours = timezone.now(), note, hours
    wish.save(update_fields=["fulfilled_at", "fulfilment_note", "service_hours"])
    case_photo_attach(case=wish.case, actor=actor, upload=photo, stage="fulfilment")
    return wish


HOURS_SOURCE = "wish"  # the hours source (registered in apps.py); source_id is the wish's id


@transaction.atomic
def wish_confirm(*, actor: User, wish: Wish) -> Wish:
    """The wisher (or a witness, for someone without an account) confirms; the hours are credited."""
    if not actor.has_perm("wishes.confirm", wish):
        raise NotPermitted(_("只有许愿人本人（或为没有账号的居民作见证的工作人员）才能确认。"))
    wish = case_row_lock(wish)
    as_witness = wish.case.author_id != actor.pk
    wish.case = case_move(
        case=wish.case,
        verb="confirm",
        actor=actor,
        url=wish_url(wish),
        notify=[wish.claimer],
        note=_("工作人员见证确认") if as_witness else "",
    )
    wish.confirmed_by, wish.confirmed_as, wish.confirmed_at = (
        actor,
        "witness" if as_witness else "wisher",
        timezone.now(),
    )
    wish.save(update_fields=["confirmed_by", "confirmed_as", "confirmed_at"])
    if wish.claimer_id and wish.service_hours:
        hours_credit(
            actor=actor,
            target=wish,
            source=HOURS_SOURCE,
            source_id=wish.pk,
            helper_id=wish.claimer_id,
            hours=wish.service_hours,
            community_id=wish.case.community_id,
        )
    return wish


@transaction.atomic
def wish_dispute(*, actor: User, wish: Wish, reason: str) -> Wish:
    if not actor.has_perm("wishes.confirm", wish):
        raise NotPermitted(_("只有许愿人本人（或见证的工作人员）才能确认。"))
    reason = text_clean(reason, label=_("未完成的原因"), field="reason", minimum=2, maximum=200)
    wish = case_row_lock(wish)
    wish.case = case_move(
        case=wish.case,
        verb="dispute",
        actor=actor,
        note=reason,
        url=wish_url(wish),
        notify=[wish.claimer],
        limit=Limit(_claim_period(wish), "calendar_days"),
    )
    # A fresh claim period to finish it, and the fulfilment that was not one is cleared.
    wish.claim_due_at, wish.claim_reminded_at = wish.case.due_at, None
    wish.fulfilled_at, wish.fulfilment_note, wish.service_hours = None, "", None
    wish.save(
        update_fields=[
            "claim_due_at",
            "claim_reminded_at",
            "fulfilled_at",
            "fulfilment_note",
            "service_hours",
        ]
    )
    return wish


@transaction.atomic
def wish_rate(*, actor: User, wish: Wish, rating: int, comment: str = "") -> Wish:
    authorize(actor, "wishes.rate", wish)
    wish = case_row_lock(wish)
    if wish.case.state != "confirmed":
        raise Conflict(_("心愿实现并确认后才能评价。"))
    wish.case = case_rate(
        case=wish.case, actor=actor, rating=rating, comment=comment, notify=[wish.claimer], url=wish_url(wish)
    )
    return wish


@transaction.atomic
def wish_withdraw(*, actor: User, wish: Wish, reason: str = "") -> Wish:
    authorize(actor, "wishes.withdraw", wish)
    wish = case_row_lock(wish)
    wish.case = case_move(
        case=wish.case,
        verb="withdraw",
        actor=actor,
        note=_reason_clean(reason),
        url=wish_url(wish),
        refused=_("心愿已被认领，不能撤回；请先与认领人联系。")
        if wish.case.state in ("claimed", "fulfilled")
        else None,
    )
    return wish


@transaction.atomic
def wish_reopen(*, actor: User, wish: Wish, reason: str = "") -> Wish:
    authorize(actor, "wishes.reopen", wish)
    wish = case_row_lock(wish)
    wish.case = case_move(
        case=wish.case, verb="reopen", actor=actor, note=_reason_clean(reason), url=wish_url(wish)
    )
    return wish


@transaction.atomic
def wish_settings_set(*, actor: User, community: Area, claim_days: int) -> WishSettings:
    authorize(actor, "wishes.change_settings", community)
    if not isinstance(claim_days, int) or not 1 <= claim_days <= 90:
        raise DomainError(_("认领期限应在1到90天之间。"), field="claim_days")
    row, _created = WishSettings.objects.select_for_update().get_or_create(community=community)
    before = row.claim_days
    row.claim_days = claim_days
    row.save(update_fields=["claim_days"])
    audit_event_record(
        actor=actor,
        verb="wish.settings_changed",
        target=community,
        area=community,
        summary={"claim_days": [before, claim_days]},
    )
    return row


def wish_claims_check(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remind claimers whose period ends within two days; return overdue claims to the wall.

    Run by the worker (gongzhi.wishes.tasks) every hour; safe to run twice.
    """
    now = now or timezone.now()
    reminded = returned = 0
    soon = Wish.objects.filter(
        case__state="claimed",
        claim_due_at__gt=now,
        claim_due_at__lte=now + dt.timedelta(days=2),
        claim_reminded_at__isnull=True,
    ).select_related("case", "claimer")
    for wish in soon:
        with transaction.atomic():
            updated = Wish.objects.filter(pk=wish.pk, claim_reminded_at__isnull=True).update(
                claim_reminded_at=now
            )
            if updated and wish.claimer is not None:
                notice_send(
                    recipient=wish.claimer,
                    kind="case.wish",
                    title=_("您认领的心愿「%(t)s」即将到期") % {"t": wish.case.title},
                    body=_("请在 %(due)s 前完成并登记；如无法完成，请放弃认领，让其他人来帮忙。")
                    % {"due": timezone.localtime(wish.claim_due_at).strftime("%Y-%m-%d %H:%M")},
                    url=wish_url(wish),
                )
                audit_event_record(
                    actor=None,
                    actor_label="系统",
                    verb="wish.claim_reminded",
                    target=wish.case,
                    area=wish.case.community,
                    summary={"claim_due_at": str(wish.claim_due_at)},
                )
                reminded += 1
    for wish in Wish.objects.filter(case__state="claimed", claim_due_at__lte=now).select_related("case"):
        with transaction.atomic():
            locked = case_row_lock(wish)
            if locked.case.state != "claimed" or locked.claim_due_at is None or locked.claim_due_at > now:
                continue
            claimer = locked.claimer
            locked.case = case_move(
                case=locked.case,
                verb="expire",
                actor=None,
                url=wish_url(locked),
                notify=[claimer],
                note=_("认领后超过期限未完成，心愿已回到心愿墙"),
            )
            _unclaim(locked)
            returned += 1
    return {"reminded": reminded, "returned": returned}


def _contact_clean(phone: str | None, place: str | None, shared: bool) -> tuple[str, str]:
    phone = (phone or "").strip()
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="contact_phone") from None
    place = text_clean(place, label=_("见面地点"), field="meeting_place", minimum=0, maximum=100)
    if shared and not (phone or place):
        raise DomainError(_("请填写联系电话或见面地点，再同意让认领人看到。"), field="contact_phone")
    return phone, place


def _contact_write(wish: Wish, phone: str, place: str, shared: bool) -> None:
    wish.contact_shared = bool(shared)
    wish.contact_phone_ciphertext = encrypt(phone, context="wish.contact_phone") if phone else ""
    wish.contact_phone_masked = mask_phone(phone) if phone else ""
    wish.meeting_place = place


def wish_thread_recipients(wish: Wish, *, actor: User) -> list:
    """Who hears of a message: the wisher (or, for an assisted wish, whoever typed it — the grid worker
    routes it to a resident without a phone) and the claimer; staff read the thread in their queue."""
    case = wish.case
    people = [case.author, case.submitted_by if case.assisted else None, wish.claimer]
    return [p for p in people if p is not None and p.pk != getattr(actor, "pk", None)]


@transaction.atomic
def wish_message_post(*, actor: User, wish: Wish, body: str):
    """A message in the wish's private thread, open once the wish is claimed."""
    authorize(actor, "wishes.message", wish)
    wish = case_row_lock(wish)
    if wish.case.state not in THREAD_STATES:
        raise Conflict(_("心愿被认领后，许愿人和认领人才能互相留言。"), code="no_thread_yet")
    return case_message_post(
        case=wish.case,
        actor=actor,
        body=body,
        url=wish_url(wish) + "#thread",
        recipients=wish_thread_recipients(wish, actor=actor),
    )


@transaction.atomic
def wish_contact_set(*, actor: User, wish: Wish, shared: bool, phone: str = "", place: str = "") -> Wish:
    """The wisher (or whoever typed the wish for them, with their consent) lets the claimer see a phone
    number and/or a meeting place, or takes that back. Nothing is shown to anyone else."""
    authorize(actor, "wishes.set_contact", wish)
    phone, place = _contact_clean(phone, place, shared)
    wish = case_row_lock(wish)
    _contact_write(wish, phone, place, shared)
    wish.save(
        update_fields=["contact_shared", "contact_phone_ciphertext", "contact_phone_masked", "meeting_place"]
    )
    audit_event_record(
        actor=actor,
        verb="wish.contact_changed",
        target=wish.case,
        area=wish.case.community,
        summary={"shared": wish.contact_shared, "phone": bool(phone), "place": bool(place)},
    )
    if wish.contact_shared and wish.claimer is not None and wish.claimer.pk != actor.pk:
        notice_send(
            recipient=wish.claimer,
            kind="case.wish",
            url=wish_url(wish),
            title=_("心愿「%(t)s」的许愿人留了联系方式") % {"t": wish.case.title},
        )
    return wish
