"""The application's case type and the follow-up's: states, moves, and who acts in each state.

    submitted ─accept_village─▶ village_review ─pass_up─▶ township_review ─approve─▶ approved ─issue─▶ issued
      │  ▲ │                     │        │                  │  │  │                            ▲
      │  │ └─accept─────────────────────────────────────────▶│  │  └─hand_off─▶ external ─hand_back_*─┤
      │  │                       └─approve_village─▶ approved │  └─reject─▶ rejected ─issue──────────┘
      │  supply              (village_direct)                 └─return─▶ submitted
      ├─notify─▶ supplementing
      ├─refuse─▶ refused
      └─forward─▶ township_window ─accept_window─▶ township_review …   (村级受理·转乡级窗口)

Which of the alternative moves out of a state applies follows the matter's
handling mode (`checks` below): a village-direct matter is decided by the
village, a village-to-township one by the township department, with a
village review first where the matter has one, and a county office last
where it names one. The front desk is the window over the applicant's
community — a village's, or the township's for matters forwarded to it;
the back office is the matter's department (`Case.department`).

`supplementing` is the applicant's turn: the clock stops (no due time) and
starts again when they supply and the window checks anew.
"""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy

from gongzhi.areas.models import AreaKind
from gongzhi.cases.workflow import CaseType, Limit, Move, case_type_register

from .models import HandlingMode
from .roles import BACK_OFFICE, FRONT_DESK, HALL_ADMINS, VILLAGE_REVIEWERS

APPLICATION_KIND = "application"
FOLLOWUP_KIND = "followup"
# The window has five workdays to check the materials (行政许可法 第三十二条: 当场或者在五日内一次告知).
CHECK_WORKDAYS = 5
ISSUE_WORKDAYS = 2

# The national 好差评 scale, best first (the case's rating: 5 … 1).
RATINGS = {
    5: gettext_lazy("非常满意"),
    4: gettext_lazy("满意"),
    3: gettext_lazy("基本满意"),
    2: gettext_lazy("不满意"),
    1: gettext_lazy("非常不满意"),
}
# A rating at or below this opens a follow-up (回访整改).
FOLLOWUP_AT_OR_BELOW = 2


def _matter(subject: Any):
    return getattr(subject, "application", subject).matter


def _mode_is(*modes: str):
    def check(user: Any, subject: Any, now: dt.datetime) -> bool:
        return _matter(subject).mode in modes

    return check


def _village_first(user: Any, subject: Any, now: dt.datetime) -> bool:
    matter = _matter(subject)
    return matter.mode == HandlingMode.VILLAGE_DIRECT or (
        matter.mode == HandlingMode.VILLAGE_TO_TOWNSHIP and matter.village_review
    )


def _township_first(user: Any, subject: Any, now: dt.datetime) -> bool:
    matter = _matter(subject)
    return matter.mode == HandlingMode.VILLAGE_TO_TOWNSHIP and not matter.village_review


def _county_last(user: Any, subject: Any, now: dt.datetime) -> bool:
    return bool(_matter(subject).county_office)


def _township_last(user: Any, subject: Any, now: dt.datetime) -> bool:
    return not _matter(subject).county_office


def _not_window(user: Any, subject: Any, now: dt.datetime) -> bool:
    return _matter(subject).mode != HandlingMode.VILLAGE_TO_WINDOW


_window = _mode_is(HandlingMode.VILLAGE_TO_WINDOW)
_to_township = _mode_is(HandlingMode.VILLAGE_TO_TOWNSHIP, HandlingMode.VILLAGE_TO_WINDOW)
_direct = _mode_is(HandlingMode.VILLAGE_DIRECT)

F = frozenset
OPEN_STATES = F(
    {"submitted", "supplementing", "township_window", "village_review", "township_review", "external"}
)

