"""Legal rosters, the 法律明白人's way into office, consultations with the village's legal adviser, and the
民主法治示范村 applications.

    roster:        aide_appoint ── in office ── aide_end          (one legal adviser in office per community)
    法律明白人:     savvy_select ─▶ selected ─train─▶ training ─savvy_assess(passed)─▶ passed ─activate─▶ active
                   (training records all along; a failed assessment stays in training; end from any)
    consultation:  slot_publish ─▶ open ─consultation_book─▶ booked ─consultation_record─▶ held / missed
                                     │                        └─consultation_cancel─▶ cancelled (the slot is open again)
                                     └─slot_withdraw (the booking, if any, is cancelled and its resident told)
    application:   application_submit ─▶ submitted ─approve (命名)/reject─▶ approved / rejected
                                            └─return─▶ returned ─application_resubmit─▶ submitted

The community's staff (and the township office) keep the rosters; a 法律明白人 is a resident of the register
chosen from a priority group (gongzhi.legal.standards) and takes up the role only after a passed assessment
(gongzhi.legal.workflow). The adviser — or the staff for them — publishes slots; a resident books one slot of
their own community, one person per slot: the slot row is locked and a partial unique index refuses a second
live booking on both databases. A reminder goes the day before (`consultation_reminders`, a periodic job). The
adviser records that the consultation took place; the question's topic is never in the audit trail and never
public. A community's staff apply for the 民主法治示范村 title with a self-assessment against every criterion
and PDF attachments (core.pdfs); the township office names, rejects with reasons, or returns it for more.

Every action is permission-checked, locks what it reads to change, writes one audit event in its transaction,
and tells the people concerned; every refusal is a Chinese DomainError and changes nothing.
"""

import datetime as dt
import hashlib
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import users_holding_over
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.models import ConsentChannel
from gongzhi.core.authz import authorize
from gongzhi.core.crypto import encrypt
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.masking import mask_name, mask_phone
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_phone
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Resident
from gongzhi.residents.selectors import resident_home_of

from .models import (
    Aide,
    AideKind,
    Application,
    ApplicationState,
    Attachment,
    Consultation,
    ConsultationState,
    LawSavvy,
    SavvyState,
    Setting,
    Slot,
)
from .roles import APPLICANTS, DECIDERS
from .selectors import consultations_to_remind
from .standards import COVERAGE_TARGET_MAX, CRITERION_KEYS, GROUP_LABELS
from .workflow import NOTE_REQUIRED

NAME_MAX, UNIT_MAX, DUTIES_MAX, REASON_MAX, COURSE_MAX, ORGANISER_MAX = 30, 60, 300, 200, 60, 60
PLACE_MAX, TOPIC_MAX, SUMMARY_MAX, NOTE_MAX, CRITERION_NOTE_MAX = 100, 200, 3000, 500, 200
HOURS_MAX = Decimal("40")
SLOT_MINUTES = (15, 30, 45, 60, 90, 120)
SLOT_AHEAD_DAYS = 120
ATTACHMENT_MAX, ATTACHMENTS_MAX = 10 * 1024 * 1024, 5
ATTACHMENT_DIR = "legal"
PHONE_CONTEXT = "legal.aide_phone"
NOTICE_KIND = "legal"


def _tell(recipients, *, actor: User | None, title: str, body: str = "", url: str = "") -> None:
    for user in recipients:
        if user is not None and (actor is None or user.pk != actor.pk):
            notice_send(recipient=user, kind=NOTICE_KIND, title=title, body=body, url=url)


def _community(area: Area | None) -> Area:
    if area is None or area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("请选择一个村(社区)。"), field="community")
    return area


def _lock_area(area: Area) -> None:
    """One writer per community for the checks that count its rows (one adviser in office, one application)."""
    Area.objects.select_for_update().filter(pk=area.pk).first()


def _date(value, *, label: str, field: str) -> dt.date:
    if value is None:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DomainError(_("%(label)s不是有效的日期。") % {"label": label}, field=field)
    return value


# --- The roster of aides ---------------------------------------------------------------------


