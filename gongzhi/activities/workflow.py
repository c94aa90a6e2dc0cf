"""The lifecycles of an activity and of a sign-up, as data (gongzhi.core.lifecycle).

    activity: open ──cancel──▶ cancelled                  (the organiser, before the start)
    sign-up:  signed ──withdraw──▶ withdrawn              (the signer, or an assister; before the start)
                 ├──cancel_with_activity──▶ cancelled     (the system, when its activity is cancelled)
                 └──attend──▶ attended                    (the organiser, once the activity has started)

Cancelling an activity cancels its sign-ups with it, each by its own move
(not manual) and its own audit row (gongzhi.activities.actions.activity_cancel).
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register
from gongzhi.core.places import PlacesFlow

from .models import ACTIVE_SIGNUP_STATES, Activity, ActivityState, SignUp, SignUpState

# The activity's places (gongzhi.core.places): signing up, withdrawing, cancelling the activity with its sign-ups.
PLACES = PlacesFlow(
    parent=Activity,
    taking=SignUp,
    parent_field="activity",
    by_field="signed_by",
    active_states=ACTIVE_SIGNUP_STATES,
    open_state=SignUpState.SIGNED,
    parent_related=("community", "series", "kind"),
    url_name="activities:detail",
    notice_kind="activity",
    taken_verb="signup.created",
    give_back_move="withdraw",
    give_back_verb="signup.withdrawn",
    cancel_verb="activity.cancelled",
    cancelled_count_key="signups_cancelled",
    with_parent_move="cancel_with_activity",
    with_parent_verb="signup.cancelled_with_activity",
)
_not_started, _started = PLACES.not_started, PLACES.started


def _activity_open(signup: SignUp) -> bool:
    return signup.activity.state == ActivityState.OPEN


def _activity_cancelled(signup: SignUp) -> bool:
    return not _activity_open(signup)


ACTIVITY = lifecycle_register(
    Lifecycle(
        model="activities.Activity",
        states=dict(ActivityState.choices),
        initial=ActivityState.OPEN,
        closed=frozenset({ActivityState.CANCELLED}),
        closed_at_field="closed_at",
        touch=("updated_at",),
        moves=(
            Move(
                "cancel",
                frozenset({ActivityState.OPEN}),
                ActivityState.CANCELLED,
                _("取消活动"),
                permission="activities.organise",
                guards=(Guard(_not_started, Refusal(_("活动已经开始，不能再取消。"), "activity_started")),),
                refusals={ActivityState.CANCELLED: Refusal(_("这项活动已经取消了。"), "activity_cancelled")},
            ),
        ),
    )
)

SIGNUP = lifecycle_register(
    Lifecycle(
        model="activities.SignUp",
        states=dict(SignUpState.choices),
        initial=SignUpState.SIGNED,
        closed=frozenset({SignUpState.WITHDRAWN, SignUpState.CANCELLED, SignUpState.ATTENDED}),
        closed_at_field="closed_at",
        moves=(
            Move(
                "withdraw",
                frozenset({SignUpState.SIGNED}),
                SignUpState.WITHDRAWN,
                _("退出报名"),
                permission="activities.withdraw",
                guards=(
                    Guard(
                        _not_started,
                        Refusal(
                            _("活动已经开始，不能再退出报名；如不能参加，请告知组织方。"), "activity_started"
                        ),
                    ),
                ),
                refusals={
                    SignUpState.WITHDRAWN: Refusal(_("这个报名已经退出了。"), "already_withdrawn"),
                    SignUpState.CANCELLED: Refusal(_("活动已取消，报名随之取消了。"), "activity_cancelled"),
                    SignUpState.ATTENDED: Refusal(_("已记为参加，不能退出报名。"), "attended"),
                },
            ),
            Move(
                "cancel_with_activity",
                frozenset({SignUpState.SIGNED}),
                SignUpState.CANCELLED,
                _("随活动取消"),
                manual=False,
                guards=(
                    Guard(
                        _activity_cancelled,
                        Refusal(_("活动没有取消，报名不能随之取消。"), "activity_not_cancelled"),
                    ),
                ),
            ),
            Move(
                "attend",
                frozenset({SignUpState.SIGNED}),
                SignUpState.ATTENDED,
                _("记为参加"),
                permission="activities.organise",
                guards=(
                    Guard(_activity_open, Refusal(_("这项活动已取消，不能记录参加。"), "activity_cancelled")),
                    Guard(_started, Refusal(_("活动开始后才能记录参加。"), "not_started")),
                ),
                guards_first=True,
                refusals={
                    SignUpState.ATTENDED: Refusal(_("这个报名已经记为参加了。"), "attended"),
                    SignUpState.WITHDRAWN: Refusal(_("这个报名已经退出，不能记为参加。"), "withdrawn"),
                    SignUpState.CANCELLED: Refusal(_("这个报名已随活动取消，不能记为参加。"), "cancelled"),
                },
            ),
        ),
    )
)
