"""What the merit board's actions share: limits, the live states, notices, audit rows, locking, the check of
free texts, the consent gate and who sits out of a review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.pii import pii_find, pii_summary
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Resident

from ..models import (
    Nomination,
    NominationState,
    NomineeKind,
)

TITLE_MIN, TITLE_MAX = 4, 40
STORY_MIN, STORY_MAX = 20, 2000
WITNESS_MAX, REASON_MAX, TEXT_MAX = 100, 300, 500
PHOTOS_MAX = 6
CONSENT_FILE_MAX = 5 * 1024 * 1024
CONSENT_DIR = "merit"
PUBLICITY_DAYS_MAX = 30
LIVE_STATES = frozenset(
    {
        NominationState.AWAITING_CONSENT,
        NominationState.IN_REVIEW,
        NominationState.PASSED,
        NominationState.PUBLICISED,
        NominationState.ON_BOARD,
    }
)
DISPLAY_FULL, DISPLAY_SURNAME = "full", "surname"


def _notify(user, title: str, nomination: Nomination) -> None:
    if user is not None and user.is_active:
        notice_send(
            recipient=user, kind="merit", title=title, url=reverse("merit:nomination", args=[nomination.pk])
        )


def _audit(actor: User, verb: str, nomination: Nomination, summary: dict) -> None:
    audit_event_record(
        actor=actor,
        verb=verb,
        target=nomination,
        area=nomination.community,
        summary={"title": nomination.title, "category": nomination.category.name, **summary},
    )


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("community", "category", "consenter", "resident", "household")
        .get(pk=nomination.pk)
    )


def _free_text(value: str, *, label: str, field: str, minimum: int, maximum: int) -> str:
    """A text that others will read: its characters (core.text) and no personal data (core.pii)."""
    text = text_clean(value, label=label, field=field, minimum=minimum, maximum=maximum)
    findings = pii_find(text)
    if findings:
        raise DomainError(
            _("%(label)s中有%(kinds)s。积德榜只讲做了什么，请删去这些个人信息。")
            % {"label": label, "kinds": pii_summary(findings)},
            field=field,
            code="personal_data",
        )
    return text


def _consent_required(nomination: Nomination) -> None:
    if not nomination.consented:
        raise Conflict(
            _("被提名人（家庭为户主）还没有同意，不能评议、公示或上榜。请先征得本人同意。"),
            code="consent_missing",
        )


def _recused_ids(nomination: Nomination) -> set[int]:
    """The register ids of those who sit out: the nominee, or the family's members."""
    if nomination.kind == NomineeKind.FAMILY:
        return set(Resident.objects.filter(household=nomination.household_id).values_list("pk", flat=True))
    return {nomination.resident_id} if nomination.resident_id else set()


def _community(area: Area) -> Area:
    if area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("积德榜属于村(社区)，请选择一个村或社区。"), field="community")
    return area
