"""Reads of suggestions and complaints about gongzhi: the filer's own, the township office's inbox, one of them
(404 outside reach), a visitor's by receipt code, the categories (the catalogue's and a township's own), the
townships a person may address, and the counts per township for the oversight page."""

import hmac
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from gongzhi.accounts.scopes import paths_for, role_paths, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.core.masking import mask_name, mask_phone
from gongzhi.residents.selectors import resident_get_own
from gongzhi.workdays.selectors import workdays_between

from .models import Category, Feedback, FeedbackState
from .roles import ANSWERERS


def categories(township: Area | None = None, *, retired: bool = False) -> list[Category]:
    """The catalogue's categories (every township's) and, given a township, its own."""
    reach = Q(township__isnull=True)
    if township is not None:
        reach |= Q(township=township)
    found = Category.objects.filter(reach)
    if not retired:
        found = found.filter(retired=False)
    return list(found.order_by("sort_order", "id"))


def categories_offered(townships: list[Area]) -> tuple[list[Category], list[tuple[Area, list[Category]]]]:
    """What a filer chooses from: the catalogue's, then each of their townships' own (in use)."""
    own = list(
        Category.objects.filter(township__in=townships, retired=False)
        .select_related("township")
        .order_by("township__path", "sort_order", "id")
    )
    groups = [(t, [c for c in own if c.township_id == t.pk]) for t in townships]
    return categories(), [(t, rows) for t, rows in groups if rows]


def own_categories(township: Area) -> list[Category]:
    """The categories the township added itself, retired ones last."""
    return list(Category.objects.filter(township=township).order_by("retired", "sort_order", "id"))


def category_get(category_id: int | None) -> Category | None:
    """One in use (the catalogue's or a township's: the action checks that it fits the township)."""
    return Category.objects.filter(pk=category_id or 0, retired=False).select_related("township").first()


def own_category_get(township: Area, category_id: int | None) -> Category:
    """One the township added (retired ones too, for editing); 404 for anything else."""
    found = Category.objects.filter(township=township, pk=category_id or 0).first()
    if found is None:
        raise NotFound()
    return found


def townships_answered_by(viewer) -> QuerySet[Area]:
    """The townships whose suggestions and complaints the viewer answers (and whose categories they keep)."""
    paths = paths_for(viewer, ANSWERERS)
    if not paths:
        return Area.objects.none()
    return Area.objects.filter(scope_q(paths, "path"), kind=AreaKind.TOWNSHIP).order_by("path")


def township_get_for(*, viewer, township_id: int) -> Area:
    found = townships_answered_by(viewer).filter(pk=township_id).first()
    if found is None:
        raise NotFound()
    return found


def townships_all() -> QuerySet[Area]:
    return Area.objects.filter(kind=AreaKind.TOWNSHIP).order_by("path")


def townships_of(user) -> list[Area]:
    """The townships a signed-in person belongs to: their register entry's, and those their roles are held in
    or over. (A visitor chooses among all.)"""
    if user is None or not user.is_authenticated:
        return []
    paths = [p for _role, p in role_paths(user)]
    own = resident_get_own(viewer=user)
    if own is not None:
        paths.append(own.community.path)
    reach = Q(pk__in=[])
    for path in paths:
        reach |= Q(path__in=[path[:i] for i in range(8, len(path) + 1, 8)]) | Q(path__startswith=path)
    return list(Area.objects.filter(reach, kind=AreaKind.TOWNSHIP).order_by("path"))


def _feedback() -> QuerySet[Feedback]:
    return Feedback.objects.select_related("township", "category", "user", "answered_by")


def mine_for(*, viewer) -> QuerySet[Feedback]:
    if not viewer.is_authenticated:
        return Feedback.objects.none()
    return _feedback().filter(user=viewer)


OVERDUE = "overdue"  # a filter of the inbox: open and past the due date