@transaction.atomic
def aide_appoint(
    *,
    actor: User,
    community: Area,
    kind: str,
    name: str,
    unit: str,
    phone: str = "",
    term_start: dt.date | None,
    term_end: dt.date | None = None,
    duties: str = "",
    user: User | None = None,
) -> Aide:
    """Put a legal adviser, legal assistant or police liaison on the community's roster (one adviser in office)."""
    community = _community(community)
    authorize(actor, "legal.keep", community)
    if kind not in AideKind.values:
        raise DomainError(_("请选择类别：法律顾问、法律助理或警务助理。"), field="kind")
    name = text_clean(name, label=_("姓名"), field="name", minimum=2, maximum=NAME_MAX)
    unit = text_clean(unit, label=_("工作单位"), field="unit", minimum=2, maximum=UNIT_MAX)
    duties = text_clean(duties, label=_("职责"), field="duties", minimum=0, maximum=DUTIES_MAX)
    if phone or kind == AideKind.ADVISER:
        try:
            phone = validate_phone(phone or "")
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field="phone") from None
    term_start = _date(term_start, label=_("任期开始日期"), field="term_start")
    if term_end is not None and _date(term_end, label=_("任期结束日期"), field="term_end") < term_start:
        raise DomainError(_("任期结束日期不能早于开始日期。"), field="term_end")
    if user is not None and (not user.is_active or user.is_superuser):
        raise DomainError(_("这个账号不能关联为法律顾问。"), field="user")
    if user is not None and kind != AideKind.ADVISER:
        raise DomainError(_("只有法律顾问可以关联账号（用于发布咨询时段）。"), field="user")
    _lock_area(community)
    if kind == AideKind.ADVISER:
        current = Aide.objects.filter(
            community=community, kind=AideKind.ADVISER, ended_at__isnull=True
        ).first()
        if current is not None:
            raise DomainError(
                _("%(community)s已有在任的法律顾问（%(name)s），每个村(社区)只设一名。请先办理其离任。")
                % {"community": community.name, "name": current.name_masked},
                field="kind",
                code="adviser_in_office",
            )
    aide = Aide(
        community=community,
        area_path=community.path,
        kind=kind,
        name=name,
        unit=unit,
        term_start=term_start,
        term_end=term_end,
        duties=duties,
        user=user,
        created_by=actor,
    )
    if phone:
        aide.phone_ciphertext = encrypt(phone, context=PHONE_CONTEXT)
        aide.phone_masked = mask_phone(phone)
    try:
        with transaction.atomic():
            aide.save()
    except IntegrityError:
        raise Conflict(
            _("%(community)s刚刚已由他人设置了法律顾问。") % {"community": community.name}
        ) from None
    audit_event_record(
        actor=actor,
        verb="legal.aide_appointed",
        target=aide,
        area=community,
        summary={"kind": kind, "name": mask_name(name), "unit": unit, "account": user is not None},
    )
    return aide


@transaction.atomic
def aide_end(*, actor: User, aide: Aide, reason: str) -> Aide:
    authorize(actor, "legal.keep", aide)
    reason = text_clean(reason, label=_("离任原因"), field="reason", minimum=2, maximum=REASON_MAX)
    aide = Aide.objects.select_for_update().select_related("community").get(pk=aide.pk)
    if aide.ended_at is not None:
        raise DomainError(_("%(name)s已经离任了。") % {"name": aide.name_masked})
    aide.ended_at, aide.end_reason = timezone.now(), reason
    aide.save(update_fields=["ended_at", "end_reason"])
    audit_event_record(
        actor=actor,
        verb="legal.aide_ended",
        target=aide,
        area=aide.community,
        summary={"kind": aide.kind, "name": aide.name_masked, "reason": reason},
    )
    return aide


# --- 法律明白人 ---------------------------------------------------------------------------------


def _lock_savvy(savvy: LawSavvy) -> LawSavvy:
    return (
        LawSavvy.objects.select_for_update(of=("self",))
        .select_related("community", "resident")
        .get(pk=savvy.pk)
    )


