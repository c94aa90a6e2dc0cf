"""The wish staff queue follows the case engine's routing, as the situation queue and the daily digest do: the
wish type says who acts in which state, and the queue and the digest agree for every role."""

import pytest

from gongzhi.accounts.roles import Role
from gongzhi.cases.digest import queue_counts_for
from gongzhi.wishes import actions
from gongzhi.wishes.roles import WISH_MODERATORS, WISH_STAFF
from gongzhi.wishes.selectors import queue_for
from gongzhi.wishes.workflow import OPEN_STATES, WISH

pytestmark = pytest.mark.django_db
STAFF = ("community_staff", "township_admin", "grid_worker", "window_clerk", "other_staff")


@pytest.fixture
def wishes(users, make_resident):
    """One wish in each open state (and one confirmed, closed), typed at the window for a resident of 1组网格
    without an account (so the wish lies in the grid worker's grid, and an assister confirms it)."""
    clerk, staff, helper = users["window_clerk"], users["community_staff"], users["party_member"]
    resident = make_resident("grid_a1", name="李秀英")

    def post(title):
        return actions.wish_post_assisted(actor=clerk, resident=resident, title=title, story="家里的收音机坏了。",
                                          category="other", consent_channel="in_person")  # fmt: skip

    made = {"submitted": post("想要一台收音机")}
    for state in ("published", "claimed", "fulfilled", "confirmed"):
        wish = actions.wish_publish(actor=staff, wish=post(f"心愿{state}"))
        if state != "published":
            wish = actions.wish_claim(actor=helper, wish=wish)
        if state in ("fulfilled", "confirmed"):
            wish = actions.wish_fulfil(actor=helper, wish=wish, note="已送到", hours=1)
        if state == "confirmed":
            wish = actions.wish_confirm(actor=clerk, wish=wish)
        made[state] = wish
    assert {state: wish.case.state for state, wish in made.items()} == {s: s for s in made}
    return made


def test_the_wish_type_says_who_acts_in_each_state():
    # Only moderators act on a wish waiting for moderation; then staff and assisters follow it.
    assert WISH.roles_in("submitted") == WISH_MODERATORS == {Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN}
    for state in ("published", "claimed", "fulfilled"):
        assert WISH.roles_in(state) == WISH_STAFF
    assert WISH.waiting_roles() == WISH_MODERATORS


def test_the_queue_lists_the_open_wishes_routed_to_each_role(users, wishes):
    def queue(who, state=None):
        return {wish.case.state for wish in queue_for(viewer=users[who], state=state)}

    for who in ("community_staff", "township_admin"):  # moderators: everything open, as before
        assert queue(who) == set(OPEN_STATES)
    # Grid workers and the window follow wishes on the wall; moderation is not theirs.
    for who in ("grid_worker", "window_clerk"):
        assert queue(who) == {"published", "claimed", "fulfilled"}
        assert queue(who, "submitted") == set()
    assert queue("other_staff") == set()  # another community
    assert queue("community_staff", "confirmed") == {"confirmed"}  # the filter still reaches closed wishes
    for who in ("township_reviewer", "party_member", "resident"):
        assert queue(who) == set()


def test_the_queue_and_the_digest_agree_for_every_role(users, wishes):
    for who in STAFF:
        counts = {c.kind: c for c in queue_counts_for(users[who])}
        waiting = queue_for(viewer=users[who]).filter(case__state__in=WISH.waiting_states).count()
        if who in ("grid_worker", "window_clerk"):
            # Routing, not a special case: they act in no waiting state, so the digest has no wish line …
            assert "wish" not in counts
            assert waiting == 0  # … and their queue has nothing waiting for them.
        else:
            assert counts["wish"].waiting == waiting, who
    assert counts["wish"].waiting == 0  # other_staff, the last: nothing in 东街社区
    assert {c.kind: c.waiting for c in queue_counts_for(users["community_staff"])}["wish"] == 1
