from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel
from gongzhi.core.forms import text_check_attrs

from .actions import AUDIENCE_MAX, DESCRIPTION_MAX, PLACE_MAX, REASON_MAX, REPORT_MAX, TITLE_MAX

ACTIVITY_TEXTS = ("title", "description")  # public: checked for personal data as typed


class ActivityForm(forms.Form):
    """Lenient on purpose: the action checks every value and says what is wrong, in one place."""

    community = forms.TypedChoiceField(label=_("村(社区)"), coerce=int, choices=(), required=False)
    organisation = forms.TypedChoiceField(
        label=_("以社会组织名义发布"), coerce=int, choices=(), required=False, empty_value=None
    )
    series = forms.TypedChoiceField(label=_("活动系列"), coerce=int, choices=(), required=False)
    kind = forms.TypedChoiceField(label=_("活动类型"), coerce=int, choices=(), required=False)
    title = forms.CharField(
        label=_("活动名称"),
        max_length=TITLE_MAX * 2,
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("例如：道德讲堂·孝老爱亲故事会"),
                **text_check_attrs("public", ACTIVITY_TEXTS),
            }
        ),
    )
    description = forms.CharField(
        label=_("活动内容"),
        max_length=DESCRIPTION_MAX * 2,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **text_check_attrs("public", ACTIVITY_TEXTS)}),
    )
    place = forms.CharField(label=_("活动地点"), max_length=PLACE_MAX * 2, required=False)
    audience = forms.CharField(
        label=_("面向（可不填）"),
        max_length=AUDIENCE_MAX * 2,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("例如：全体村民、青少年、老年人")}),
    )
    starts_at = forms.DateTimeField(
        label=_("开始时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    places = forms.CharField(
        label=_("名额（不限请留空）"),
        max_length=6,
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": 2000}),
    )
    volunteer = forms.BooleanField(label=_("志愿服务活动：参加者计服务时长"), required=False)


class AssistedSignUpForm(forms.Form):
    consent_channel = forms.ChoiceField(
        label=_("居民同意方式"), choices=[("", _("请选择"))] + list(ConsentChannel.choices), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=REASON_MAX, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); the view cleans each as an image."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("活动报道"),
        max_length=REPORT_MAX * 2,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **text_check_attrs("public", ("report",))}),
    )
    photos = MultipleFileField(
        label=_("活动照片（拍活动场景，不用拍参加者作为证明；照片的位置等信息会被去除）"), required=False
    )
