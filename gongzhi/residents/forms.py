"""Forms parse; residents.validation decides what a valid resident is."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.areas.models import Area
from gongzhi.core.http import set_choices

from .codes import (
    EDUCATION_CHOICES,
    ETHNICITY_CHOICES,
    HEAD_RELATION,
    MARITAL_STATUS_CHOICES,
    POLITICAL_STATUS_CHOICES,
    RELATION_CHOICES,
    RESIDENCE_TYPE_CHOICES,
)
from .models import Household, ResidentEventKind, Tag
from .validation import ResidentInput, resident_input_clean

BLANK = [("", "—")]


class ResidentForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=20)
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial="01")
    political_status = forms.ChoiceField(label=_("政治面貌"), choices=POLITICAL_STATUS_CHOICES, initial="13")
    education = forms.ChoiceField(label=_("文化程度"), choices=[*BLANK, *EDUCATION_CHOICES], required=False)
    marital_status = forms.ChoiceField(
        label=_("婚姻状况"), choices=[*BLANK, *MARITAL_STATUS_CHOICES], required=False
    )
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    registered_address = forms.CharField(label=_("户籍地址"), max_length=200, required=False)
    current_address = forms.CharField(label=_("现住址"), max_length=200, required=False)
    residence_type = forms.ChoiceField(
        label=_("人口类型"), choices=RESIDENCE_TYPE_CHOICES, initial="registered"
    )
    area = forms.TypedChoiceField(label=_("网格/楼栋"), coerce=int)
    household_number = forms.CharField(label=_("户编号"), max_length=40, required=False)
    relation_to_head = forms.ChoiceField(
        label=_("与户主关系"), choices=[*BLANK, *RELATION_CHOICES], required=False
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("标签"), queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, area_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], area_choices)
        self._allowed_area_ids = {pk for pk, _label in area_choices}
        self.resident_input: ResidentInput | None = None

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        raw = dict(data)
        area_id = raw.get("area")
        raw["area"] = Area.objects.filter(pk=area_id).first() if area_id in self._allowed_area_ids else None
        if raw["area"] is None:
            self.add_error("area", _("请选择您管辖范围内的网格或楼栋。"))
            return data
        raw["tags"] = list(raw.get("tags") or [])
        community_ids = raw["area"].ancestor_ids()

        def household_lookup(number, _area):
            return Household.objects.filter(community_id__in=community_ids, number=number).first()

        cleaned, errors = resident_input_clean(
            raw, area_lookup=lambda _t: None, household_lookup=household_lookup, tag_lookup=lambda _t: None
        )
        for field, message in errors:
            self.add_error(field if field in self.fields else None, message)
        self.resident_input = cleaned
        return data


class ResidentFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=50)
    area = forms.TypedChoiceField(label=_("村(社区)/网格"), required=False, coerce=int, empty_value=None)
    tag = forms.ChoiceField(label=_("标签"), required=False)
    age = forms.ChoiceField(label=_("年龄段"), required=False)
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[
            ("active", _("在册")),
            ("moved_out", _("已迁出")),
            ("deceased", _("已故")),
            ("all", _("全部")),
        ],
    )

    def __init__(self, *args, area_choices, tag_choices, age_choices, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], [("", _("全部"))] + list(area_choices))
        set_choices(self.fields["tag"], [("", _("全部"))] + list(tag_choices))
        set_choices(self.fields["age"], [("", _("全部"))] + list(age_choices))


class ResidentEventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("变动类型"),
        choices=[c for c in ResidentEventKind.choices if c[0] != ResidentEventKind.REGISTERED],
    )
    happened_on = forms.DateField(
        label=_("发生日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    to_area = forms.TypedChoiceField(label=_("迁入网格/楼栋"), required=False, coerce=int, empty_value=None)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["to_area"], [("", "—")] + list(area_choices))


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看事由"), max_length=100)


class HouseholdForm(forms.Form):
    number = forms.CharField(label=_("户编号"), max_length=40)
    area = forms.TypedChoiceField(label=_("网格/楼栋"), coerce=int)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)

    def __init__(self, *args, area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], area_choices)


class HouseholdMemberForm(forms.Form):
    resident = forms.IntegerField(label=_("居民"), widget=forms.RadioSelect)
    relation = forms.ChoiceField(label=_("与户主关系"), choices=[*BLANK, *RELATION_CHOICES])


class HouseholdHeadForm(forms.Form):
    new_head = forms.TypedChoiceField(label=_("新户主"), coerce=int, widget=forms.RadioSelect)
    former_head_relation = forms.ChoiceField(
        label=_("原户主改为（与新户主的关系）"),
        choices=[*BLANK, *[c for c in RELATION_CHOICES if c[0] != HEAD_RELATION]],
    )

    def __init__(self, *args, member_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["new_head"], member_choices)


class HouseholdMoveOutForm(forms.Form):
    happened_on = forms.DateField(
        label=_("迁出日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("说明（如迁往何处）"), max_length=200, required=False)


class ExportRequestForm(forms.Form):
    area = forms.TypedChoiceField(label=_("导出范围（村(社区)或网格）"), coerce=int)
    status = forms.ChoiceField(
        label=_("状态"),
        choices=[
            ("active", _("在册")),
            ("moved_out", _("已迁出")),
            ("deceased", _("已故")),
            ("all", _("全部")),
        ],
        initial="active",
    )
    tag = forms.ChoiceField(label=_("标签"), required=False)
    q = forms.CharField(label=_("姓名或拼音（可不填）"), max_length=50, required=False)
    full_data = forms.BooleanField(
        label=_("含完整身份证号、出生日期和手机号（不勾选则为脱敏导出）"), required=False, initial=True
    )
    reason = forms.CharField(
        label=_("用途"),
        max_length=200,
        min_length=4,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("写明为什么需要导出这些信息，例如“低保年审核对身份信息”。审批人和审计日志都会看到。"),
    )

    def __init__(self, *args, area_choices, tag_choices, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], area_choices)
        set_choices(self.fields["tag"], [("", _("全部"))] + list(tag_choices))


class ExportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审批"), choices=[("approve", _("批准")), ("refuse", _("不批准"))], widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("审批意见（不批准时必填）"), max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "data-testid": "import-file"}),
    )
