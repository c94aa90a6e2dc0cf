"""The wish's case type: its states, its moves and who may make each (the lifecycle is drawn in actions.py).

Every move names the permission of this app's rules that decides who may
make it (asked with the Wish); `expire` is the claim period's, made by the
periodic job only.

Routing (`state_roles`, else `staff_roles`): while a wish waits for
moderation only its community's moderators act on it (publish or return);
once it is on the wall the community's staff and assisters (grid workers,
the window) follow it — through a claim to the wisher's confirmation, which
an assister gives for a wisher without an account. The staff queue lists the
open states routed to the viewer; the daily digest counts the waiting state
(moderation) routed to them, so assisters, who never moderate, get no wish digest.
"""

from django.utils.translation import gettext_lazy

from gongzhi.cases.workflow import CaseType, Limit, Move, case_type_register

from .roles import WISH_MODERATORS, WISH_STAFF

WISH = case_type_register(
    CaseType(
        kind="wish",
        label=gettext_lazy("微心愿"),
        states={
            "submitted": gettext_lazy("待审核"),
            "returned": gettext_lazy("已退回"),
            "published": gettext_lazy("待认领"),
            "claimed": gettext_lazy("已认领"),
            "fulfilled": gettext_lazy("待确认"),
            "confirmed": gettext_lazy("已实现"),
            "withdrawn": gettext_lazy("已撤回"),
        },
        initial="submitted",
        moves=(
            Move(
                "publish",
                frozenset({"submitted"}),
                "published",
                gettext_lazy("发布上墙"),
                permission="wishes.moderate",
            ),
            Move(
                "return",
                frozenset({"submitted"}),
                "returned",
                gettext_lazy("退回"),
                permission="wishes.moderate",
            ),
            Move(
                "resubmit",
                frozenset({"returned"}),
                "submitted",
                gettext_lazy("修改后重新提交"),
                permission="wishes.resubmit",
            ),
            Move(
                "claim", frozenset({"published"}), "claimed", gettext_lazy("认领"), permission="wishes.claim"
            ),
            Move(
                "release",
                frozenset({"claimed"}),
                "published",
                gettext_lazy("放弃认领"),
                permission="wishes.release",
            ),
            Move(
                "expire",
                frozenset({"claimed"}),
                "published",
                gettext_lazy("认领超期退回心愿墙"),
                manual=False,
            ),
            Move(
                "fulfil",
                frozenset({"claimed"}),
                "fulfilled",
                gettext_lazy("登记完成"),
                permission="wishes.fulfil",
            ),
            Move(
                "dispute",
                frozenset({"fulfilled"}),
                "claimed",
                gettext_lazy("确认未完成"),
                permission="wishes.confirm",
            ),
            Move(
                "confirm",
                frozenset({"fulfilled"}),
                "confirmed",
                gettext_lazy("确认实现"),
                permission="wishes.confirm",
            ),
            Move(
                "withdraw",
                frozenset({"submitted", "returned", "published"}),
                "withdrawn",
                gettext_lazy("撤回"),
                permission="wishes.withdraw",
            ),
            Move(
                "reopen",
                frozenset({"withdrawn"}),
                "submitted",
                gettext_lazy("重新提交"),
                permission="wishes.reopen",
            ),
        ),
        closed=frozenset({"confirmed", "withdrawn"}),
        limits={"submitted": Limit(2, "workdays")},
        staff_roles=WISH_STAFF,
        state_roles={"submitted": WISH_MODERATORS},
        waiting_states=frozenset({"submitted"}),
        queue_url="wishes:queue",
        rate_states=frozenset({"confirmed"}),
        rate_perm="wishes.rate",
        detail_url="wishes:detail",
    )
)

# The states of the staff queue: waiting for moderation, then followed until the wisher confirms.
OPEN_STATES = ("submitted", "published", "claimed", "fulfilled")
# States in which a wish is on the public wall (when its privacy allows).
PUBLIC_STATES = ("published", "claimed", "fulfilled", "confirmed")
# States in which the wisher and the claimer have a message thread.
THREAD_STATES = ("claimed", "fulfilled", "confirmed")
