"""A township's own rules for residents' proposals (the township office sets them).

The statute obliges a community to convene the meeting a proposal's co-signers asked for
(村民委员会组织法 第二十一条、第二十六条; 城市居民委员会组织法 第九条) but gives no time limit; the township
says within how many days (`ProposalSetting.meeting_due_days`, default
gongzhi.selfgov.proposal_thresholds.MEETING_DUE_DAYS). A change applies to proposals that reach their threshold
afterwards: a due date already set was told to the author and the staff, and stays.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError

from .. import proposal_thresholds as th
from ..models import ProposalSetting


@transaction.atomic
def proposal_setting_change(*, actor: User, township: Area, meeting_due_days: object) -> ProposalSetting:
    authorize(actor, "proposals.configure", township)
    if township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("提案的会议召集期限由镇(乡、街道)设置。"), field="township")
    low, high = th.MEETING_DUE_DAYS_MIN, th.MEETING_DUE_DAYS_MAX
    if (
        isinstance(meeting_due_days, bool)
        or not isinstance(meeting_due_days, int)
        or not (low <= meeting_due_days <= high)
    ):
        raise DomainError(
            _("召集会议的期限须为 %(low)d 至 %(high)d 天之间的整数。") % {"low": low, "high": high},
            field="meeting_due_days",
        )
    Area.objects.select_for_update().filter(pk=township.pk).first()
    setting = ProposalSetting.objects.select_for_update().filter(township=township).first()
    before = setting.meeting_due_days if setting is not None else th.MEETING_DUE_DAYS
    if before == meeting_due_days:
        raise DomainError(_("设置没有改动。"), field="meeting_due_days")
    if setting is None:
        setting = ProposalSetting.objects.create(
            township=township, meeting_due_days=meeting_due_days, changed_by=actor
        )
    else:
        setting.meeting_due_days, setting.changed_by = meeting_due_days, actor
        setting.save(update_fields=["meeting_due_days", "changed_by", "changed_at"])
    audit_event_record(
        actor=actor,
        verb="proposal.setting_changed",
        target=township,
        area=township,
        summary={"meeting_due_days": meeting_due_days, "before": before},
    )
    return setting