@transaction.atomic
def savvy_select(
    *, actor: User, community: Area, resident: Resident, group: str, duties: str = ""
) -> LawSavvy:
    """Choose a resident of the register from a priority group: selected, to be trained and assessed."""
    community = _community(community)
    authorize(actor, "legal.keep", community)
    if resident.community_id != community.pk or resident.status != "active":
        raise DomainError(
            _("只能从本村(社区)户籍登记在册的居民中选定法律明白人。"), field="resident", code="not_a_resident"
        )
    if group not in GROUP_LABELS:
        raise DomainError(_("请选择这位居民所属的重点人群。"), field="group")
    duties = text_clean(duties, label=_("职责"), field="duties", minimum=0, maximum=DUTIES_MAX)
    if LawSavvy.objects.filter(resident=resident).exclude(state=SavvyState.ENDED).exists():
        raise DomainError(
            _("这位居民已经是法律明白人（或正在培养）了。"), field="resident", code="already_chosen"
        )
    try:
        with transaction.atomic():
            savvy = LawSavvy.objects.create(
                community=community,
                area_path=community.path,
                resident=resident,
                group=group,
                duties=duties,
                selected_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("这位居民刚刚已由他人选定为法律明白人。")) from None
    audit_event_record(
        actor=actor,
        verb="legal.savvy_selected",
        target=savvy,
        area=community,
        summary={"group": group, "name": mask_name(resident.name)},
    )
    return savvy