def inbox_for(*, viewer, state: str = "") -> QuerySet[Feedback]:
    """The township office's: its townships' suggestions and complaints, the open ones first (oldest due first);
    `state` one of FeedbackState or OVERDUE."""
    paths = paths_for(viewer, ANSWERERS)
    if not paths:
        return Feedback.objects.none()
    found = _feedback().filter(scope_q(paths))
    if state == OVERDUE:
        found = found.filter(state=FeedbackState.OPEN, due_at__lt=timezone.now())
    elif state in FeedbackState.values:
        found = found.filter(state=state)
    return found.order_by("state", "due_at", "id")


def feedback_get_for(*, viewer, feedback_id: int) -> Feedback:
    """The filer's own or one of the answerer's townships; anything else is 404, as what does not exist."""
    found = _feedback().filter(pk=feedback_id).first()
    if found is None or not viewer.is_authenticated:
        raise NotFound()
    if found.user_id == viewer.pk:
        return found
    paths = paths_for(viewer, ANSWERERS)
    if paths and Feedback.objects.filter(scope_q(paths), pk=found.pk).exists():
        return found
    raise NotFound()


def receipt_normalise(raw: str) -> str:
    """A receipt code as typed: spaces and dashes dropped, capitals."""
    return "".join(c for c in str(raw or "").upper() if c.isalnum())


def receipt_hash(code: str) -> str:
    """What is stored of a visitor's receipt code (keyed by the deployment's secret: not reversible)."""
    return salted_hmac("gongzhi.feedback.receipt", receipt_normalise(code), algorithm="sha256").hexdigest()


def feedback_by_receipt(*, code: str, phone_last4: str) -> Feedback | None:
    """A visitor's suggestion or complaint by its receipt code and the last four digits of the mobile number
    left with it; None for any pair that does not match (the caller says one thing for all of them)."""
    code, last4 = receipt_normalise(code), str(phone_last4 or "").strip()
    if len(code) < 8 or len(last4) != 4 or not last4.isdigit():
        return None
    found = _feedback().filter(receipt_hash=receipt_hash(code), user__isnull=True).first()
    if found is None or not hmac.compare_digest(found.contact_phone[-4:], last4):
        return None
    return found


def visitor_feedback_get(feedback_id: int | None) -> Feedback | None:
    """A visitor's (not signed in) suggestion or complaint, for its receipt page right after filing."""
    return _feedback().filter(pk=feedback_id or 0, user__isnull=True).first()


def filer_label(feedback: Feedback, *, unmasked: bool = False) -> str:
    """Who filed it: masked (王**, 138****5678) unless `unmasked` (the answerer on the detail page)."""
    if feedback.user is not None:
        name = feedback.user.display_name or feedback.user.username
        return name if unmasked else mask_name(name)
    name, phone = feedback.contact_name, feedback.contact_phone
    if not unmasked:
        name, phone = mask_name(name), mask_phone(phone)
    return f"{name} {phone}".strip()


@dataclass(frozen=True)
class Counts:
    township: Area
    received: int
    answered: int
    open: int
    overdue: int
    mean_workdays: float | None  # to answer, over the answered ones; None when none is answered


def counts_of(township: Area) -> Counts:
    """For the oversight page: what the township received, answered, has overdue, and how long answering took
    (workdays, the mean). Withdrawn ones count as received only."""
    rows = list(
        Feedback.objects.filter(township=township).values_list("state", "due_at", "created_at", "answered_at")
    )
    now = timezone.now()
    answered = [(c, a) for s, _d, c, a in rows if s == FeedbackState.ANSWERED and a is not None]
    days = [
        workdays_between(timezone.localdate(c), timezone.localdate(a)).days for c, a in answered
    ]  # fmt: skip
    return Counts(
        township=township,
        received=len(rows),
        answered=len(answered),
        open=sum(1 for s, _d, _c, _a in rows if s == FeedbackState.OPEN),
        overdue=sum(1 for s, d, _c, _a in rows if s == FeedbackState.OPEN and d < now),
        mean_workdays=round(sum(days) / len(days), 1) if days else None,
    )


def counts_for(*, viewer) -> list[Counts]:
    """The counts of every township the viewer answers for."""
    return [counts_of(t) for t in townships_answered_by(viewer)]
