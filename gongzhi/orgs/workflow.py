"""The lifecycle of a social organisation in the registry, as data (gongzhi.core.lifecycle).

    pending ──approve──▶ registered ──suspend──▶ suspended ──resume──▶ registered
       └──reject──▶ ended       registered, suspended ──end──▶ ended

Each move but approve and resume carries its reason (`state_reason`). Only a registered organisation takes
part (协同参与) in a community's self-governance; its keepers move it, its representatives never do.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.lifecycle import Lifecycle, Move, Refusal, lifecycle_register

from .models import OrgState

S = OrgState

ORGANISATION = lifecycle_register(
    Lifecycle(
        model="orgs.Organisation",
        states=dict(S.choices),
        initial=S.PENDING,
        closed=frozenset({S.ENDED}),
        moves=(
            Move(
                "approve",
                frozenset({S.PENDING}),
                S.REGISTERED,
                _("审核通过，予以登记"),
                permission="orgs.keep",
                refused=Refusal(_("只有待审核的社会组织才能审核登记。"), "not_pending"),
            ),
            Move(
                "reject",
                frozenset({S.PENDING}),
                S.ENDED,
                _("不予登记"),
                permission="orgs.keep",
                refused=Refusal(_("只有待审核的社会组织才能不予登记。"), "not_pending"),
            ),
            Move(
                "suspend",
                frozenset({S.REGISTERED}),
                S.SUSPENDED,
                _("暂停活动"),
                permission="orgs.keep",
                refused=Refusal(_("只有已登记的社会组织才能暂停活动。"), "not_registered"),
            ),
            Move(
                "resume",
                frozenset({S.SUSPENDED}),
                S.REGISTERED,
                _("恢复活动"),
                permission="orgs.keep",
                refused=Refusal(_("只有暂停活动的社会组织才能恢复。"), "not_suspended"),
            ),
            Move(
                "end",
                frozenset({S.REGISTERED, S.SUSPENDED}),
                S.ENDED,
                _("终止(注销)"),
                permission="orgs.keep",
                refused=Refusal(_("当前状态为“%(state)s”，不能终止。"), "cannot_end"),
            ),
        ),
    )
)

REASON_REQUIRED = frozenset({"reject", "suspend", "end"})