APPLICATION = case_type_register(
    CaseType(
        kind=APPLICATION_KIND,
        label=gettext_lazy("办件"),
        states={
            "submitted": gettext_lazy("待受理"),
            "supplementing": gettext_lazy("待补正"),
            "township_window": gettext_lazy("乡镇窗口待受理"),
            "village_review": gettext_lazy("村级审核中"),
            "township_review": gettext_lazy("乡镇审批中"),
            "external": gettext_lazy("县级部门办理中"),
            "approved": gettext_lazy("已准予，待出件"),
            "rejected": gettext_lazy("不予批准，待出件"),
            "issued": gettext_lazy("已办结"),
            "refused": gettext_lazy("不予受理"),
            "withdrawn": gettext_lazy("已撤回"),
        },
        initial="submitted",
        moves=(
            # 前台受理
            Move(
                "accept_village",
                F({"submitted"}),
                "village_review",
                gettext_lazy("受理"),
                check=_village_first,
            ),
            Move("accept", F({"submitted"}), "township_review", gettext_lazy("受理"), check=_township_first),
            Move("forward", F({"submitted"}), "township_window", gettext_lazy("转乡镇窗口"), check=_window),
            Move("accept_window", F({"township_window"}), "township_review", gettext_lazy("受理")),
            Move("notify", F({"submitted", "township_window"}), "supplementing", gettext_lazy("一次性告知")),
            Move("refuse", F({"submitted", "township_window"}), "refused", gettext_lazy("不予受理")),
            # The applicant (or whoever applied for them) supplies; the window checks again.
            Move(
                "supply",
                F({"supplementing"}),
                "submitted",
                gettext_lazy("补正材料"),
                permission="hall.supply",
                check=_not_window,
            ),
            Move(
                "supply_window",
                F({"supplementing"}),
                "township_window",
                gettext_lazy("补正材料"),
                permission="hall.supply",
                check=_window,
            ),
            # 后台审批
            Move(
                "pass_up",
                F({"village_review"}),
                "township_review",
                gettext_lazy("初审通过，报乡镇"),
                check=_to_township,
            ),
            Move("approve_village", F({"village_review"}), "approved", gettext_lazy("准予"), check=_direct),
            Move("reject_village", F({"village_review"}), "rejected", gettext_lazy("不予批准")),
            Move("approve", F({"township_review"}), "approved", gettext_lazy("准予"), check=_township_last),
            Move("reject", F({"township_review"}), "rejected", gettext_lazy("不予批准")),
            Move(
                "hand_off", F({"township_review"}), "external", gettext_lazy("报县级部门"), check=_county_last
            ),
            Move("hand_back_approved", F({"external"}), "approved", gettext_lazy("县级部门准予")),
            Move("hand_back_rejected", F({"external"}), "rejected", gettext_lazy("县级部门不予批准")),
            Move(
                "return",
                F({"village_review", "township_review"}),
                "submitted",
                gettext_lazy("退回窗口"),
                check=_not_window,
            ),
            Move(
                "return_window",
                F({"township_review"}),
                "township_window",
                gettext_lazy("退回窗口"),
                check=_window,
            ),
            # 统一出件
            Move("issue", F({"approved", "rejected"}), "issued", gettext_lazy("出件")),
            Move("withdraw", OPEN_STATES, "withdrawn", gettext_lazy("撤回申请"), permission="hall.withdraw"),
        ),  # fmt: skip
        closed=F({"issued", "refused", "withdrawn"}),
        limits={
            "submitted": Limit(CHECK_WORKDAYS, "workdays"),
            "township_window": Limit(CHECK_WORKDAYS, "workdays"),
            "approved": Limit(ISSUE_WORKDAYS, "workdays"),
            "rejected": Limit(ISSUE_WORKDAYS, "workdays"),
            # The review states' due time is the matter's promised limit, chained from acceptance
            # (computed by the actions, passed to case_move as `due`).
        },
        staff_roles=FRONT_DESK,
        state_roles={
            "village_review": VILLAGE_REVIEWERS,
            "township_review": BACK_OFFICE,
            "external": BACK_OFFICE,
        },
        state_levels={"township_window": F({AreaKind.TOWNSHIP.value, AreaKind.COUNTY.value})},
        waiting_states=F(
            {
                "submitted",
                "township_window",
                "village_review",
                "township_review",
                "external",
                "approved",
                "rejected",
            }
        ),
        queue_url="hall:queue",
        rate_states=F({"issued", "refused"}),
        rate_perm="hall.rate",
        rating_labels=RATINGS,
        recusal=True,  # nobody handles their own application (a clerk or an officer applying for themself)
        detail_url="hall:detail",
    )
)

FOLLOWUP = case_type_register(
    CaseType(
        kind=FOLLOWUP_KIND,
        label=gettext_lazy("回访整改"),
        states={
            "open": gettext_lazy("待回访"),
            "rectifying": gettext_lazy("整改中"),
            "done": gettext_lazy("已整改"),
        },
        initial="open",
        moves=(
            Move("visit", F({"open"}), "rectifying", gettext_lazy("回访")),
            Move("rectify", F({"rectifying"}), "done", gettext_lazy("整改完成")),
        ),
        closed=F({"done"}),
        limits={"open": Limit(3, "workdays"), "rectifying": Limit(10, "workdays")},
        staff_roles=HALL_ADMINS,
        state_levels={
            "open": F({AreaKind.TOWNSHIP.value, AreaKind.COUNTY.value}),
            "rectifying": F({AreaKind.TOWNSHIP.value, AreaKind.COUNTY.value}),
        },
        waiting_states=F({"open", "rectifying"}),
        queue_url="hall:followups",
        detail_url="hall:followup",
    )
)
