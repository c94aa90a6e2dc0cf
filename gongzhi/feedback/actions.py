"""Suggestions and complaints about gongzhi itself.

    feedback_file ──▶ open ──feedback_answer (the township office)──▶ answered ──feedback_answer_correct──┐
                        └──feedback_withdraw (the filer)──▶ withdrawn                 ▲ (with a reason) ──┘

Anyone signed in files (their township: their register entry's, or one their roles are in); a visitor files with
a name and a mobile number to be answered on. The answer is due within ANSWER_WITHIN (workdays, on the workday
calendar). The township office hears of each new one; a signed-in filer hears of the answer and reads it; a
visitor gets a receipt code (only its hash is kept) to read it with the mobile's last four digits (the kernel's
notices reach accounts only: there is no SMS channel). Categories are the catalogue's and each township's own
(the township office keeps its own; the catalogue is data, seeded by migration). Every action
is permission-checked, writes one audit event in its transaction (the kind, the category, never the text or the
contact), and every refusal is a Chinese DomainError that changes nothing.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import paths_for
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.places import row_lock
from gongzhi.core.text import text_clean
from gongzhi.core.validators import validate_phone
from gongzhi.notices.actions import notice_send
from gongzhi.workdays.calendar import TimeLimit
from gongzhi.workdays.selectors import due_at, workdays_between

from .models import Category, Feedback, FeedbackKind, FeedbackState
from .roles import ANSWERERS
from .selectors import receipt_hash, townships_of

ANSWER_WITHIN = TimeLimit(5, "workdays")
TEXT_MAX, ANSWER_MAX, PAGE_MAX, NAME_MAX, CATEGORY_MAX, REASON_MAX = 2000, 2000, 200, 30, 30, 200
# A visitor's receipt code: 10 characters without 0/O, 1/I/L (about 50 bits), read aloud or typed on a phone.
RECEIPT_ALPHABET, RECEIPT_LENGTH = "23456789ABCDEFGHJKMNPQRSTUVWXYZ", 10
NOTICE_KIND = "feedback"


def _answerers(township: Area) -> list[User]:
    """The township office: the active users holding an answering role in the township or over it."""
    users = User.objects.filter(is_active=True, role_assignments__role__in=ANSWERERS).distinct()
    return [u for u in users if any(township.path.startswith(p) for p in paths_for(u, ANSWERERS))]


def _page(raw: str) -> str:
    """The page of gongzhi it concerns: a path on this site (never another site's address)."""
    text = str(raw or "").strip()
    if not text:
        return ""
    if (
        not text.startswith("/")
        or text.startswith("//")
        or len(text) > PAGE_MAX
        or any(c.isspace() for c in text)
    ):
        raise DomainError(_("涉及的页面应是本平台的页面地址（以 / 开头）。"), field="page")
    return text


@transaction.atomic
def feedback_file(
    *,
    actor: User | None,
    township: Area | None,
    kind: str,
    category: Category | None,
    text: str,
    page: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> Feedback:
    """A suggestion or complaint about gongzhi, to the township office of the filer's township."""
    signed_in = actor is not None and actor.is_authenticated
    if kind not in FeedbackKind.values:
        raise DomainError(_("请选择是建议还是投诉。"), field="kind")
    if category is None or category.retired:
        raise DomainError(_("请选择类别。"), field="category")
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("请选择镇(乡、街道)。"), field="township")
    owner = category.township
    if owner is not None and owner.pk != township.pk:
        raise DomainError(
            _("「%(category)s」是%(owner)s自己的类别，请选择默认类别或%(township)s的类别。")
            % {"category": category.name, "owner": owner.name, "township": township.name},
            field="category",
        )
    if signed_in:
        mine = townships_of(actor)
        if mine and township not in mine:
            raise DomainError(
                _("请向您所在的镇(乡、街道)提出：%(names)s。") % {"names": "、".join(t.name for t in mine)},
                field="township",
            )
    text = text_clean(text, label=_("内容"), field="text", minimum=5, maximum=TEXT_MAX)
    page = _page(page)
    name, phone = "", ""
    if not signed_in:
        name = text_clean(contact_name, label=_("联系人"), field="contact_name", minimum=1, maximum=NAME_MAX)
        try:
            phone = validate_phone(contact_phone)
        except ValidationError as exc:
            raise DomainError(
                _("未登录提交时请留下手机号，以便答复您：%(why)s") % {"why": exc.messages[0]},
                field="contact_phone",
            ) from None
    now = timezone.now()
    code = "" if signed_in else "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(RECEIPT_LENGTH))
    feedback = Feedback.objects.create(
        township=township,
        area_path=township.path,
        kind=kind,
        category=category,
        text=text,
        page=page,
        user=actor if signed_in else None,
        contact_name=name,
        contact_phone=phone,
        due_at=due_at(now, ANSWER_WITHIN).at,
        receipt_hash=receipt_hash(code) if code else "",
    )
    feedback.receipt_code = code  # shown to the visitor once; never stored
    audit_event_record(
        actor=actor if signed_in else None,
        actor_label=None if signed_in else str(_("未登录的访客")),
        verb="feedback.filed",
        target=feedback,
        area=township,
        summary={
            "kind": kind,
            "category": category.name,
            "due": timezone.localtime(feedback.due_at).date().isoformat(),
            "signed_in": signed_in,
        },
    )
    for answerer in _answerers(township):
        notice_send(
            recipient=answerer,
            kind=NOTICE_KIND,
            title=_("收到一条对平台的%(kind)s，请在%(due)s前答复")
            % {
                "kind": feedback.get_kind_display(),
                "due": timezone.localtime(feedback.due_at).date().isoformat(),
            },
            url=reverse("feedback:detail", args=[feedback.pk]),
        )
    return feedback


@transaction.atomic
def feedback_answer(*, actor: User, feedback: Feedback, answer: str) -> Feedback:
    """The township office answers; the filer (signed in) is told and reads the answer; a visitor reads it with
    the receipt code (and may be called back)."""
    if not can(actor, "feedback.answer", feedback):
        raise NotPermitted(_("这条意见建议不在您负责的范围内。"))
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=ANSWER_MAX)
    feedback = row_lock(Feedback, feedback.pk)
    if feedback.state != FeedbackState.OPEN:
        raise DomainError(
            _("这条意见建议%(state)s，不能再答复。") % {"state": feedback.get_state_display()}, code="state"
        )
    now = timezone.now()
    feedback.state, feedback.answer, feedback.answered_by, feedback.answered_at = (
        FeedbackState.ANSWERED,
        answer,
        actor,
        now,
    )
    feedback.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    days = workdays_between(timezone.localdate(feedback.created_at), timezone.localdate(now)).days
    audit_event_record(
        actor=actor,
        verb="feedback.answered",
        target=feedback,
        area=feedback.township,
        summary={"days": days, "late": now > feedback.due_at},
    )
    if feedback.user_id is not None:
        notice_send(
            recipient=feedback.user,
            kind=NOTICE_KIND,
            title=_("您对平台的%(kind)s已有答复") % {"kind": feedback.get_kind_display()},
            body=answer[:200],
            url=reverse("feedback:detail", args=[feedback.pk]),
        )
    return feedback


