"""Forms of the convention pages. Lenient on purpose: the actions check every value and say what is wrong."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import ActionCheckedForm
from gongzhi.meetings.forms import MINUTES_UPLOAD_LABEL, SIGN_IN_UPLOAD_LABEL, meeting_document_field

from .actions import (
    COMMENT_MAX,
    EVIDENCE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    meeting_count_parse,
    meeting_document_check,
    revision_title_clean,
)
from .checker import DEFAULT_TOPICS, ConventionInputError, convention_bytes_read


class CampaignForm(forms.Form):
    township = forms.TypedChoiceField(label=_("镇(乡、街道)"), coerce=int, choices=(), required=False)
    year = forms.CharField(label=_("年度"), max_length=4, required=False)
    title = forms.CharField(label=_("名称（可不填）"), max_length=200, required=False)
    deadline = forms.DateField(
        label=_("完成期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    topic_keys = forms.MultipleChoiceField(
        label=_("必备内容"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(t.key, _(t.label)) for t in DEFAULT_TOPICS],
    )
    extra_topics = forms.CharField(
        label=_("本镇增加的必备内容（每行一项：名称：关键词、关键词）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("例如：森林防火：防火、野外用火")}),
    )
    demonstration_target = forms.CharField(
        label=_("本年度示范村目标数"),
        max_length=4,
        required=False,
        widget=forms.NumberInput(attrs={"min": 0}),
    )


class DraftForm(ActionCheckedForm):
    field_rules = {"title": revision_title_clean}
    title = forms.CharField(
        label=_("标题"), max_length=TITLE_MAX, widget=forms.TextInput(attrs={"data-testid": "draft-title"})
    )
    text = forms.CharField(
        label=_("正文（可不填）"),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("边写边检查：停下输入半秒后，右侧（手机上在下方）逐条标出问题。"),
        widget=forms.Textarea(
            attrs={
                "rows": 24,
                "class": "gz-draft",
                "data-testid": "draft-text",
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#checked",
                "hx-swap": "outerHTML",
                "hx-sync": "this:replace",
            }
        ),
    )

    def __init__(self, *args, revision_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["hx-post"] = reverse("conventions:check", args=[revision_id])


UPLOAD_MAX = 2 * 1024 * 1024  # a convention as .txt or .docx is a few dozen KB


class ConventionFileField(forms.FileField):
    """A .txt or .docx of a convention, read into its text (the checker's reader): bad files get the
    checker's own Chinese message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return ""
        if upload.size > UPLOAD_MAX:
            raise forms.ValidationError(_("文件过大（超过 2 MB），请检查是否选错了文件"))
        try:
            lines = convention_bytes_read(upload.name, upload.read())
        except ConventionInputError as exc:
            raise forms.ValidationError(_(exc.message)) from exc
        return "\n".join(line.rstrip() for line in lines).strip()


class InForceForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX * 2, required=False)
    adopted_on = forms.DateField(
        label=_("通过日期（可不填）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(
        label=_("正文"), max_length=TEXT_MAX * 2, required=False, widget=forms.Textarea(attrs={"rows": 16})
    )
    upload = ConventionFileField(label=_("或上传现行文本（.txt 或 .docx，二选一）"))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("upload") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("请在“正文”和“上传文件”中只选一种"))
        if data.get("upload"):
            data["text"] = data["upload"]
        return data


class ImportForm(forms.Form):
    upload = ConventionFileField(label=_("从文件导入正文（.txt 或 .docx，将替换当前正文）"))


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("审查意见（退回时必填）"),
        max_length=COMMENT_MAX * 2,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-testid": "review-comment"}),
    )


COUNTS = (
    "members",
    "adults",
    "households",
    "households_present",
    "present",
    "in_favour",
    "against",
    "abstaining",
)


class AdoptionForm(ActionCheckedForm):
    error_testid = "adoption-error"  # the refusal (not quorate, not carried), shown once above the fields
    field_rules = {
        **{name: meeting_count_parse for name in COUNTS},
        "minutes": meeting_document_check,
        "sign_in": meeting_document_check,
    }
    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=())
    meeting_date = forms.DateField(
        label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    members = forms.CharField(label=_("组成人员数（代表会议填写）"), max_length=7, required=False)
    adults = forms.CharField(
        label=_("十八周岁以上居民人数（村民会议、居民会议填写）"), max_length=7, required=False
    )
    households = forms.CharField(label=_("户数（村民会议、居民会议填写）"), max_length=7, required=False)
    households_present = forms.CharField(
        label=_("到会户代表数（按户代表计算时填写）"), max_length=7, required=False
    )
    present = forms.CharField(label=_("到会人数"), max_length=7, widget=forms.NumberInput(attrs={"min": 0}))
    in_favour = forms.CharField(label=_("赞成"), max_length=7, widget=forms.NumberInput(attrs={"min": 0}))
    against = forms.CharField(
        label=_("反对（可不填）"), max_length=7, required=False, widget=forms.NumberInput(attrs={"min": 0})
    )
    abstaining = forms.CharField(
        label=_("弃权（可不填）"), max_length=7, required=False, widget=forms.NumberInput(attrs={"min": 0})
    )
    minutes = meeting_document_field(MINUTES_UPLOAD_LABEL)
    sign_in = meeting_document_field(SIGN_IN_UPLOAD_LABEL)


class DemonstrationForm(forms.Form):
    evidence = forms.CharField(
        label=_("创建成效与佐证材料"),
        max_length=EVIDENCE_MAX * 2,
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "placeholder": _("如：红白理事会运行情况、移风易俗成效、群众知晓率、获得的表彰等"),
            }
        ),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("审核意见（不通过时必填）"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
