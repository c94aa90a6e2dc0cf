"""Forms of the staff pages: lenient on purpose; the actions check every value and say what is wrong."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import text_check_attrs

from .actions import BODY_MAX, REASON_MAX, TITLE_MAX
from .statute import MONTH, QUARTER, periods_recent

PUBLIC_TEXTS = ("title", "body")  # public: checked for personal data as typed


def period_choices() -> list[tuple[str, object]]:
    today = timezone.localdate()
    periods = periods_recent(today, QUARTER, 4) + periods_recent(today, MONTH, 6)
    return [("", _("不属于某一期间"))] + [(p.key, p.label) for p in periods]


class DisclosureTextForm(forms.Form):
    title = forms.CharField(
        label=_("标题"),
        max_length=TITLE_MAX * 2,
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("例如：2026年第三季度村务公开"),
                **text_check_attrs("public", PUBLIC_TEXTS),
            }
        ),
    )
    body = forms.CharField(
        label=_("公开内容"),
        max_length=BODY_MAX * 2,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, **text_check_attrs("public", PUBLIC_TEXTS)}),
    )
    personal_data_reason = forms.CharField(
        label=_("公开个人信息的理由（内容中有电话、证件号等时填写）"),
        max_length=REASON_MAX * 2,
        required=False,
    )


class PublishForm(DisclosureTextForm):
    category = forms.ChoiceField(label=_("公开类别"), choices=(), required=False)
    major = forms.BooleanField(label=_("重大事项（涉及群众利益，应当随时公布）"), required=False)
    period = forms.ChoiceField(label=_("所属期间"), choices=(), required=False)
    attachment = forms.FileField(label=_("附件（照片或 PDF，不超过 5 MB，可不传）"), required=False)

    field_order = ["category", "title", "body", "major", "period", "attachment", "personal_data_reason"]

    def __init__(self, *args, categories=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("请选择"))] + list(categories)  # type: ignore[attr-defined]
        self.fields["period"].choices = period_choices()  # type: ignore[attr-defined]


class ReviseForm(DisclosureTextForm):
    reason = forms.CharField(label=_("修改理由"), max_length=REASON_MAX * 2, required=False)

    field_order = ["title", "body", "reason", "personal_data_reason"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=REASON_MAX * 2, required=False)


class SettingForm(forms.Form):
    finance_monthly = forms.BooleanField(
        label=_("本村(社区)集体财务往来较多，财务收支每月公开"), required=False
    )
