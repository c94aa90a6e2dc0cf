"""Staff hear of their queues once a day; the periodic runner does the clock-driven jobs."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from gongzhi.cases.digest import digests_send, queue_counts_for
from gongzhi.notices.actions import notice_preferences_set
from gongzhi.notices.models import Notice
from gongzhi.wishes import actions

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def post(users, title="想要一台收音机"):
    return actions.wish_post(
        actor=users["resident"], title=title, story="家里的收音机坏了。", category="elderly"
    )


def test_one_digest_a_day_with_waiting_and_overdue_counts(users):
    post(users)
    wish = post(users, "想要一个书包")
    late = wish.case.due_at + dt.timedelta(hours=1)
    counts = {c.kind: c for c in queue_counts_for(users["community_staff"], now=late)}
    assert (counts["wish"].waiting, counts["wish"].overdue) == (2, 2)
    assert counts["wish"].url == "/wishes/queue/"
    before_eight = dt.datetime.combine(late.astimezone(BEIJING).date(), dt.time(7, 30), BEIJING)
    assert digests_send(now=before_eight) == 0
    morning = before_eight + dt.timedelta(hours=1)
    sent = digests_send(now=morning)
    staff_notice = Notice.objects.get(recipient=users["community_staff"], kind="digest")
    assert "今日待办 2 件" in staff_notice.title
    assert "微心愿" in staff_notice.body
    assert digests_send(now=morning + dt.timedelta(hours=3)) == 0  # once a day
    from gongzhi.audit.models import AuditEvent

    assert (
        AuditEvent.objects.filter(verb="digest.sent", target_id=str(users["community_staff"].pk)).count() == 1
    )
    assert sent >= 1
    # No per-event messages to staff: the only notice the staff member has is the digest.
    assert Notice.objects.filter(recipient=users["community_staff"]).count() == 1
    # Staff of another community see nothing of these wishes and get no digest for them.
    assert not Notice.objects.filter(recipient=users["other_staff"], kind="digest").exists()
    # Grid workers do not moderate wishes: no wish queue in their digest.
    assert "wish" not in {c.kind for c in queue_counts_for(users["grid_worker"])}


def test_the_digest_can_be_turned_off(users):
    post(users)
    notice_preferences_set(actor=users["community_staff"], email_enabled=False, daily_digest=False)
    digests_send(now=dt.datetime(2026, 11, 26, 9, 0, tzinfo=BEIJING))
    assert not Notice.objects.filter(recipient=users["community_staff"], kind="digest").exists()


def test_periodic_runs_every_registered_job_once(users, capsys):
    call_command("periodic", "--once")
    out = capsys.readouterr().out
    assert "wish_claims" in out
    assert "staff_digest" in out
    assert "photo_orphans" in out
