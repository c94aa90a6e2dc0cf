"""Forms of the bodies' pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.quorum import RULES

from .actions import DUTIES_MAX, NAME_MAX, POSTS, REASON_MAX, TERM_MAX, TITLE_MAX
from .models import BodyKind, Post

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def rule_choices(blank: str = "") -> list[tuple[str, str]]:
    choices = [(key, str(rule.label)) for key, rule in RULES.items()]
    return [("", blank), *choices] if blank else choices


def post_choices(kind: str) -> list[tuple[str, str]]:
    allowed = POSTS.get(kind, POSTS[BodyKind.OTHER])
    return [(value, str(label)) for value, label in Post.choices if value in allowed]


class BodyCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=BodyKind.choices)
    name = forms.CharField(
        label=_("名称（村(居)民委员会等按法定名称，可不填；其他组织填写名称，如红白理事会、道德评议会）"),
        max_length=NAME_MAX,
        required=False,
    )
    group = forms.TypedChoiceField(
        label=_("村(居)民小组（仅小组会议选择）"), coerce=int, choices=(), required=False, empty_value=None
    )
    meeting_rule = forms.ChoiceField(label=_("议事规则"), choices=(), required=False)
    proxies_allowed = forms.BooleanField(label=_("允许委托他人到会"), required=False)
    duties = forms.CharField(
        label=_("职责（可不填）"),
        max_length=DUTIES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, groups: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("不选")), *groups]  # type: ignore[attr-defined]
        self.fields["meeting_rule"].choices = rule_choices(str(_("按组织类型的法定规则")))  # type: ignore[attr-defined]


class BodyEditForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=NAME_MAX)
    meeting_rule = forms.ChoiceField(label=_("议事规则"), choices=())
    proxies_allowed = forms.BooleanField(label=_("允许委托他人到会"), required=False)
    duties = forms.CharField(
        label=_("职责（可不填）"),
        max_length=DUTIES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    active = forms.BooleanField(label=_("在用（取消勾选即停用，成员记录保留）"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting_rule"].choices = rule_choices()  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    resident = forms.IntegerField(widget=forms.HiddenInput)
    post = forms.ChoiceField(label=_("职务"), choices=())
    title = forms.CharField(
        label=_("分工（可不填，如妇女委员、纪检委员）"), max_length=TITLE_MAX, required=False
    )
    term = forms.CharField(label=_("届次（可不填，如第十二届）"), max_length=TERM_MAX, required=False)
    started_on = forms.DateField(label=_("任职日期"), widget=DATE)
    group = forms.TypedChoiceField(
        label=_("由村(居)民小组推选（仅代表，可不选；不选则登记联系户）"),
        coerce=int,
        choices=(),
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, kind: str, groups: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].choices = post_choices(kind)  # type: ignore[attr-defined]
        if kind == BodyKind.REPRESENTATIVES:
            self.fields["group"].choices = [("", _("不选")), *groups]  # type: ignore[attr-defined]
        else:
            del self.fields["group"]


class MemberEndForm(forms.Form):
    ended_on = forms.DateField(label=_("离任日期"), widget=DATE)
    reason = forms.CharField(label=_("离任原因（如任期届满、辞职、迁出）"), max_length=REASON_MAX)


class HouseholdBoxes(forms.CheckboxSelectMultiple):
    """Checkboxes of households; those another representative represents are shown, and cannot be ticked."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.taken: set[int] = set()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(value, "value", value) in self.taken:
            option["attrs"]["disabled"] = True
        return option


class HouseholdsForm(forms.Form):
    households = forms.TypedMultipleChoiceField(
        label=_("联系户"), coerce=int, choices=(), required=False, widget=HouseholdBoxes
    )

    def __init__(self, *args, choices: list[tuple[int, str]], taken: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["households"].choices = choices  # type: ignore[attr-defined]
        self.fields["households"].widget.taken = taken  # type: ignore[attr-defined]