def hours_parse(value) -> Decimal:
    """Training hours as typed: a number from 0.5 to 40, in half hours."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(_("学时请填写数字，例如 2 或 1.5。"), field="hours") from None
    if not hours.is_finite() or not Decimal("0.5") <= hours <= HOURS_MAX or (hours * 2) % 1:
        raise DomainError(_("学时应在0.5到40之间，以半小时计。"), field="hours")
    return hours


@transaction.atomic
def savvy_training_record(
    *, actor: User, savvy: LawSavvy, held_on: dt.date | None, course: str, hours, organiser: str
):
    authorize(actor, "legal.keep", savvy)
    held_on = _date(held_on, label=_("培训日期"), field="held_on")
    if held_on > timezone.localdate():
        raise DomainError(_("培训日期不能晚于今天。"), field="held_on")
    course = text_clean(course, label=_("课程"), field="course", minimum=2, maximum=COURSE_MAX)
    amount = hours_parse(hours)
    organiser = text_clean(
        organiser, label=_("组织单位"), field="organiser", minimum=2, maximum=ORGANISER_MAX
    )
    savvy = _lock_savvy(savvy)
    if savvy.state == SavvyState.ENDED:
        raise DomainError(_("已退出的法律明白人不再记录培训。"))
    training = savvy.trainings.create(
        held_on=held_on, course=course, hours=amount, organiser=organiser, recorded_by=actor
    )
    audit_event_record(
        actor=actor,
        verb="legal.savvy_trained",
        target=savvy,
        area=savvy.community,
        summary={"course": course, "hours": str(amount), "date": held_on.isoformat(), "organiser": organiser},
    )
    return training


@transaction.atomic
def savvy_assess(
    *, actor: User, savvy: LawSavvy, assessed_on: dt.date | None, passed: bool, note: str = ""
) -> LawSavvy:
    """Record the assessment at the end of training: passed moves them on; failed keeps them in training."""
    authorize(actor, "legal.keep", savvy)
    assessed_on = _date(assessed_on, label=_("考核日期"), field="assessed_on")
    if assessed_on > timezone.localdate():
        raise DomainError(_("考核日期不能晚于今天。"), field="assessed_on")
    note = text_clean(note, label=_("考核说明"), field="note", minimum=0 if passed else 2, maximum=REASON_MAX)
    savvy = _lock_savvy(savvy)
    lifecycle_check(savvy, "pass")
    if not savvy.trainings.exists():
        raise DomainError(_("还没有培训记录：请先记录参加的培训，再进行考核。"), code="no_training")
    changes = {"assessed_on": assessed_on, "assessment_passed": passed, "assessment_note": note}
    summary = {"date": assessed_on.isoformat(), "note": note or "-"}
    if passed:
        lifecycle_move(savvy, "pass", actor=actor, audit_verb="legal.savvy_passed", area=savvy.community,
                       changes=changes, summary=summary)  # fmt: skip
    else:
        for name, value in changes.items():
            setattr(savvy, name, value)
        savvy.save(update_fields=list(changes))
        audit_event_record(
            actor=actor, verb="legal.savvy_failed", target=savvy, area=savvy.community, summary=summary
        )
    return savvy


SAVVY_VERBS = {
    "train": "legal.savvy_training",
    "activate": "legal.savvy_activated",
    "end": "legal.savvy_ended",
}


@transaction.atomic
def savvy_move(*, actor: User, savvy: LawSavvy, verb: str) -> LawSavvy:
    """Start the training, take up the role (only after a passed assessment), or leave it."""
    authorize(actor, "legal.keep", savvy)
    if verb not in SAVVY_VERBS:
        raise DomainError(_("请选择要办理的操作。"), field="verb")
    savvy = _lock_savvy(savvy)
    changes: dict = {}
    if verb == "activate":
        changes["activated_at"] = timezone.now()
    elif verb == "end":
        changes["ended_at"] = timezone.now()
    lifecycle_move(savvy, verb, actor=actor, audit_verb=SAVVY_VERBS[verb], area=savvy.community, changes=changes,
                   summary={"group": savvy.group})  # fmt: skip
    return savvy


@transaction.atomic
def savvy_target_set(*, actor: User, township: Area, target) -> Setting:
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("请选择镇(乡、街道)。"), field="township")
    authorize(actor, "legal.set_target", township)
    if isinstance(target, bool):
        raise DomainError(_("目标数请填写整数。"), field="target")
    try:
        number = int(str(target).strip())
    except ValueError:
        raise DomainError(_("目标数请填写整数。"), field="target") from None
    if not 1 <= number <= COVERAGE_TARGET_MAX:
        raise DomainError(_("目标数应在1到%(max)d之间。") % {"max": COVERAGE_TARGET_MAX}, field="target")
    setting = Setting.objects.select_for_update().filter(township=township).first()
    before = setting.savvy_target if setting else None
    if setting is None:
        try:
            with transaction.atomic():
                setting = Setting.objects.create(
                    township=township, area_path=township.path, savvy_target=number, updated_by=actor
                )
        except IntegrityError:
            raise Conflict() from None
    else:
        setting.savvy_target, setting.updated_by = number, actor
        setting.save(update_fields=["savvy_target", "updated_by", "updated_at"])
    audit_event_record(
        actor=actor, verb="legal.target_set", target=setting, area=township,
        summary={"target": number, "before": before if before is not None else "-"},
    )  # fmt: skip
    return setting


# --- Consultation slots and bookings ---------------------------------------------------------


@transaction.atomic
def slot_publish(
    *,
    actor: User,
    community: Area,
    starts_at: dt.datetime | None,
    minutes=30,
    by_phone: bool = False,
    place: str = "",
) -> Slot:
    """The adviser (or the staff for them) offers a time: at a place, or by phone."""
    community = _community(community)
    authorize(actor, "legal.consult", community)
    adviser = Aide.objects.filter(community=community, kind=AideKind.ADVISER, ended_at__isnull=True).first()
    if adviser is None:
        raise DomainError(
            _("%(community)s还没有在任的法律顾问，不能发布咨询时段。") % {"community": community.name}
        )
    if starts_at is None or not isinstance(starts_at, dt.datetime) or timezone.is_naive(starts_at):
        raise DomainError(_("请填写咨询的日期和时间。"), field="starts_at")
    now = timezone.now()
    if starts_at <= now:
        raise DomainError(_("咨询时间应晚于现在。"), field="starts_at")
    if starts_at > now + dt.timedelta(days=SLOT_AHEAD_DAYS):
        raise DomainError(
            _("只能发布%(days)d天以内的咨询时段。") % {"days": SLOT_AHEAD_DAYS}, field="starts_at"
        )
    try:
        minutes = int(str(minutes).strip())
    except ValueError:
        minutes = 0
    if minutes not in SLOT_MINUTES:
        raise DomainError(_("请选择咨询时长。"), field="minutes")
    place = text_clean(place, label=_("地点"), field="place", minimum=0, maximum=PLACE_MAX)
    if not by_phone and len(place) < 2:
        raise DomainError(_("请填写咨询地点，或选择电话咨询。"), field="place")
    _lock_area(community)
    ends_at = starts_at + dt.timedelta(minutes=minutes)
    for other in Slot.objects.filter(
        adviser=adviser, cancelled_at__isnull=True, starts_at__lt=ends_at,
        starts_at__gt=starts_at - dt.timedelta(minutes=max(SLOT_MINUTES)),
    ):  # fmt: skip
        if other.starts_at + dt.timedelta(minutes=other.minutes) > starts_at:
            raise DomainError(
                _("与已发布的 %(time)s 时段重叠。")
                % {"time": timezone.localtime(other.starts_at).strftime("%m-%d %H:%M")},
                field="starts_at",
            )
    slot = Slot.objects.create(
        community=community,
        area_path=community.path,
        adviser=adviser,
        starts_at=starts_at,
        minutes=minutes,
        by_phone=by_phone,
        place=place,
        created_by=actor,
    )
    audit_event_record(
        actor=actor, verb="legal.slot_published", target=slot, area=community,
        summary={"at": timezone.localtime(starts_at).isoformat(timespec="minutes"), "minutes": minutes,
                 "place": place if not by_phone else "电话"},
    )  # fmt: skip
    return slot


def _slot_label(slot: Slot) -> str:
    return timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def slot_withdraw(*, actor: User, slot: Slot) -> Slot:
    authorize(actor, "legal.consult", slot)
    slot = Slot.objects.select_for_update(of=("self",)).select_related("community").get(pk=slot.pk)
    if slot.cancelled_at is not None:
        raise DomainError(_("这个时段已经撤回了。"))
    if slot.starts_at <= timezone.now():
        raise DomainError(_("已经开始的时段不能撤回。"))
    now = timezone.now()
    slot.cancelled_at = now
    slot.save(update_fields=["cancelled_at"])
    booked = list(Consultation.objects.select_for_update().filter(slot=slot, state=ConsultationState.BOOKED))
    for consultation in booked:
        consultation.state, consultation.cancelled_at = ConsultationState.CANCELLED, now
        consultation.save(update_fields=["state", "cancelled_at"])
    audit_event_record(
        actor=actor, verb="legal.slot_withdrawn", target=slot, area=slot.community,
        summary={"at": _slot_label(slot), "bookings": len(booked)},
    )  # fmt: skip
    _tell(
        [c.booker or c.booked_by for c in booked],
        actor=actor,
        title=_("您预约的 %(time)s 法律咨询已取消，请另选时段") % {"time": _slot_label(slot)},
        url=reverse("legal:consult"),
    )
    return slot


def _book(
    *,
    actor: User,
    slot: Slot,
    topic: str,
    community: Area,
    booker: User | None,
    resident: Resident | None,
    consent_channel: str = "",
) -> Consultation:
    """One booking of `slot` for `booker`/`resident` of `community`: the checks, the lock, the row, the audit."""
    # The slot row is locked: two residents booking it at once are served one after the other (PostgreSQL; on
    # SQLite the IMMEDIATE transaction serialises writers) and the second finds it taken.
    slot = Slot.objects.select_for_update(of=("self",)).select_related("adviser", "community").get(pk=slot.pk)
    if slot.community_id != community.pk:
        raise DomainError(
            _("只能预约本村(社区)法律顾问的时段（您在%(home)s）。") % {"home": community.name},
            code="other_community",
        )
    if slot.cancelled_at is not None:
        raise DomainError(_("这个时段已经撤回，请另选时段。"), code="slot_withdrawn")
    if slot.starts_at <= timezone.now():
        raise DomainError(_("这个时段已经过去了，请另选时段。"), code="slot_past")
    taken = Consultation.objects.filter(slot=slot).exclude(state=ConsultationState.CANCELLED).first()
    if taken is not None:
        same_person = (booker is not None and taken.booker_id == booker.pk) or (
            resident is not None and taken.resident_id == resident.pk
        )
        if same_person:
            raise DomainError(_("您已经预约了这个时段。"), code="already_booked")
        raise Conflict(_("这个时段已被他人预约，请另选时段。"), code="slot_taken")
    try:
        with transaction.atomic():
            consultation = Consultation.objects.create(
                community=slot.community, area_path=slot.area_path, slot=slot, booker=booker, resident=resident,
                booked_by=actor, assisted=bool(consent_channel), consent_channel=consent_channel, topic=topic,
            )  # fmt: skip
    except IntegrityError:
        raise Conflict(_("这个时段已被他人预约，请另选时段。"), code="slot_taken") from None
    summary = {"slot": slot.pk, "at": _slot_label(slot)}
    if consent_channel:
        summary["consent"] = consent_channel
    audit_event_record(
        actor=actor,
        verb="legal.consultation_booked_assisted" if consent_channel else "legal.consultation_booked",
        target=consultation,
        area=slot.community,
        summary=summary,
    )
    _tell(
        [slot.adviser.user],
        actor=actor,
        title=_("有居民预约了 %(time)s 的法律咨询") % {"time": _slot_label(slot)},
        url=reverse("legal:consult"),
    )
    return consultation


@transaction.atomic
def consultation_book(*, actor: User, slot: Slot, topic: str) -> Consultation:
    """A resident books one slot of their own community's adviser: one person per slot."""
    authorize(actor, "legal.book")
    topic = text_clean(topic, label=_("咨询事项"), field="topic", minimum=2, maximum=TOPIC_MAX)
    home = resident_home_of(actor)
    return _book(
        actor=actor, slot=slot, topic=topic, community=home.community, booker=actor, resident=home.resident
    )


