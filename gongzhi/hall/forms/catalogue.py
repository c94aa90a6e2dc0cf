"""Forms of the catalogue's pages: a matter with its time-limit steps and materials (two formsets), and the
workbook import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..actions.catalogue import MaterialData, MatterData, StepData
from ..models import HandlingMode, Level, LimitUnit, MaterialForm, MaterialSource
from ..selectors.catalogue import REGISTER_FACTS


class MatterForm(forms.Form):
    code = forms.CharField(label=_("事项编码"), max_length=30, help_text=_("本镇内唯一，如 MZ-101"))
    name = forms.CharField(label=_("事项名称"), max_length=100)
    parent: forms.ModelChoiceField = forms.ModelChoiceField(label=_("所属主项"), queryset=None, required=False,
                                    empty_label=_("（无，本身是主项）"))  # fmt: skip
    department: forms.ModelChoiceField = forms.ModelChoiceField(label=_("审批部门"), queryset=None, required=False,
                                        empty_label=_("（无，村级直接办结）"))  # fmt: skip
    mode = forms.ChoiceField(label=_("办理方式"), choices=HandlingMode.choices)
    levels = forms.MultipleChoiceField(
        label=_("行使层级"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    village_review = forms.BooleanField(label=_("需村级初审(民主评议)"), required=False)
    county_office = forms.CharField(label=_("县级审批部门"), max_length=100, required=False,
                                    help_text=_("最后由县级部门审批的填写，如 县民政局"))  # fmt: skip
    legal_basis = forms.CharField(label=_("设定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("法律法规名称及条款"))  # fmt: skip
    conditions = forms.CharField(
        label=_("受理条件"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    guide = forms.CharField(label=_("办事指南"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("用群众听得懂的话说明谁能办、怎么办"))  # fmt: skip
    where = forms.CharField(label=_("办理地点"), max_length=200, required=False)
    fee = forms.CharField(label=_("收费标准"), max_length=100, required=False, help_text=_("不填即为不收费"))
    online = forms.BooleanField(label=_("可网上申请"), required=False, initial=True)
    proxy = forms.BooleanField(label=_("可村级代办"), required=False, initial=True)
    open311 = forms.BooleanField(label=_("接受外部系统申请(Open311)"), required=False)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=0, required=False)
    power_code = forms.CharField(label=_("小微权力清单事项"), max_length=10, required=False,
                                 help_text=_("按村级小微权力清单办理的，填写清单编号，如 C01（低保推荐）、C06（证明出具）"))  # fmt: skip

    def __init__(self, *args, parents=None, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class StepForm(forms.Form):
    name = forms.CharField(label=_("环节"), max_length=30, required=False)
    amount = forms.IntegerField(label=_("时限"), required=False)
    unit = forms.ChoiceField(label=_("单位"), choices=LimitUnit.choices, initial=LimitUnit.WORKDAYS)

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("name") and self.cleaned_data.get("amount") is None


class MaterialLineForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("材料名称"), max_length=100, required=False)
    required = forms.BooleanField(label=_("必要"), required=False, initial=True)
    form = forms.ChoiceField(label=_("材料形式"), choices=MaterialForm.choices, initial=MaterialForm.COPY)
    count = forms.IntegerField(label=_("份数"), min_value=1, max_value=20, initial=1, required=False)
    source = forms.ChoiceField(
        label=_("来源"), choices=MaterialSource.choices, initial=MaterialSource.APPLICANT
    )
    register_fact = forms.ChoiceField(
        label=_("登记信息项"), required=False,
        choices=[("", _("（来源为登记信息时选择）"))] + [(k, v) for k, v in REGISTER_FACTS.items()],
    )  # fmt: skip
    check_point = forms.CharField(label=_("审查要点"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("name")


StepFormSet = forms.formset_factory(StepForm, extra=2, max_num=10, validate_max=True)
MaterialFormSet = forms.formset_factory(MaterialLineForm, extra=3, max_num=40, validate_max=True)


def matter_data(form: MatterForm, steps, materials) -> MatterData:
    """The action's input from the three valid forms (blank rows of the formsets skipped)."""
    c = form.cleaned_data
    return MatterData(
        code=c["code"], name=c["name"], mode=c["mode"], department=c["department"], parent=c["parent"],
        levels=list(c["levels"]), village_review=c["village_review"], county_office=c["county_office"],
        legal_basis=c["legal_basis"], conditions=c["conditions"], guide=c["guide"], where=c["where"],
        fee=c["fee"], online=c["online"], proxy=c["proxy"], open311=c["open311"], sort_order=c["sort_order"] or 0,
        power_code=c.get("power_code") or "",
        steps=[
            StepData(s.cleaned_data["name"], s.cleaned_data["amount"] or 0, s.cleaned_data["unit"])
            for s in steps if s.cleaned_data and not s.is_blank()
        ],
        materials=[
            MaterialData(
                name=m.cleaned_data["name"], required=m.cleaned_data["required"], form=m.cleaned_data["form"],
                count=m.cleaned_data["count"] or 1, source=m.cleaned_data["source"],
                register_fact=m.cleaned_data["register_fact"], check_point=m.cleaned_data["check_point"],
                note=m.cleaned_data["note"], id=m.cleaned_data["id"],
            )
            for m in materials if m.cleaned_data and not m.is_blank()
        ],
    )  # fmt: skip


def matter_initial(matter) -> tuple[dict, list[dict], list[dict]]:
    """The forms' initial values for an existing matter."""
    initial = {name: getattr(matter, name) for name in (
        "code", "name", "mode", "levels", "village_review", "county_office", "legal_basis", "conditions", "guide",
        "where", "fee", "online", "proxy", "open311", "sort_order", "power_code")}  # fmt: skip
    initial.update(parent=matter.parent_id, department=matter.department_id)
    steps = [{"name": s.name, "amount": s.amount, "unit": s.unit} for s in matter.steps.all()]
    materials = [
        {"id": m.pk, "name": m.name, "required": m.required, "form": m.form, "count": m.count, "source": m.source,
         "register_fact": m.register_fact, "check_point": m.check_point, "note": m.note}
        for m in matter.materials.all()
    ]  # fmt: skip
    return initial, steps, materials


class ImportForm(forms.Form):
    file = forms.FileField(label=_("事项目录文件(.xlsx)"))
