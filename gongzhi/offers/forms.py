from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel
from gongzhi.core.forms import text_check_attrs

from .actions import DESCRIPTION_MAX, PLACE_MAX, REASON_MAX, TITLE_MAX

OFFER_TEXTS = ("title", "description")  # public: checked for personal data as typed


class OfferForm(forms.Form):
    """Lenient on purpose: the action checks every value and says what is wrong, in one place."""

    community = forms.TypedChoiceField(label=_("村(社区)"), coerce=int, choices=(), required=False)
    title = forms.CharField(
        label=_("服务名称"),
        max_length=TITLE_MAX * 2,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("例如：为老人义务理发"), **text_check_attrs("public", OFFER_TEXTS)}
        ),
    )
    description = forms.CharField(
        label=_("服务内容"),
        max_length=DESCRIPTION_MAX * 2,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **text_check_attrs("public", OFFER_TEXTS)}),
    )
    place = forms.CharField(label=_("服务地点"), max_length=PLACE_MAX * 2, required=False)
    starts_at = forms.DateTimeField(
        label=_("开始时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    places = forms.CharField(
        label=_("名额"), max_length=6, required=False, widget=forms.NumberInput(attrs={"min": 1, "max": 500})
    )


class AssistedBookingForm(forms.Form):
    consent_channel = forms.ChoiceField(
        label=_("居民同意方式"), choices=[("", _("请选择"))] + list(ConsentChannel.choices), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=REASON_MAX, required=False)
