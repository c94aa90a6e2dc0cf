"""Forms of residents' proposals: the action stays the authority; these show every field's problem at once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel
from gongzhi.core.forms import ActionCheckedForm, text_check_attrs

from ..actions.proposals import (
    ANSWER_MAX,
    POST_MAX,
    TEXT_MAX,
    TITLE_MAX,
    proposal_text_clean,
    proposal_title_clean,
)
from ..models import AuthorShown, MatterType, ProposalAsk

TEXTS = ("title", "text")


class ProposalForm(ActionCheckedForm):
    field_rules = {"title": proposal_title_clean, "text": proposal_text_clean}
    title = forms.CharField(
        label=_("标题"),
        max_length=TITLE_MAX,
        widget=forms.TextInput(
            attrs={"placeholder": _("例如：修缮村口的便民桥"), **text_check_attrs("proposal", TEXTS)}
        ),
    )
    text = forms.CharField(
        label=_("提案内容（为什么、想怎么办）"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, **text_check_attrs("proposal", TEXTS)}),
    )
    asks = forms.ChoiceField(
        label=_("提议事项"),
        choices=ProposalAsk.choices,
        widget=forms.RadioSelect,
        initial=ProposalAsk.ASSEMBLY,
    )
    author_shown = forms.ChoiceField(
        label=_("公开页如何显示提议人"),
        choices=AuthorShown.choices,
        widget=forms.RadioSelect,
        initial=AuthorShown.MASKED,
    )
    for_group = forms.BooleanField(label=_("我是村(居)民小组推选的代表，以小组名义提议"), required=False)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("党组织的答复"),
        choices=[("accept", _("纳入“四议两公开”程序")), ("answer", _("不纳入，答复并说明理由"))],
        widget=forms.RadioSelect,
    )
    matter_type = forms.ChoiceField(
        label=_("纳入时的事项类型"), choices=MatterType.choices, initial=MatterType.OTHER, required=False
    )
    answer = forms.CharField(
        label=_("答复内容"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


class AssistedSignForm(forms.Form):
    consent_channel = forms.ChoiceField(
        label=_("居民同意的方式"), choices=ConsentChannel.choices, widget=forms.RadioSelect
    )
    consent_note = forms.CharField(label=_("同意说明（可不填）"), max_length=200, required=False)


class PostForm(forms.Form):
    body = forms.CharField(label=_("我的意见"), max_length=POST_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.TypedChoiceField(
        label=_("发言身份"), coerce=int, choices=(), required=False, empty_value=None
    )

    def __init__(self, *args, organisations: list[tuple[int, str]] = (), **kwargs) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        if organisations:  # a representative of registered social organisations serving the community
            choices = [
                ("", _("以个人身份")),
                *[(pk, _("以社会组织「%(name)s」名义") % {"name": name}) for pk, name in organisations],
            ]
            self.fields["organisation"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["organisation"]