@transaction.atomic
def consultation_book_assisted(
    *, actor: User, slot: Slot, resident: Resident, topic: str, consent_channel: str
) -> Consultation:
    """A clerk, grid worker or the community's staff books for a resident of the register (an elderly person
    without a phone), with the way the resident consented (当面, 电话, 书面)."""
    authorize(actor, "legal.book_assisted", resident)
    if consent_channel not in ConsentChannel.values:
        raise DomainError(_("请选择居民同意的方式（当面、电话或书面）。"), field="consent_channel")
    if resident.status != "active":
        raise DomainError(_("这位居民不在册，不能代为预约。"), field="resident")
    topic = text_clean(topic, label=_("咨询事项"), field="topic", minimum=2, maximum=TOPIC_MAX)
    return _book(
        actor=actor, slot=slot, topic=topic, community=resident.community, booker=resident.user,
        resident=resident, consent_channel=consent_channel,
    )  # fmt: skip


def _lock_consultation(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("slot", "slot__adviser", "community", "booker")
        .get(pk=consultation.pk)
    )


@transaction.atomic
def consultation_cancel(*, actor: User, consultation: Consultation) -> Consultation:
    """The resident (or the staff for them) cancels before the time: the slot is open again."""
    if actor.pk not in (consultation.booker_id, consultation.booked_by_id):
        authorize(actor, "legal.consult", consultation)
    consultation = _lock_consultation(consultation)
    if consultation.state != ConsultationState.BOOKED:
        raise DomainError(
            _("这次预约现在是“%(state)s”，不能取消。") % {"state": consultation.get_state_display()}
        )
    if consultation.slot.starts_at <= timezone.now():
        raise DomainError(_("咨询时间已到，不能再取消。"))
    consultation.state, consultation.cancelled_at = ConsultationState.CANCELLED, timezone.now()
    consultation.save(update_fields=["state", "cancelled_at"])
    audit_event_record(
        actor=actor, verb="legal.consultation_cancelled", target=consultation, area=consultation.community,
        summary={"slot": consultation.slot_id, "at": _slot_label(consultation.slot)},
    )  # fmt: skip
    recipients = [consultation.slot.adviser.user, consultation.booker or consultation.booked_by]
    _tell(
        recipients, actor=actor, url=reverse("legal:consult"),
        title=_("%(time)s 的法律咨询预约已取消") % {"time": _slot_label(consultation.slot)},
    )  # fmt: skip
    return consultation


