"""Forms of 好差评, the follow-ups, the unreasonable marks and the statistics' period (the actions check again)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import UnreasonableKind, UnreasonableReview
from ..workflow import RATINGS

PERIOD_MAX_DAYS = 366 * 5


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("您对这次办事满意吗？"), coerce=int, widget=forms.RadioSelect,
        choices=[(level, label) for level, label in RATINGS.items()],
    )  # fmt: skip
    comment = forms.CharField(
        label=_("意见或建议（可不填）"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FindingForm(forms.Form):
    finding = forms.CharField(label=_("回访情况"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class RemedyForm(forms.Form):
    remedy = forms.CharField(label=_("整改措施"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class MarkForm(forms.Form):
    kind = forms.ChoiceField(label=_("标记类型"), choices=UnreasonableKind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    basis = forms.CharField(label=_("依据（法律法规或政策条款）"), max_length=200)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("复核结论"), choices=UnreasonableReview.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("复核意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


def this_year() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today.replace(month=1, day=1), today


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean() or {}
        default_start, default_end = this_year()
        start, end = data.get("start") or default_start, data.get("end") or default_end
        if start > end:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        if (end - start).days > PERIOD_MAX_DAYS:
            raise forms.ValidationError(_("统计期间不能超过五年。"))
        data["start"], data["end"] = start, end
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for, or this year when the input is missing or wrong (the errors are shown)."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return this_year()
