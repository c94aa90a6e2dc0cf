from django import forms
from django.utils.translation import gettext_lazy as _

from .. import proposal_thresholds as th


class ProposalSettingForm(forms.Form):
    township = forms.IntegerField(widget=forms.HiddenInput)
    meeting_due_days = forms.IntegerField(
        label=_("联名达到法定人数后，应在多少天内召集会议"),
        min_value=th.MEETING_DUE_DAYS_MIN,
        max_value=th.MEETING_DUE_DAYS_MAX,
    )
