import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel, PrivacyTier
from gongzhi.core.forms import ActionCheckedForm, text_check_attrs

from .actions import (
    NOTE_MAX,
    STORY_MAX,
    TITLE_MAX,
    wish_desired_by_check,
    wish_note_clean,
    wish_story_clean,
    wish_title_clean,
)
from .models import WishCategory


def new_submission_key() -> str:
    return uuid.uuid4().hex


WISH_TEXTS = ("title", "story")  # what the wall shows, checked for personal data as typed
PRIVACY_CHOICES = [
    (PrivacyTier.PUBLIC, _("公开：心愿墙上所有人都能看到，显示您的姓氏（如“王**”）和村(社区)")),
    (PrivacyTier.ANONYMISED, _("匿名公开：心愿墙上所有人都能看到，只写“一位居民”")),
    (
        PrivacyTier.RESTRICTED,
        _(
            "仅工作人员和认领人：不上公开的心愿墙；本村(社区)的党员、志愿者登录后看到标题来认领，"
            "认领人才能看到详细内容"
        ),
    ),
]


class WishForm(ActionCheckedForm):
    field_rules = {"title": wish_title_clean, "story": wish_story_clean, "desired_by": wish_desired_by_check}
    title = forms.CharField(
        label=_("心愿标题"),
        max_length=TITLE_MAX,
        widget=forms.TextInput(
            attrs={"placeholder": _("例如：想要一台收音机"), **text_check_attrs("wish", WISH_TEXTS)}
        ),
    )
    story = forms.CharField(
        label=_("心愿内容"),
        max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 4, **text_check_attrs("wish", WISH_TEXTS)}),
    )
    category = forms.ChoiceField(label=_("类别"), choices=[("", _("请选择"))] + list(WishCategory.choices))
    desired_by = forms.DateField(
        label=_("希望完成日期（可不填）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    photo = forms.FileField(
        label=_("照片（可不填）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    privacy = forms.ChoiceField(
        label=_("谁能看到这个心愿"),
        choices=PRIVACY_CHOICES,
        widget=forms.RadioSelect,
        initial=PrivacyTier.PUBLIC,
        required=False,
        help_text=_(
            "涉及健康、残疾、独居、生活困难或留守的心愿，建议选“仅工作人员和认领人”；"
            "这类心愿在公开页面上不会显示姓氏。"
        ),
    )
    contact_phone = forms.CharField(
        label=_("联系电话（可不填，只给认领人看）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    meeting_place = forms.CharField(
        label=_("见面地点（可不填，只给认领人看）"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("例如：村委会门口")}),
    )
    contact_shared = forms.BooleanField(label=_("认领后，让认领人看到上面的电话和地点"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    review: dict = {}  # what the check under the form says (gongzhi.core.views.text_check_context)


class AssistedWishForm(WishForm):
    consent_channel = forms.ChoiceField(
        label=_("居民同意方式"), choices=[("", _("请选择"))] + list(ConsentChannel.choices)
    )
    consent_note = forms.CharField(label=_("同意说明（可不填）"), max_length=200, required=False)


class PublishForm(forms.Form):
    privacy = forms.ChoiceField(label=_("公开范围"), choices=PrivacyTier.choices)
    pii = forms.ChoiceField(
        label=_("内容中的个人信息"),
        widget=forms.RadioSelect,
        initial="redact",
        choices=[
            ("redact", _("隐去后发布（原文保存在审计记录中）")),
            ("release", _("保留原文发布（须写明理由，例如本人要求公开店铺电话）")),
        ],
    )
    pii_reason = forms.CharField(label=_("保留原文公开的理由"), max_length=200, required=False)


class FulfilForm(ActionCheckedForm):
    field_rules = {"note": wish_note_clean}
    note = forms.CharField(
        label=_("完成情况"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, **text_check_attrs("staff", ("note",))}),
    )
    hours = forms.CharField(label=_("服务时长（小时，可不填）"), max_length=6, required=False)
    photo = forms.FileField(
        label=_("照片（可不填）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("评价"), coerce=int, choices=[(n, "★" * n) for n in range(5, 0, -1)]
    )
    comment = forms.CharField(label=_("评价意见（可不填）"), max_length=200, required=False)


class ContactForm(forms.Form):
    contact_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    meeting_place = forms.CharField(label=_("见面地点"), max_length=100, required=False)
    contact_shared = forms.BooleanField(label=_("让认领人看到电话和地点"), required=False)