@transaction.atomic
def feedback_withdraw(*, actor: User, feedback: Feedback) -> Feedback:
    """The filer withdraws one not answered yet."""
    if not can(actor, "feedback.withdraw", feedback):
        raise NotPermitted(_("只有提出人可以撤回。"))
    feedback = row_lock(Feedback, feedback.pk)
    if feedback.state != FeedbackState.OPEN:
        raise DomainError(
            _("这条意见建议%(state)s，不能撤回。") % {"state": feedback.get_state_display()}, code="state"
        )
    feedback.state, feedback.withdrawn_at = FeedbackState.WITHDRAWN, timezone.now()
    feedback.save(update_fields=["state", "withdrawn_at"])
    audit_event_record(
        actor=actor, verb="feedback.withdrawn", target=feedback, area=feedback.township, summary={}
    )
    return feedback


@transaction.atomic
def feedback_answer_correct(*, actor: User, feedback: Feedback, answer: str, reason: str) -> Feedback:
    """The township office corrects an answer it gave (a wrong date, a wrong fact), saying why; the audit keeps
    the reason and the filer (signed in) is told."""
    if not can(actor, "feedback.answer", feedback):
        raise NotPermitted(_("这条意见建议不在您负责的范围内。"))
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=ANSWER_MAX)
    reason = text_clean(reason, label=_("更正原因"), field="reason", minimum=2, maximum=REASON_MAX)
    feedback = row_lock(Feedback, feedback.pk)
    if feedback.state != FeedbackState.ANSWERED:
        raise DomainError(
            _("这条意见建议%(state)s，没有可更正的答复。") % {"state": feedback.get_state_display()},
            code="state",
        )
    if answer == feedback.answer:
        raise DomainError(_("更正后的答复和原答复一样，请修改答复内容。"), field="answer")
    feedback.answer, feedback.corrected_at, feedback.correction_reason = answer, timezone.now(), reason
    feedback.save(update_fields=["answer", "corrected_at", "correction_reason"])
    audit_event_record(
        actor=actor,
        verb="feedback.answer_corrected",
        target=feedback,
        area=feedback.township,
        summary={"reason": reason[:100]},
    )
    if feedback.user_id is not None:
        notice_send(
            recipient=feedback.user,
            kind=NOTICE_KIND,
            title=_("您对平台的%(kind)s的答复已更正") % {"kind": feedback.get_kind_display()},
            body=answer[:200],
            url=reverse("feedback:detail", args=[feedback.pk]),
        )
    return feedback


