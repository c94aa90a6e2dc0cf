"""A township's own rules for residents' proposals over the API: read and set by the township office."""

import datetime as dt

from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotPermitted
from gongzhi.core.ids import ApiId

from .. import proposal_thresholds as th
from ..actions.proposals_settings import proposal_setting_change
from ..selectors.proposals_settings import township_configured_get, townships_configured_by

router = Router(tags=["居民提案 proposals"])


class ProposalSettingOut(Schema):
    township_id: int
    township_name: str
    meeting_due_days: int  # a meeting a proposal made due is held within this many days of the threshold
    is_default: bool  # the township has set nothing: gongzhi's default
    changed_at: dt.datetime | None


class ProposalSettingIn(Schema):
    meeting_due_days: int


def _out(township, setting) -> dict:
    return {
        "township_id": township.pk,
        "township_name": township.name,
        "meeting_due_days": setting.meeting_due_days if setting is not None else th.MEETING_DUE_DAYS,
        "is_default": setting is None,
        "changed_at": setting.changed_at if setting is not None else None,
    }


@router.get(
    "/selfgov/proposal-settings",
    response=list[ProposalSettingOut],
    summary=gettext_noop("本镇提案的会议召集期限（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def settings_list(request):
    if not request.auth.has_perm("proposals.configure"):
        raise NotPermitted()
    return [_out(township, setting) for township, setting in townships_configured_by(viewer=request.auth)]


@router.post(
    "/selfgov/proposal-settings/{township_id}",
    response=ProposalSettingOut,
    summary=gettext_noop("设置本镇提案的会议召集期限（天，镇社治办）"),
)
def settings_change(request, township_id: ApiId, payload: ProposalSettingIn):
    if not request.auth.has_perm("proposals.configure"):
        raise NotPermitted()
    township = township_configured_get(viewer=request.auth, township_id=township_id)
    setting = proposal_setting_change(
        actor=request.auth, township=township, meeting_due_days=payload.meeting_due_days
    )
    return _out(township, setting)
