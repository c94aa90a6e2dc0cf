"""Forms of the legal pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel

from .actions import (
    COURSE_MAX,
    DUTIES_MAX,
    NAME_MAX,
    NOTE_MAX,
    ORGANISER_MAX,
    PLACE_MAX,
    REASON_MAX,
    SUMMARY_MAX,
    TOPIC_MAX,
    UNIT_MAX,
)
from .models import AideKind
from .standards import DEMONSTRATION_CRITERIA, PRIORITY_GROUPS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AideForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=AideKind.choices)
    name = forms.CharField(label=_("姓名"), max_length=NAME_MAX)
    unit = forms.CharField(label=_("工作单位（律师事务所、司法所、派出所等）"), max_length=UNIT_MAX)
    phone = forms.CharField(label=_("联系电话（手机号；法律顾问必填）"), max_length=20, required=False)
    term_start = forms.DateField(label=_("任期开始"), widget=DATE)
    term_end = forms.DateField(label=_("任期结束（可不填）"), required=False, widget=DATE)
    duties = forms.CharField(label=_("职责（可不填）"), max_length=DUTIES_MAX, required=False)
    username = forms.CharField(label=_("法律顾问的登录用户名（可不填；填写后本人可发布咨询时段）"), max_length=150,
                               required=False)  # fmt: skip


class EndForm(forms.Form):
    reason = forms.CharField(label=_("离任原因"), max_length=REASON_MAX)


class SavvyForm(forms.Form):
    resident = forms.TypedChoiceField(label=_("居民（本村(社区)户籍登记在册）"), coerce=int, choices=())
    group = forms.ChoiceField(label=_("所属重点人群"), choices=[(g.key, g.label) for g in PRIORITY_GROUPS])
    duties = forms.CharField(label=_("职责（可不填）"), max_length=DUTIES_MAX, required=False)


class TrainingForm(forms.Form):
    held_on = forms.DateField(label=_("培训日期"), widget=DATE)
    course = forms.CharField(label=_("课程"), max_length=COURSE_MAX)
    hours = forms.CharField(label=_("学时"), max_length=6)
    organiser = forms.CharField(label=_("组织单位"), max_length=ORGANISER_MAX)


class AssessForm(forms.Form):
    assessed_on = forms.DateField(label=_("考核日期"), widget=DATE)
    passed = forms.TypedChoiceField(label=_("考核结果"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("合格")), ("no", _("不合格"))])  # fmt: skip
    note = forms.CharField(label=_("考核说明（不合格时必填）"), max_length=REASON_MAX, required=False)


class TargetForm(forms.Form):
    target = forms.IntegerField(label=_("每村(社区)法律明白人目标数"), min_value=1, max_value=50)


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    minutes = forms.TypedChoiceField(
        label=_("时长"),
        coerce=int,
        initial=30,
        choices=[(m, _("%(m)d 分钟") % {"m": m}) for m in (15, 30, 45, 60, 90, 120)],
    )
    by_phone = forms.BooleanField(label=_("电话咨询"), required=False)
    place = forms.CharField(label=_("地点（电话咨询可不填）"), max_length=PLACE_MAX, required=False)


class BookForm(forms.Form):
    topic = forms.CharField(
        label=_("想咨询的事项（只有您、法律顾问和村(社区)工作人员能看到）"), max_length=TOPIC_MAX
    )


class ApplicationForm(forms.Form):
    year = forms.IntegerField(label=_("年度"))
    summary = forms.CharField(
        label=_("创建情况"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for item in DEMONSTRATION_CRITERIA:
            self.fields[f"met_{item.key}"] = forms.BooleanField(label=str(item.label), help_text=str(item.detail),
                                                               required=False)  # fmt: skip
            self.fields[f"note_{item.key}"] = forms.CharField(
                label=_("做法和佐证"), max_length=200, required=False
            )

    def assessment(self) -> dict:
        data = self.cleaned_data
        return {i.key: {"met": bool(data.get(f"met_{i.key}")), "note": data.get(f"note_{i.key}", "")}
                for i in DEMONSTRATION_CRITERIA}  # fmt: skip


class DecideForm(forms.Form):
    verb = forms.ChoiceField(
        choices=[("approve", _("命名")), ("reject", _("不予命名")), ("return", _("退回补充"))]
    )
    note = forms.CharField(label=_("审核意见（不予命名、退回时必填）"), max_length=NOTE_MAX, required=False)


class AssistedBookForm(BookForm):
    resident = forms.TypedChoiceField(label=_("居民"), coerce=int, choices=())
    consent_channel = forms.ChoiceField(label=_("居民同意的方式"), choices=ConsentChannel.choices)
    field_order = ["resident", "topic", "consent_channel"]
