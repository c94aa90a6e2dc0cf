"""Satisfaction is not absolute: the township marks a request unreasonable or outside its powers (不合理诉求
/ 超出职权范围), the supervisory committee reviews the mark.

    (no mark) ──mark (township admin: reason + legal basis)──▶ marked ──review (监委会)──▶ upheld
                      ▲                                                        └────────▶ overturned ─┐
                      └──────────────── mark again (with a new reason and basis) ─────────────────────┘

Marking needs both the reason and the legal basis; the applicant is told
why, in a notice. The supervisory committee over the application's
community upholds or overturns the mark with a note (once per mark); the
applicant is told the outcome. A marked request (upheld or not yet
reviewed) is shown apart in the statistics instead of counting as a failure.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.cases.actions import case_row_lock
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean

from ..models import Application, UnreasonableKind, UnreasonableReview
from .applying import applicant_tell

REASON_MAX, BASIS_MAX, NOTE_MAX = 500, 200, 500


def _fresh(application: Application) -> Application:
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


@transaction.atomic
def application_mark_unreasonable(
    *, actor: User, application: Application, kind: str, reason: str, basis: str
) -> Application:
    """The township marks a request unreasonable or outside its powers, with the reason and the legal basis."""
    authorize(actor, "hall.mark_unreasonable", application)
    if kind not in UnreasonableKind.values:
        raise DomainError(_("请选择标记类型：诉求不合理，或超出职权范围。"), field="kind")
    reason = text_clean(reason, label=_("理由"), field="reason", minimum=4, maximum=REASON_MAX)
    basis = text_clean(
        basis, label=_("依据（法律法规或政策条款）"), field="basis", minimum=4, maximum=BASIS_MAX
    )
    application = case_row_lock(application)
    if application.case.state == "withdrawn":
        raise Conflict(_("申请已撤回，无需标记。"), code="withdrawn")
    if application.unreasonable_at and application.unreasonable_review != UnreasonableReview.OVERTURNED:
        raise Conflict(_("这件办件已标记过，监委会复核撤销后才能重新标记。"), code="already_marked")
    application.unreasonable_kind, application.unreasonable_reason = kind, reason
    application.unreasonable_basis, application.unreasonable_by = basis, actor
    application.unreasonable_at = timezone.now()
    application.unreasonable_review, application.unreasonable_review_note = "", ""
    application.unreasonable_reviewed_by, application.unreasonable_reviewed_at = None, None
    application.save(
        update_fields=[
            "unreasonable_kind", "unreasonable_reason", "unreasonable_basis", "unreasonable_by",
            "unreasonable_at", "unreasonable_review", "unreasonable_review_note", "unreasonable_reviewed_by",
            "unreasonable_reviewed_at",
        ]
    )  # fmt: skip
    label = UnreasonableKind(kind).label
    audit_event_record(
        actor=actor,
        verb="hall.marked_unreasonable",
        target=application.case,
        area=application.case.community,
        summary={"kind": str(label), "reason": reason, "basis": basis},
    )
    applicant_tell(
        application,
        actor=actor,
        title=_("您的申请「%(matter)s」被标记为%(label)s")
        % {"matter": application.matter.name, "label": label},
        body=_("理由：%(reason)s\n依据：%(basis)s\n如有异议，村(社区)监委会将复核。")
        % {"reason": reason, "basis": basis},
    )
    return _fresh(application)


@transaction.atomic
def application_review_unreasonable(
    *, actor: User, application: Application, decision: str, note: str
) -> Application:
    """The supervisory committee upholds or overturns the township's mark, with a note; once per mark."""
    authorize(actor, "hall.review_unreasonable", application)
    if decision not in UnreasonableReview.values:
        raise DomainError(_("请选择复核结论：维持或撤销标记。"), field="decision")
    note = text_clean(note, label=_("复核意见"), field="note", minimum=4, maximum=NOTE_MAX)
    application = case_row_lock(application)
    if not application.unreasonable_at:
        raise Conflict(_("这件办件没有被标记为不合理诉求，无需复核。"), code="not_marked")
    if application.unreasonable_review:
        raise Conflict(
            _("监委会已复核（%(review)s），不能重复复核。")
            % {"review": application.get_unreasonable_review_display()},
            code="already_reviewed",
        )
    application.unreasonable_review, application.unreasonable_review_note = decision, note
    application.unreasonable_reviewed_by, application.unreasonable_reviewed_at = actor, timezone.now()
    application.save(
        update_fields=[
            "unreasonable_review", "unreasonable_review_note", "unreasonable_reviewed_by", "unreasonable_reviewed_at"
        ]
    )  # fmt: skip
    label = UnreasonableReview(decision).label
    audit_event_record(
        actor=actor,
        verb="hall.unreasonable_reviewed",
        target=application.case,
        area=application.case.community,
        summary={"decision": str(label), "note": note},
    )
    applicant_tell(
        application,
        actor=actor,
        title=_("监委会复核了您的申请「%(matter)s」：%(label)s")
        % {"matter": application.matter.name, "label": label},
        body=_("复核意见：%(note)s") % {"note": note},
    )
    return _fresh(application)
