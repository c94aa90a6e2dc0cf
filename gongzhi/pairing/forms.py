"""Forms of the pairing pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.models import ConsentChannel
from gongzhi.core.http import set_choices

from .actions import REASON_MAX, WHAT_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONSENT = [("", "—"), *ConsentChannel.choices]


class AimForm(forms.Form):
    tags = forms.MultipleChoiceField(
        label=_("须结对的户：户内有以下登记标签的居民"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    per_member_max = forms.IntegerField(
        label=_("每名党员最多结对户数（1+N 的 N，可不填）"), required=False, min_value=1, max_value=20
    )

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["tags"], [(str(t.pk), t.name) for t in tags])


class PairForm(forms.Form):
    member = forms.ChoiceField(label=_("结对党员（本网格的党员排在前面）"), choices=())
    chosen = forms.BooleanField(
        label=_("这是农户自己选的党员（须本网格的党员，并记录同意方式）"), required=False
    )
    consent_channel = forms.ChoiceField(label=_("农户同意方式"), choices=CONSENT, required=False)
    reason = forms.CharField(
        label=_("说明（重新结对时必填：为什么更换）"), max_length=REASON_MAX, required=False
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(
            self.fields["member"],
            [(str(c.member.pk), c.label + (" · " + str(_("已满")) if c.full else "")) for c in candidates],
        )


class ChooseForm(forms.Form):
    member = forms.ChoiceField(label=_("从本网格的党员中选择"), choices=())

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self.fields["member"], [(str(c.member.pk), c.member.name) for c in candidates])


class DeclineForm(forms.Form):
    declined_on = forms.DateField(label=_("谢绝日期"), widget=DATE, required=False)
    reason = forms.CharField(label=_("说明（可不填）"), max_length=REASON_MAX, required=False)
    consent_channel = forms.ChoiceField(label=_("农户表达方式"), choices=CONSENT, required=False)


class EndForm(forms.Form):
    reason = forms.CharField(label=_("结束原因"), max_length=REASON_MAX)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("走访日期"), widget=DATE)
    what = forms.CharField(
        label=_("走访和帮扶内容（简要，不写电话、身份证号等个人信息）"), max_length=WHAT_MAX
    )
    follow_up = forms.BooleanField(label=_("需要跟进"), required=False)
    follow_up_text = forms.CharField(label=_("跟进事项"), max_length=REASON_MAX, required=False)
