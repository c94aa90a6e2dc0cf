"""The situation note's case type: its states, its moves and who may make each (drawn in actions.py).

Accepting, replying and resolving are for the staff the note is routed to
in its state — community staff over its area and the township's 社治办
(`staff_roles`, the same in every state); withdrawing, reopening and rating
are the author's (this app's rules); reopening only within REOPEN_DAYS of
the resolution.
"""

from django.utils.translation import gettext_lazy

from gongzhi.areas.models import AreaKind
from gongzhi.cases.workflow import CaseType, Limit, Move, case_type_register, closed_within

from .roles import SITUATION_HANDLERS

REOPEN_DAYS = 7

SITUATION = case_type_register(
    CaseType(
        kind="situation",
        label=gettext_lazy("微民情"),
        states={
            "submitted": gettext_lazy("待受理"),
            "handling": gettext_lazy("处理中"),
            "resolved": gettext_lazy("已办结"),
            "withdrawn": gettext_lazy("已撤回"),
        },
        initial="submitted",
        moves=(
            Move("accept", frozenset({"submitted"}), "handling", gettext_lazy("受理")),
            Move("reply", frozenset({"handling"}), "handling", gettext_lazy("答复")),
            Move("resolve", frozenset({"handling"}), "resolved", gettext_lazy("办结")),
            Move(
                "withdraw",
                frozenset({"submitted"}),
                "withdrawn",
                gettext_lazy("撤回"),
                permission="situations.withdraw",
            ),
            Move(
                "reopen",
                frozenset({"resolved"}),
                "handling",
                gettext_lazy("重新办理"),
                permission="situations.reopen",
                check=closed_within(REOPEN_DAYS),
            ),
        ),
        closed=frozenset({"resolved", "withdrawn"}),
        limits={"submitted": Limit(1, "workdays"), "handling": Limit(3, "workdays")},
        staff_roles=SITUATION_HANDLERS,
        waiting_states=frozenset({"submitted", "handling"}),
        queue_url="situations:queue",
        rate_states=frozenset({"resolved"}),
        rate_perm="situations.rate",
        detail_url="situations:detail",
    )
)

# Where a grid worker reports a note from: one of their grids or buildings.
REPORT_AREA_KINDS: list[str] = [AreaKind.GRID.value, AreaKind.BUILDING.value]
