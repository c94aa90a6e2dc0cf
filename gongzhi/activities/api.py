"""Activities over the API: the same actions and rules as the pages.

Activities are public to any token (no personal data). The sign-ups of an
activity are for its organiser and staff over it, each person named as on the
pages (in full to staff over the resident, masked to an organisation). The
report's text is written here, with or without its photos (a multipart form; EXIF stripped as on the page).
The organiser edits an activity before it starts and reads the activities they organise, as on the pages.
"""

import datetime as dt
import hashlib

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import File, Form, Router, Schema, UploadedFile

from gongzhi.areas.selectors import communities_public, community_public_get
from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.authz import authorize, can
from gongzhi.core.errors import NotFound, NotPermitted
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.core.images import image_clean

from . import actions, selectors
from .models import Activity, SignUp
from .workflow import PLACES

router = Router(tags=["活动 activities"])


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    place: str
    audience: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int | None
    places_left: int | None
    series: str
    kind: str
    volunteer: bool
    hours: float
    state: str
    state_label: str
    community_id: int
    community_name: str
    organiser: str
    report: str
    created_at: dt.datetime


class ActivityDetailOut(ActivityOut):
    my_signup_id: int | None
    my_signup_state: str
    allowed_moves: list[str]


class SignUpOut(Schema):
    id: int
    activity_id: int
    who: str
    state: str
    state_label: str
    assisted: bool
    created_at: dt.datetime


class ActivityIn(Schema):
    community_id: ApiId
    organisation_id: ApiId | None = None
    series_id: ApiId
    kind_id: ApiId
    title: str
    description: str
    place: str
    audience: str = ""
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int | None = None
    volunteer: bool = False


class ActivityEditIn(Schema):
    series_id: ApiId
    kind_id: ApiId
    title: str
    description: str
    place: str
    audience: str = ""
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int | None = None
    volunteer: bool = False


class AssistedIn(Schema):
    resident_id: ApiId
    consent_channel: str


class AttendanceIn(Schema):
    signup_ids: list[ApiId]


class ReportIn(Schema):
    report: str


class ReasonIn(Schema):
    reason: str = ""


def _out(activity: Activity) -> dict:
    return {
        "id": activity.pk,
        "title": activity.title,
        "description": activity.description,
        "place": activity.place,
        "audience": activity.audience,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "places": activity.places,
        "places_left": selectors.places_left(activity),
        "series": activity.series.name,
        "kind": activity.kind.name,
        "volunteer": activity.volunteer,
        "hours": float(actions.credit_hours(activity)),
        "state": activity.state,
        "state_label": activity.get_state_display(),
        "community_id": activity.community_id,
        "community_name": activity.community.name,
        "organiser": selectors.organiser_label(activity),
        "report": activity.report if activity.state == "open" else "",
        "created_at": activity.created_at,
    }


def _get(activity_id: int) -> Activity:
    try:
        return selectors.activity_get(activity_id)
    except NotFound:
        raise Http404() from None


def _detail(activity_id: int, user) -> dict:
    activity = _get(activity_id)
    mine = selectors.own_signup(viewer=user, activity=activity)
    return {
        **_out(activity),
        "my_signup_id": mine.pk if mine else None,
        "my_signup_state": mine.state if mine else "",
        "allowed_moves": [
            m for m, allowed in selectors.activity_moves_for(user, activity).items() if allowed
        ],
    }


def _signup_out(signup: SignUp, user) -> dict:
    return PLACES.taking_out(signup, who=selectors.signer_label(signup, viewer=user))


def _signup(request, signup_id: int) -> SignUp:
    try:
        return selectors.signup_get_for(viewer=request.auth, signup_id=signup_id)
    except NotFound:
        raise Http404() from None


@router.get(
    "/activities",
    response=list[ActivityOut],
    summary=gettext_noop("近期活动（需令牌；不含个人信息）；可按村(社区)筛选"),
)
def activity_list(request, community_id: ApiId | None = None):
    community = None
    if community_id:
        try:
            community = community_public_get(community_id)
        except NotFound:
            raise Http404() from None
    return [_out(a) for a in selectors.upcoming_for(community=community)[:200]]


@router.get(
    "/activities/signups/mine", response=list[SignUpOut], summary=gettext_noop("我的报名（含我代居民报名的）")
)
def my_signups(request):
    return [_signup_out(s, request.auth) for s in selectors.mine_for(viewer=request.auth)[:200]]


@router.get(
    "/activities/organised/mine",
    response=list[ActivityOut],
    summary=gettext_noop("我组织的活动（本人发布的，或以我代表的社会组织名义发布的）"),
)
def my_organised(request):
    return [_out(a) for a in selectors.organised_by(viewer=request.auth)[:200]]


@router.get(
    "/activities/{activity_id}",
    response=ActivityDetailOut,
    summary=gettext_noop("活动详情、剩余名额和我能做的操作"),
)
def detail(request, activity_id: ApiId):
    return _detail(activity_id, request.auth)


