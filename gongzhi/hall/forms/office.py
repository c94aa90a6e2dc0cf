"""The back office's forms (the officer's opinion, the county hand-off's dates) and the window's issue form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..actions.issuing import NAME_MAX, NOTE_MAX
from ..actions.office import OPINION_MAX
from ..models import Delivery


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecideForm(forms.Form):
    """pass_up, approve, reject, return: the officer's opinion (the action requires it to reject or return)."""

    opinion = forms.CharField(label=_("审批意见"), max_length=OPINION_MAX, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class HandOffForm(forms.Form):
    sent_on = forms.DateField(label=_("报送日期"), widget=_date_widget(),
                              error_messages={"required": _("请填写报送日期。"), "invalid": _("请填写正确的日期。")})  # fmt: skip
    opinion = forms.CharField(label=_("乡镇审核意见（可不填）"), max_length=OPINION_MAX, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"sent_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class HandBackForm(forms.Form):
    answered_on = forms.DateField(label=_("县级答复日期"), widget=_date_widget(),
                                  error_messages={"required": _("请填写县级答复日期。"),
                                                  "invalid": _("请填写正确的日期。")})  # fmt: skip
    opinion = forms.CharField(label=_("县级部门意见或文号"), max_length=OPINION_MAX, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"answered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class IssueForm(forms.Form):
    delivery = forms.ChoiceField(label=_("出件方式"), choices=Delivery.choices, widget=forms.RadioSelect,
                                 initial=Delivery.IN_PERSON,
                                 error_messages={"required": _("请选择出件方式。"),
                                                 "invalid_choice": _("请选择出件方式。")})  # fmt: skip
    delivery_note = forms.CharField(
        label=_("出件说明（邮寄请填快递公司和运单号）"), max_length=NOTE_MAX, required=False
    )
    collector_name = forms.CharField(
        label=_("受托人姓名（委托他人领取时填写）"), max_length=NAME_MAX, required=False
    )
    collector_id = forms.CharField(label=_("受托人身份证号（委托他人领取时填写）"), max_length=20, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}))  # fmt: skip


def form_for(verb: str, data=None) -> forms.Form:
    if verb == "hand_off":
        return HandOffForm(data)
    if verb in {"hand_back_approved", "hand_back_rejected"}:
        return HandBackForm(data)
    return DecideForm(data)
