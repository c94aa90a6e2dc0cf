"""The lifecycle of a resident's proposal, as data (gongzhi.core.lifecycle).

    draft ──open──▶ gathering ──submit──▶ submitted ──accept──▶ accepted ──close──▶ closed
                        └───reach (system)──▶ │     └──answer──▶ answered ──close──▶ closed
    draft, gathering, submitted ──withdraw──▶ withdrawn

`reach` is made by the signature that brings the count to the statutory
threshold (gongzhi.selfgov.proposal_thresholds); nobody is offered it.
The author opens, submits and withdraws (before an answer); the community's
staff record the party organisation's answer: accepted into 四议两公开, or
answered with reasons; then close it once done.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.lifecycle import Lifecycle, Move, Refusal, lifecycle_register

from ..models import Proposal, ProposalEvent, ProposalState

S = ProposalState


def _event(
    proposal: Proposal, *, actor, verb: str, from_state: str, to_state: str, note: str = ""
) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal, actor=actor, verb=verb, from_state=from_state, to_state=to_state, note=note[:500]
    )


_ANSWERED: dict[str, Refusal] = {
    S.ACCEPTED: Refusal(_("党组织已经答复了这项提案。"), "already_answered"),
    S.ANSWERED: Refusal(_("党组织已经答复了这项提案。"), "already_answered"),
    S.CLOSED: Refusal(_("这项提案已经办结。"), "closed"),
    S.WITHDRAWN: Refusal(_("这项提案已经撤回。"), "withdrawn"),
}

PROPOSAL = lifecycle_register(
    Lifecycle(
        model="selfgov.Proposal",
        states=dict(S.choices),
        initial=S.DRAFT,
        closed=frozenset({S.CLOSED, S.WITHDRAWN}),
        closed_at_field="closed_at",
        event=_event,
        moves=(
            Move(
                "open",
                frozenset({S.DRAFT}),
                S.GATHERING,
                _("公开征集联名"),
                permission="proposals.author",
                refused=Refusal(_("这项提案已经公开了。"), "already_open"),
            ),
            Move(
                "submit",
                frozenset({S.GATHERING}),
                S.SUBMITTED,
                _("提交党组织"),
                permission="proposals.author",
                refusals={S.DRAFT: Refusal(_("请先公开征集联名，再提交。"), "draft"), **_ANSWERED},
                refused=Refusal(_("这项提案已经提交了。"), "already_submitted"),
            ),
            Move("reach", frozenset({S.GATHERING}), S.SUBMITTED, _("联名达到法定人数"), manual=False),
            Move(
                "withdraw",
                frozenset({S.DRAFT, S.GATHERING, S.SUBMITTED}),
                S.WITHDRAWN,
                _("撤回提案"),
                permission="proposals.author",
                refusals=_ANSWERED,
            ),
            Move(
                "accept",
                frozenset({S.SUBMITTED}),
                S.ACCEPTED,
                _("纳入“四议两公开”"),
                permission="proposals.answer",
                refusals={
                    S.DRAFT: Refusal(_("提案还没有提交，不能答复。"), "not_submitted"),
                    S.GATHERING: Refusal(_("提案还没有提交，不能答复。"), "not_submitted"),
                    **_ANSWERED,
                },
            ),
            Move(
                "answer",
                frozenset({S.SUBMITTED}),
                S.ANSWERED,
                _("答复并说明理由"),
                permission="proposals.answer",
                refusals={
                    S.DRAFT: Refusal(_("提案还没有提交，不能答复。"), "not_submitted"),
                    S.GATHERING: Refusal(_("提案还没有提交，不能答复。"), "not_submitted"),
                    **_ANSWERED,
                },
            ),
            Move(
                "close",
                frozenset({S.ACCEPTED, S.ANSWERED}),
                S.CLOSED,
                _("办结"),
                permission="proposals.answer",
                refused=Refusal(_("党组织答复后才能办结。"), "not_answered"),
            ),
        ),
    )
)