@router.get(
    "/activities/{activity_id}/signups",
    response=list[SignUpOut],
    summary=gettext_noop("报名名单（组织方和村社区工作人员；社会组织看到姓氏）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def signups(request, activity_id: ApiId):
    activity = _get(activity_id)
    return [
        _signup_out(s, request.auth) for s in selectors.signups_of(viewer=request.auth, activity=activity)
    ]


@router.post(
    "/activities",
    response={201: ActivityDetailOut},
    summary=gettext_noop("发布活动（村社区干部，或社会组织代表以组织名义）"),
)
def create(request, payload: ActivityIn, idempotency_key: IdempotencyKey = None):
    community = communities_public().filter(pk=payload.community_id).first()
    activity = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.activity_publish(
            actor=request.auth,
            community=community,
            organisation_id=payload.organisation_id,
            title=payload.title,
            description=payload.description,
            place=payload.place,
            audience=payload.audience,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            places=payload.places,
            series_id=payload.series_id,
            kind_id=payload.kind_id,
            volunteer=payload.volunteer,
        ),
    )
    return 201, _detail(activity.pk, request.auth)


@router.post(
    "/activities/{activity_id}/signup",
    response={201: SignUpOut},
    summary=gettext_noop("报名（本人）；名额满时 409"),
)
def sign_up(request, activity_id: ApiId, idempotency_key: IdempotencyKey = None):
    activity = _get(activity_id)
    signup = idempotent_create(
        request, idempotency_key, None, lambda: actions.signup_create(actor=request.auth, activity=activity)
    )
    return 201, _signup_out(signup, request.auth)


@router.post(
    "/activities/{activity_id}/signup-assisted",
    response={201: SignUpOut},
    summary=gettext_noop("代居民报名（网格员、窗口人员、村社区干部），须记录居民同意方式"),
)
def sign_up_assisted(
    request, activity_id: ApiId, payload: AssistedIn, idempotency_key: IdempotencyKey = None
):
    from gongzhi.accounts.roles import REGISTER_READERS
    from gongzhi.residents.selectors import resident_get_for

    activity = _get(activity_id)
    authorize(request.auth, "activities.sign_up_assisted")
    try:
        resident = resident_get_for(
            viewer=request.auth, resident_id=payload.resident_id, roles=REGISTER_READERS
        )
    except NotFound:
        raise Http404() from None
    signup = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.signup_create_assisted(
            actor=request.auth, activity=activity, resident=resident, consent_channel=payload.consent_channel
        ),
    )
    return 201, _signup_out(signup, request.auth)


@router.post(
    "/activities/signups/{signup_id}/withdraw",
    response=SignUpOut,
    summary=gettext_noop("退出报名（本人或代办人；活动开始前）"),
)
def withdraw(request, signup_id: ApiId):
    signup = actions.signup_withdraw(actor=request.auth, signup=_signup(request, signup_id))
    return _signup_out(signup, request.auth)


@router.post(
    "/activities/{activity_id}/attendance",
    response=list[SignUpOut],
    summary=gettext_noop("记录参加（组织方；活动开始后）；志愿服务活动计服务时长"),
)
def attendance(request, activity_id: ApiId, payload: AttendanceIn):
    marked = actions.attendance_mark(
        actor=request.auth, activity=_get(activity_id), signup_ids=list(payload.signup_ids)
    )
    return [_signup_out(s, request.auth) for s in marked]


@router.post(
    "/activities/{activity_id}/report",
    response=ActivityDetailOut,
    summary=gettext_noop(
        "发布或修改活动报道的文字（组织方；活动开始后）；带照片的报道用 report-with-photos 上传"
    ),
)
def report(request, activity_id: ApiId, payload: ReportIn):
    actions.report_save(actor=request.auth, activity=_get(activity_id), text=payload.report)
    return _detail(activity_id, request.auth)


def _fingerprint_of(payload: Schema, photos: list[UploadedFile] | None) -> dict:
    """The form fields and the photos' content, for Idempotency-Key: a retry must send the same photos."""
    digests = []
    for upload in photos or []:
        upload.seek(0)
        digests.append(hashlib.sha256(upload.read()).hexdigest())
        upload.seek(0)
    return {**payload.dict(), "photos": digests}


@router.post(
    "/activities/{activity_id}/report-with-photos",
    response=ActivityDetailOut,
    summary=gettext_noop(
        "发布或修改活动报道并添加照片（组织方；活动开始后）：文字和照片以 multipart 上传，照片去除 EXIF，每篇最多9张"
    ),
)
def report_with_photos(
    request,
    activity_id: ApiId,
    payload: Form[ReportIn],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    idempotency_key: IdempotencyKey = None,
):
    activity = _get(activity_id)
    if not can(request.auth, "activities.organise", activity):
        raise NotPermitted(_("只有活动的组织方才能发布活动报道。"))
    # Decoded and cleaned before the action's transaction, as on the page; the action counts and stores them.
    cleaned = [image_clean(upload) for upload in photos or []]
    idempotent_create(
        request,
        idempotency_key,
        _fingerprint_of(payload, photos) if idempotency_key else None,
        lambda: actions.report_save(
            actor=request.auth, activity=activity, text=payload.report, photos=cleaned
        ),
    )
    return _detail(activity_id, request.auth)


@router.post(
    "/activities/{activity_id}/cancel",
    response=ActivityDetailOut,
    summary=gettext_noop("取消活动（组织方；活动开始前），已报名的人收到通知"),
)
def cancel(request, activity_id: ApiId, payload: ReasonIn):
    actions.activity_cancel(actor=request.auth, activity=_get(activity_id), reason=payload.reason)
    return _detail(activity_id, request.auth)


@router.post(
    "/activities/{activity_id}/edit",
    response=ActivityDetailOut,
    summary=gettext_noop("修改活动（组织方；活动开始前）：时间或地点有变时，已报名的人收到通知"),
)
def edit(request, activity_id: ApiId, payload: ActivityEditIn):
    actions.activity_edit(
        actor=request.auth,
        activity=_get(activity_id),
        title=payload.title,
        description=payload.description,
        place=payload.place,
        audience=payload.audience,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        places=payload.places,
        series_id=payload.series_id,
        kind_id=payload.kind_id,
        volunteer=payload.volunteer,
    )
    return _detail(activity_id, request.auth)
