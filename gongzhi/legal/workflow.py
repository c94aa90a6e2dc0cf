"""The lifecycles of a 法律明白人 and of a 民主法治示范村 application, as data (gongzhi.core.lifecycle).

    法律明白人:  selected ──train──▶ training ──pass──▶ passed ──activate──▶ active
                    (any but ended) ──end──▶ ended        (a failed assessment stays in training)

    application: submitted ──approve (命名)──▶ approved
                     │  └──reject (with reasons)──▶ rejected
                     └──return (for more)──▶ returned ──resubmit──▶ submitted

A 法律明白人 takes up the role only after an assessment they passed: `activate` is declared from `passed`
alone and its guard checks the recorded assessment, so no path reaches `active` without one.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register

from .models import ApplicationState, LawSavvy, SavvyState

S = SavvyState
A = ApplicationState

NOT_ASSESSED = Refusal(
    _("还没有通过考核（现在是“%(state)s”）：法律明白人须经培训并考核合格后才能上岗。"), "not_assessed"
)


def _assessment_passed(savvy: LawSavvy) -> bool:
    return savvy.assessment_passed and savvy.assessed_on is not None


LAW_SAVVY = lifecycle_register(
    Lifecycle(
        model="lawaid.LawSavvy",
        states=dict(S.choices),
        initial=S.SELECTED,
        closed=frozenset({S.ENDED}),
        error=DomainError,
        moves=(
            Move(
                "train",
                frozenset({S.SELECTED}),
                S.TRAINING,
                _("开始培训"),
                permission="legal.keep",
                refused=Refusal(_("只有已选定的人员才能开始培训（现在是“%(state)s”）。"), "not_selected"),
            ),
            Move(
                "pass",
                frozenset({S.TRAINING}),
                S.PASSED,
                _("考核合格"),
                permission="legal.keep",
                manual=False,  # recorded with the assessment (savvy_assess), never a bare button
                refused=Refusal(_("只有培训中的人员才能考核（现在是“%(state)s”）。"), "not_training"),
            ),
            Move(
                "activate",
                frozenset({S.PASSED}),
                S.ACTIVE,
                _("上岗"),
                permission="legal.keep",
                guards=(Guard(_assessment_passed, NOT_ASSESSED),),
                refusals={S.ACTIVE: Refusal(_("已经在岗了。"), "already_active")},
                refused=NOT_ASSESSED,
            ),
            Move(
                "end",
                frozenset({S.SELECTED, S.TRAINING, S.PASSED, S.ACTIVE}),
                S.ENDED,
                _("退出"),
                permission="legal.keep",
                refused=Refusal(_("已经退出了。"), "already_ended"),
            ),
        ),
    )
)

ALREADY_DECIDED = Refusal(_("这份申报已经审核过了（%(state)s）。"), "decided")

APPLICATION = lifecycle_register(
    Lifecycle(
        model="lawaid.Application",
        states=dict(A.choices),
        initial=A.SUBMITTED,
        closed=frozenset({A.APPROVED, A.REJECTED}),
        error=DomainError,
        moves=(
            Move(
                "approve",
                frozenset({A.SUBMITTED}),
                A.APPROVED,
                _("命名"),
                permission="legal.decide",
                refused=ALREADY_DECIDED,
            ),  # fmt: skip
            Move(
                "reject",
                frozenset({A.SUBMITTED}),
                A.REJECTED,
                _("不予命名"),
                permission="legal.decide",
                refused=ALREADY_DECIDED,
            ),  # fmt: skip
            Move(
                "return",
                frozenset({A.SUBMITTED}),
                A.RETURNED,
                _("退回补充材料"),
                permission="legal.decide",
                refused=ALREADY_DECIDED,
            ),  # fmt: skip
            Move(
                "resubmit",
                frozenset({A.RETURNED}),
                A.SUBMITTED,
                _("补充后重新报送"),
                permission="legal.apply",
                refused=Refusal(_("只有退回补充的申报才能重新报送（现在是“%(state)s”）。"), "not_returned"),
            ),
        ),
    )
)

NOTE_REQUIRED = frozenset({"reject", "return"})
