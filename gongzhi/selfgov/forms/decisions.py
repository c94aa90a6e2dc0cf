"""Forms of the decision and power-list pages. Lenient on purpose: the actions check every value and say what is
wrong (nothing changed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.meetings.forms import MINUTES_UPLOAD_LABEL, SIGN_IN_UPLOAD_LABEL, meeting_document_field
from gongzhi.meetings.models import MeetingMethod

from ..models import STAGES, MatterType, OriginKind, ResolutionBody, Stage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionStartForm(forms.Form):
    community = forms.TypedChoiceField(label=_("村(社区)"), coerce=int, choices=())
    title = forms.CharField(label=_("事项名称"), max_length=60)
    body = forms.CharField(label=_("事项内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    power_item = forms.TypedChoiceField(
        label=_("权力清单事项"), coerce=int, choices=(), required=False, empty_value=None
    )
    matter_type = forms.ChoiceField(
        label=_("事项类型（不在权力清单中时选择）"),
        choices=[("", "—"), *MatterType.choices],
        required=False,
    )
    origin_kind = forms.ChoiceField(label=_("事项来源"), choices=OriginKind.choices)
    origin_case = forms.TypedChoiceField(
        label=_("来源的微心愿或微民情（可不选）"), coerce=int, choices=(), required=False, empty_value=None
    )
    origin_title = forms.CharField(label=_("来源说明（如交办文件）"), max_length=120, required=False)


class StageForm(forms.Form):
    held_on = forms.DateField(label=_("会议日期"), required=False, widget=DATE)
    place = forms.CharField(label=_("会议地点"), max_length=100, required=False)
    resolution_kind = forms.ChoiceField(label=_("决议会议"), choices=(), required=False)
    present_residents = forms.TypedMultipleChoiceField(
        label=_("到会人员（按组织名单勾选；不勾选时填写到会人数）"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    present = forms.IntegerField(label=_("到会人数"), min_value=0, required=False)
    households_present = forms.IntegerField(label=_("到会户代表数"), min_value=0, required=False)
    in_favour = forms.IntegerField(label=_("赞成"), min_value=0, required=False)
    against = forms.IntegerField(label=_("反对"), min_value=0, required=False, initial=0)
    abstaining = forms.IntegerField(label=_("弃权"), min_value=0, required=False, initial=0)
    opinion = forms.CharField(
        label=_("会议意见"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = meeting_document_field(MINUTES_UPLOAD_LABEL)
    sign_in = meeting_document_field(SIGN_IN_UPLOAD_LABEL)


class StageConveneForm(forms.Form):
    """Convene the stage's meeting (gongzhi.meetings: the notice, the roll, the vote on the meetings pages)."""

    held_on = forms.DateField(label=_("会议日期"), required=False, widget=DATE)
    starts_at = forms.TimeField(
        label=_("开始时间（可不填）"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("会议地点"), max_length=100, required=False)
    resolution_kind = forms.ChoiceField(label=_("决议会议"), choices=(), required=False)
    method = forms.ChoiceField(label=_("表决方式"), choices=MeetingMethod.choices, required=False)
    urgency_reason = forms.CharField(
        label=_("紧急召开的理由（通知不足规定天数时必填）"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StageTakeForm(forms.Form):
    """Take a held meeting's vote as the stage's verdict."""

    agenda_item = forms.IntegerField(widget=forms.HiddenInput)
    opinion = forms.CharField(
        label=_("会议意见"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("公开日期"), required=False, widget=DATE)
    where = forms.CharField(label=_("公开方式"), max_length=100, required=False, initial=_("村(居)务公开栏"))
    text = forms.CharField(label=_("公开内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("任务名称"), max_length=60)
    body = forms.CharField(
        label=_("任务说明"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskMoveForm(forms.Form):
    verb = forms.CharField(max_length=20, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("进展说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("监督意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("验收意见"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PowerItemForm(forms.Form):
    name = forms.CharField(label=_("权力事项"), max_length=60)
    basis = forms.CharField(label=_("依据"), max_length=300)
    decider = forms.CharField(label=_("决策主体"), max_length=100)
    stages = forms.MultipleChoiceField(
        label=_("决策环节（不选：按办理流程办理，不经四议两公开）"),
        choices=[(key, Stage(key).label) for key in STAGES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    resolution_body = forms.ChoiceField(label=_("决议会议"), choices=ResolutionBody.choices)
    procedure = forms.CharField(label=_("办理流程"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    publish = forms.CharField(label=_("公开内容"), max_length=300)
    flow = forms.CharField(
        label=_("办理步骤（每行一步：核实、会议 会议名称、公示 天数、签批、报送，后面可写步骤名称）"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    active = forms.BooleanField(label=_("在用"), required=False)