@transaction.atomic
def consultation_record(*, actor: User, consultation: Consultation, held: bool) -> Consultation:
    """The adviser (or the staff) records that the consultation took place, or that nobody came."""
    authorize(actor, "legal.consult", consultation)
    consultation = _lock_consultation(consultation)
    if consultation.state != ConsultationState.BOOKED:
        raise DomainError(
            _("这次咨询已经记录过了（%(state)s）。") % {"state": consultation.get_state_display()},
            code="already_recorded",
        )
    if consultation.slot.starts_at > timezone.now():
        raise DomainError(_("咨询时间还没到，不能记录。"), code="not_yet")
    consultation.state = ConsultationState.HELD if held else ConsultationState.MISSED
    consultation.recorded_by, consultation.recorded_at = actor, timezone.now()
    consultation.save(update_fields=["state", "recorded_by", "recorded_at"])
    audit_event_record(
        actor=actor,
        verb="legal.consultation_held" if held else "legal.consultation_missed",
        target=consultation,
        area=consultation.community,
        summary={"slot": consultation.slot_id, "at": _slot_label(consultation.slot)},
    )
    return consultation


def consultation_reminders(*, today: dt.date | None = None) -> int:
    """The day before a booked consultation, remind the resident (once; a periodic job, idempotent)."""
    today = today or timezone.localdate()
    sent = 0
    for consultation in consultations_to_remind(day=today + dt.timedelta(days=1)):
        with transaction.atomic():
            claimed = Consultation.objects.filter(pk=consultation.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue
            slot = consultation.slot
            where = _("电话咨询") if slot.by_phone else slot.place
            time = timezone.localtime(slot.starts_at).strftime("%H:%M")
            if consultation.booker is not None:
                recipient = consultation.booker
                title = _("明天 %(time)s 有您预约的法律咨询（%(where)s）") % {"time": time, "where": where}
            else:  # booked for a resident without an account: the clerk who booked it reminds them
                recipient = consultation.booked_by
                title = _("请提醒%(name)s：明天 %(time)s 有代为预约的法律咨询（%(where)s）") % {
                    "name": mask_name(consultation.resident.name if consultation.resident else ""),
                    "time": time,
                    "where": where,
                }
            notice_send(recipient=recipient, kind=NOTICE_KIND, title=title, url=reverse("legal:consult"))
            audit_event_record(
                actor=None, actor_label="系统", verb="legal.consultation_reminded", target=consultation,
                area=consultation.community, summary={"at": _slot_label(slot)},
            )  # fmt: skip
            sent += 1
    return sent


# --- 民主法治示范村 applications ------------------------------------------------------------------


def assessment_clean(raw: dict | None) -> dict:
    """The self-assessment: for every criterion, met or not (a bool) and a short note (required when met)."""
    raw = raw or {}
    unknown = [key for key in raw if key not in CRITERION_KEYS]
    if unknown:
        raise DomainError(
            _("未知的评价项：%(keys)s") % {"keys": "、".join(map(str, unknown))}, field="assessment"
        )
    clean: dict = {}
    for key in CRITERION_KEYS:
        item = raw.get(key)
        if not isinstance(item, dict) or not isinstance(item.get("met"), bool):
            raise DomainError(_("请对照每一项标准作出自评（达到或未达到）。"), field="assessment")
        note = text_clean(item.get("note", ""), label=_("自评说明"), field="assessment", minimum=0,
                          maximum=CRITERION_NOTE_MAX)  # fmt: skip
        if item["met"] and len(note) < 4:
            raise DomainError(_("达到的标准请简要写明做法或佐证（至少4个字）。"), field="assessment")
        clean[key] = {"met": item["met"], "note": note}
    return clean


def attachments_check(files) -> list[tuple[str, bytes]]:
    """Each attachment is a PDF staff can open safely (core.pdfs, decision 0036); at most five."""
    checked = []
    files = list(files or [])
    if len(files) > ATTACHMENTS_MAX:
        raise DomainError(_("附件最多%(n)d个。") % {"n": ATTACHMENTS_MAX}, field="files")
    for upload in files:
        name = (getattr(upload, "name", "") or _("附件"))[-100:]
        raw = upload.read()
        checked.append((name, pdf_check(raw, name=name, max_bytes=ATTACHMENT_MAX, field="files")))
    return checked


def _store(application: Application, checked: list[tuple[str, bytes]], actor: User) -> None:
    from gongzhi.photos.actions import file_write_atomically

    for name, content in checked:
        relative = PurePosixPath(ATTACHMENT_DIR, f"{uuid.uuid4()}.pdf")
        path = Path(settings.DATA_DIR) / relative
        file_write_atomically(path, content)
        Attachment.objects.create(
            application=application, name=name, path=str(relative), size=len(content),
            sha256=hashlib.sha256(content).hexdigest(), added_by=actor,
        )  # fmt: skip


def _year(value) -> int:
    try:
        year = int(str(value).strip())
    except ValueError:
        raise DomainError(_("年度请填写整数。"), field="year") from None
    today = timezone.localdate()
    if not today.year - 1 <= year <= today.year:
        raise DomainError(_("年度应为今年或去年。"), field="year")
    return year


@transaction.atomic
def application_submit(
    *, actor: User, community: Area, year, assessment: dict, summary: str, files=()
) -> Application:
    """A community's staff apply for the 民主法治示范村(社区) title: self-assessment, summary, PDF attachments."""
    community = _community(community)
    authorize(actor, "legal.apply", community)
    year = _year(year)
    assessment = assessment_clean(assessment)
    summary = text_clean(summary, label=_("创建情况"), field="summary", minimum=20, maximum=SUMMARY_MAX)
    checked = attachments_check(files)
    if not checked:
        raise DomainError(_("请上传佐证材料（PDF）。"), field="files")
    _lock_area(community)
    existing = (
        Application.objects.filter(community=community, year=year)
        .exclude(state=ApplicationState.REJECTED)
        .first()
    )
    if existing is not None:
        raise DomainError(
            _("本村(社区)%(year)d年已经申报过（%(state)s），不能重复申报。")
            % {"year": year, "state": existing.get_state_display()},
            code="already_applied",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                community=community, area_path=community.path, year=year, assessment=assessment,
                summary=summary, applied_by=actor, submitted_at=timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        raise Conflict(_("本村(社区)的申报刚刚已由他人提交。")) from None
    _store(application, checked, actor)
    audit_event_record(
        actor=actor, verb="legal.application_submitted", target=application, area=community,
        summary={"year": year, "met": application.met_count(), "criteria": len(CRITERION_KEYS),
                 "attachments": len(checked)},
    )  # fmt: skip
    _tell(
        users_holding_over(DECIDERS, community.path),
        actor=actor,
        title=_("%(community)s申报民主法治示范村(社区)") % {"community": community.name},
        url=reverse("legal:application", args=[application.pk]),
    )
    return application


@transaction.atomic
def application_resubmit(
    *, actor: User, application: Application, assessment: dict, summary: str, files=()
) -> Application:
    """A returned application, completed and sent again (new attachments are added to the old)."""
    authorize(actor, "legal.apply", application)
    assessment = assessment_clean(assessment)
    summary = text_clean(summary, label=_("创建情况"), field="summary", minimum=20, maximum=SUMMARY_MAX)
    checked = attachments_check(files)
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("community").get(pk=application.pk)
    )
    lifecycle_check(application, "resubmit")
    if application.attachments.count() + len(checked) > ATTACHMENTS_MAX:
        raise DomainError(_("附件最多%(n)d个。") % {"n": ATTACHMENTS_MAX}, field="files")
    lifecycle_move(
        application, "resubmit", actor=actor, audit_verb="legal.application_resubmitted",
        area=application.community,
        changes={"assessment": assessment, "summary": summary, "submitted_at": timezone.now()},
        summary={"year": application.year, "attachments": len(checked)},
    )  # fmt: skip
    _store(application, checked, actor)
    return application


DECISION_VERBS = {
    "approve": "legal.application_approved",
    "reject": "legal.application_rejected",
    "return": "legal.application_returned",
}


@transaction.atomic
def application_decide(*, actor: User, application: Application, verb: str, note: str = "") -> Application:
    """The township office names the community, rejects with reasons, or returns it for more."""
    authorize(actor, "legal.decide", application)
    if verb not in DECISION_VERBS:
        raise DomainError(_("请选择审核结果：命名、不予命名或退回补充。"), field="verb")
    note = text_clean(note, label=_("审核意见"), field="note", minimum=2 if verb in NOTE_REQUIRED else 0,
                      maximum=NOTE_MAX)  # fmt: skip
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("community").get(pk=application.pk)
    )
    lifecycle_move(
        application, verb, actor=actor, audit_verb=DECISION_VERBS[verb], area=application.community,
        changes={"decided_by": actor, "decided_at": timezone.now(), "decision_note": note},
        summary={"year": application.year, "note": note or "-"},
    )  # fmt: skip
    titles = {
        "approve": _("%(community)s被命名为民主法治示范村(社区)"),
        "reject": _("%(community)s的民主法治示范村申报未通过"),
        "return": _("%(community)s的民主法治示范村申报被退回补充材料"),
    }
    _tell(
        users_holding_over(APPLICANTS, application.area_path), actor=actor, body=note,
        title=titles[verb] % {"community": application.community.name},
        url=reverse("legal:application", args=[application.pk]),
    )  # fmt: skip
    return application


def attachment_path(attachment: Attachment) -> Path:
    data = Path(settings.DATA_DIR)
    path = (data / attachment.path).resolve()
    if not path.is_relative_to((data / ATTACHMENT_DIR).resolve()) or not path.is_file():
        raise NotFound()
    return path