def _categories_allowed(actor: User, township: Area | None) -> None:
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("意见建议类别按镇(乡、街道)添加，请选择镇(乡、街道)。"), field="township")
    if not can(actor, "feedback.keep_categories", township):
        raise NotPermitted(
            _("%(area)s不在您负责的范围内，不能添加或修改它的意见建议类别。") % {"area": township.name}
        )


def _catalogue_refused(category: Category) -> DomainError:
    return DomainError(
        _("「%(name)s」是默认目录中的类别，各镇共用，不能修改或停用；可以添加本镇自己的类别。")
        % {"name": category.name},
        field="name",
    )


def _own(category: Category, township: Area) -> None:
    if category.township_id is None:
        raise _catalogue_refused(category)
    if category.township_id != township.pk:
        raise NotPermitted(_("这个类别是别的镇(乡、街道)添加的。"))


@transaction.atomic
def category_save(*, actor: User, township: Area, category: Category | None = None, name: str) -> Category:
    """The township office adds a category of its own (offered to its township's filers only, beside the
    catalogue's) or renames one it added; the catalogue's are refused."""
    _categories_allowed(actor, township)
    if category is not None:
        _own(category, township)
    name = text_clean(name, label=_("类别名称"), field="name", minimum=2, maximum=CATEGORY_MAX)
    row_lock(Area, township.pk)
    clash = Category.objects.filter(Q(township__isnull=True) | Q(township=township), name=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise DomainError(_("已有名为「%(name)s」的类别。") % {"name": name}, field="name")
    if category is None:
        last = Category.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
        category = Category.objects.create(
            name=name, sort_order=last + 1, township=township, area_path=township.path, created_by=actor
        )
        verb, summary = "feedback.category_added", {}
    else:
        category = row_lock(Category, category.pk)
        summary = {"was": category.name}
        category.name = name
        category.save(update_fields=["name"])
        verb = "feedback.category_renamed"
    audit_event_record(actor=actor, verb=verb, target=category, area=township, summary=summary)
    return category


@transaction.atomic
def category_retire(*, actor: User, category: Category, retired: bool = True) -> Category:
    """The township office retires a category it added (no longer offered; what was filed under it keeps it),
    or takes it back into use; the catalogue's are refused."""
    township = category.township
    if township is None:
        raise _catalogue_refused(category)
    _categories_allowed(actor, township)
    _own(category, township)
    category = row_lock(Category, category.pk)
    if category.retired == bool(retired):
        raise DomainError(
            _("「%(name)s」已经停用了。") % {"name": category.name}
            if retired
            else _("「%(name)s」没有停用。") % {"name": category.name},
            code="state",
        )
    category.retired = bool(retired)
    category.save(update_fields=["retired"])
    audit_event_record(
        actor=actor,
        verb="feedback.category_retired" if retired else "feedback.category_restored",
        target=category,
        area=township,
        summary={"filed": Feedback.objects.filter(category=category).count()},
    )
    return category
