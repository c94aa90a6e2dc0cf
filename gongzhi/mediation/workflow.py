"""The dispute's case type: its states, its moves and who may make each (drawn in actions.py).

Every move carries a permission of this app's rules (the chair, the assigned
mediators, the parties): no move is routed by role over an area, so the
engine's queues and digests never show a dispute to the community's staff
(`staff_roles` and `waiting_states` are empty on purpose).
"""

from django.utils.translation import gettext_lazy

from gongzhi.cases.workflow import CaseType, Move, case_type_register

DISPUTE_KIND = "dispute"
# 民事诉讼法 第二百零五条: 自调解协议生效之日起三十日内共同向人民法院申请司法确认.
CONFIRMATION_DAYS = 30
# The reminder goes out when this many days are left (and once).
CONFIRMATION_REMIND_DAYS_LEFT = 10
# 回访: by default a month after the agreement.
FOLLOWUP_DAYS = 30

OPEN_STATES = frozenset({"received", "accepted", "mediating"})

DISPUTE = case_type_register(
    CaseType(
        kind=DISPUTE_KIND,
        label=gettext_lazy("人民调解"),
        states={
            "received": gettext_lazy("待受理"),
            "accepted": gettext_lazy("已受理，待指派调解员"),
            "mediating": gettext_lazy("调解中"),
            "agreed": gettext_lazy("已达成协议"),
            "failed": gettext_lazy("调解不成，已引导"),
            "withdrawn": gettext_lazy("已撤回"),
            "declined": gettext_lazy("不予受理"),
        },
        initial="received",
        moves=(
            Move(
                "accept",
                frozenset({"received"}),
                "accepted",
                gettext_lazy("受理"),
                permission="mediation.chair",
            ),
            Move(
                "decline",
                frozenset({"received"}),
                "declined",
                gettext_lazy("不予受理"),
                permission="mediation.chair",
            ),
            Move(
                "assign",
                frozenset({"accepted", "mediating"}),
                "mediating",
                gettext_lazy("指派调解员"),
                permission="mediation.chair",
            ),
            Move(
                "recuse",
                frozenset({"mediating"}),
                "mediating",
                gettext_lazy("回避"),
                permission="mediation.mediate",
            ),
            Move(
                "session",
                frozenset({"mediating"}),
                "mediating",
                gettext_lazy("记录调解"),
                permission="mediation.mediate",
            ),
            Move(
                "agree",
                frozenset({"mediating"}),
                "agreed",
                gettext_lazy("达成协议"),
                permission="mediation.mediate",
            ),
            Move(
                "fail",
                frozenset({"mediating"}),
                "failed",
                gettext_lazy("调解不成"),
                permission="mediation.mediate",
            ),
            Move(
                "withdraw",
                frozenset(OPEN_STATES),
                "withdrawn",
                gettext_lazy("撤回"),
                permission="mediation.withdraw",
            ),
            Move(
                "scan",
                frozenset({"agreed"}),
                "agreed",
                gettext_lazy("上传签字协议书"),
                permission="mediation.mediate",
            ),
            Move(
                "followup",
                frozenset({"agreed"}),
                "agreed",
                gettext_lazy("回访"),
                permission="mediation.follow_up",
            ),
            Move(
                "reopen",
                frozenset({"agreed"}),
                "mediating",
                gettext_lazy("重新调解"),
                permission="mediation.chair",
            ),
        ),
        closed=frozenset({"agreed", "failed", "withdrawn", "declined"}),
        detail_url="mediation:detail",
    )
)
