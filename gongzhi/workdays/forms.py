from django import forms
from django.utils.translation import gettext_lazy as _

from .schedule import FIRST_YEAR, LAST_YEAR


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    text = forms.CharField(
        label=_("节假日安排"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_(
            "每行一项，照国务院办公厅通知填写，如“春节 2027-02-06 至 2027-02-13”"
            "或“调休上班 2027-02-14、2027-02-20”。"
        ),
        max_length=5000,
    )
    note = forms.CharField(
        label=_("说明"), max_length=200, required=False, help_text=_("如通知的文号或发布日期。")
    )
