import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel, PrivacyTier

from .actions import NOTE_MAX, STORY_MAX, TITLE_MAX
from .models import WishCategory


def new_submission_key() -> str:
    return uuid.uuid4().hex


class WishForm(forms.Form):
    title = forms.CharField(label=_("心愿标题"), max_length=TITLE_MAX, required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("例如：想要一台收音机")}))  # fmt: skip
    story = forms.CharField(label=_("心愿内容"), max_length=STORY_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(label=_("类别"), choices=[("", _("请选择"))] + list(WishCategory.choices), required=False)
    desired_by = forms.DateField(label=_("希望完成日期（可不填）"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip
    photo = forms.FileField(label=_("照片（可不传）"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))  # fmt: skip
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)


class AssistedWishForm(WishForm):
    consent_channel = forms.ChoiceField(label=_("居民同意方式"), choices=[("", _("请选择"))] + list(ConsentChannel.choices),
                                        required=False)  # fmt: skip
    consent_note = forms.CharField(label=_("同意说明（可不填）"), max_length=200, required=False)


class PublishForm(forms.Form):
    privacy = forms.ChoiceField(label=_("公开范围"), choices=PrivacyTier.choices)


class FulfilForm(forms.Form):
    note = forms.CharField(label=_("完成情况"), max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    hours = forms.CharField(label=_("服务时长（小时）"), max_length=6, required=False)
    photo = forms.FileField(label=_("照片（可不传）"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))  # fmt: skip


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("评价"), coerce=int, choices=[(n, "★" * n) for n in range(5, 0, -1)])
    comment = forms.CharField(label=_("评价意见（可不填）"), max_length=200, required=False)
