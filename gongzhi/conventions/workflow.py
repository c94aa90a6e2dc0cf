"""The lifecycles of a convention revision and of a demonstration application, as data (gongzhi.core.lifecycle).

    revision:  drafting ──submit──▶ under_review ──approve──▶ approved ──adopt──▶ adopted ──file──▶ filed
                  ▲                   │                                                      └─acknowledge (once)
                  └──── returned ◀────┘ return        (a returned revision is edited and submitted again)
    demonstration application:  submitted ──approve──▶ approved
                                    └──reject──▶ rejected

Every move of a revision writes a `RevisionEvent` (its history on the page)
and an audit row; the application's moves write the audit row.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register

from .models import EDITABLE_STATES, DemonstrationState, Revision, RevisionEvent, RevisionState

EDITABLE = frozenset(EDITABLE_STATES)


def revision_event_write(
    revision: Revision, *, actor, verb: str, from_state: str, to_state: str, note: str = ""
):
    return RevisionEvent.objects.create(
        revision=revision, actor=actor, verb=verb, from_state=from_state, to_state=to_state, note=note[:1000]
    )


def _not_acknowledged(revision: Revision) -> bool:
    return revision.acknowledged_at is None


NOT_UNDER_REVIEW = Refusal(_("这份修订稿现在是“%(state)s”，不在审查中。"), "not_under_review")

REVISION = lifecycle_register(
    Lifecycle(
        model="conventions.Revision",
        states=dict(RevisionState.choices),
        initial=RevisionState.DRAFTING,
        closed=frozenset({RevisionState.FILED}),
        touch=("updated_at",),
        event=revision_event_write,
        error=DomainError,
        moves=(
            Move(
                "submit",
                EDITABLE,
                RevisionState.UNDER_REVIEW,
                _("报送合法性审查"),
                permission="conventions.draft",
                refused=Refusal(_("“%(state)s”的修订稿不能再报送审查。"), "not_editable"),
            ),
            Move(
                "approve",
                frozenset({RevisionState.UNDER_REVIEW}),
                RevisionState.APPROVED,
                _("合法性审查通过"),
                permission="conventions.review",
                refused=NOT_UNDER_REVIEW,
            ),
            Move(
                "return",
                frozenset({RevisionState.UNDER_REVIEW}),
                RevisionState.RETURNED,
                _("退回修改"),
                permission="conventions.review",
                refused=NOT_UNDER_REVIEW,
            ),
            Move(
                "adopt",
                frozenset({RevisionState.APPROVED}),
                RevisionState.ADOPTED,
                _("会议表决通过"),
                permission="conventions.adopt",
                refused=Refusal(
                    _("只有通过合法性审查的修订稿才能提交会议表决（现在是“%(state)s”）。"), "not_approved"
                ),
            ),
            Move(
                "file",
                frozenset({RevisionState.ADOPTED}),
                RevisionState.FILED,
                _("报镇备案并公布"),
                permission="conventions.file",
                refused=Refusal(
                    _("只有经会议表决通过的修订稿才能报镇备案（现在是“%(state)s”）。"), "not_adopted"
                ),
            ),
            # Not a change of state: the township's receipt of a filing, once.
            Move(
                "acknowledge",
                frozenset({RevisionState.FILED}),
                RevisionState.FILED,
                _("镇里确认收到备案"),
                permission="conventions.acknowledge",
                guards=(
                    Guard(_not_acknowledged, Refusal(_("这份备案已经确认收到了。"), "already_acknowledged")),
                ),
                refused=Refusal(_("只有已报镇备案的修订稿才能确认收到（现在是“%(state)s”）。"), "not_filed"),
            ),
        ),
    )
)

ALREADY_DECIDED = Refusal(_("这份申报已经审核过了（%(state)s）。"), "decided")

DEMONSTRATION = lifecycle_register(
    Lifecycle(
        model="conventions.DemonstrationApplication",
        states=dict(DemonstrationState.choices),
        initial=DemonstrationState.SUBMITTED,
        closed=frozenset({DemonstrationState.APPROVED, DemonstrationState.REJECTED}),
        error=DomainError,
        moves=(
            Move(
                "approve",
                frozenset({DemonstrationState.SUBMITTED}),
                DemonstrationState.APPROVED,
                _("命名"),
                permission="conventions.decide_demonstration",
                refused=ALREADY_DECIDED,
            ),
            Move(
                "reject",
                frozenset({DemonstrationState.SUBMITTED}),
                DemonstrationState.REJECTED,
                _("不予通过"),
                permission="conventions.decide_demonstration",
                refused=ALREADY_DECIDED,
            ),
        ),
    )
)
