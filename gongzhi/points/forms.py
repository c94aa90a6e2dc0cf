"""Forms of the points pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.meetings.models import MeetingMethod

from .actions import EVIDENCE_MAX, ITEM_NAME_MAX, REASON_MAX, TITLE_MAX
from .models import FundingKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CatalogueForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=TITLE_MAX)
    allows_deductions = forms.BooleanField(label=_("允许扣分（须经代表会议通过）"), required=False)
    items = forms.CharField(
        label=_(
            "积分项目：每行一项，依次为 项目｜分值｜所需凭证｜来源（staff为工作人员录入，或活动记录来源名）｜须附照片（是/否）"
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=8000,
    )


class ConveneForm(forms.Form):
    held_on = forms.DateField(label=_("会议日期"), widget=DATE)
    starts_at = forms.TimeField(label=_("开始时间"), required=False, widget=TIME)
    place = forms.CharField(label=_("会议地点"), max_length=100)
    method = forms.ChoiceField(
        label=_("表决方式"), choices=MeetingMethod.choices, initial=MeetingMethod.SHOW_OF_HANDS
    )
    urgency_reason = forms.CharField(
        label=_("紧急召开的理由（通知不足法定天数时填写）"), max_length=300, required=False
    )


class EntryForm(forms.Form):
    household = forms.CharField(label=_("户编号"), max_length=40)
    item = forms.TypedChoiceField(label=_("积分项目"), coerce=int, choices=())
    units = forms.DecimalField(
        label=_("数量（如小时数；一般为1）"), initial=1, max_digits=5, decimal_places=1
    )
    occurred_on = forms.DateField(label=_("发生日期"), widget=DATE)
    evidence = forms.CharField(
        label=_("凭证说明"), max_length=EVIDENCE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.ImageField(label=_("凭证照片"), required=False)

    def __init__(self, *args, items: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = items  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    approve = forms.BooleanField(required=False)
    note = forms.CharField(label=_("复核意见"), max_length=200, required=False)


class ImportForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), widget=DATE)
    end = forms.DateField(label=_("结束日期"), widget=DATE)


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("申诉理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    upheld = forms.BooleanField(required=False)
    answer = forms.CharField(label=_("答复"), max_length=REASON_MAX)


class GoodsForm(forms.Form):
    name = forms.CharField(label=_("物品"), max_length=ITEM_NAME_MAX)
    price = forms.IntegerField(label=_("所需积分"), min_value=1)
    quantity = forms.IntegerField(label=_("库存"), min_value=0)


class RestockForm(forms.Form):
    quantity = forms.IntegerField(label=_("补充数量"), min_value=1)


class FundingForm(forms.Form):
    kind = forms.ChoiceField(label=_("资金类别"), choices=FundingKind.choices)
    source = forms.CharField(label=_("来源"), max_length=100)
    amount = forms.DecimalField(label=_("金额（元）"), max_digits=10, decimal_places=2)
    received_on = forms.DateField(label=_("到账日期"), widget=DATE)


class RedeemForm(forms.Form):
    household = forms.CharField(label=_("户编号"), max_length=40)
    goods = forms.TypedChoiceField(label=_("物品"), coerce=int, choices=())
    quantity = forms.IntegerField(label=_("数量"), min_value=1, initial=1)

    def __init__(self, *args, goods: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goods"].choices = goods  # type: ignore[attr-defined]


class SettingsForm(forms.Form):
    appeal_days = forms.IntegerField(label=_("申诉期（天）"), min_value=1, max_value=60)
