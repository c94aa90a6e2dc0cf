"""Suggestions and complaints about gongzhi over the API: the same selectors, actions and rules as the pages.

Reads: the token user's own, the township office's inbox and counts, one (404 outside reach), the categories
(the catalogue's and a township's own). Writes: file one (Idempotency-Key), answer, correct an answer (with a
reason), withdraw; the township office adds, renames, retires and restores its township's own categories. A
visitor files and reads the answer by receipt code on the pages (the API needs a token).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Category, Feedback

router = Router(tags=["意见建议 feedback"])


class CategoryOut(Schema):
    id: int
    name: str
    township_id: int | None  # None: the catalogue's (every township's)
    retired: bool


class CategoryIn(Schema):
    name: str


class RetireIn(Schema):
    retired: bool = True


class FeedbackOut(Schema):
    id: int
    township_id: int
    township_name: str
    kind: str
    category: str
    text: str
    page: str
    who: str  # masked
    state: str
    state_label: str
    due_at: dt.datetime
    overdue: bool
    answer: str
    answered_at: dt.datetime | None
    corrected_at: dt.datetime | None
    correction_reason: str
    created_at: dt.datetime


class FeedbackIn(Schema):
    township_id: ApiId | None = None  # may be left out when the user belongs to one township only
    kind: str
    category_id: ApiId
    text: str
    page: str = ""


class AnswerIn(Schema):
    answer: str


class CorrectIn(Schema):
    answer: str
    reason: str


class CountsOut(Schema):
    township_id: int
    township_name: str
    received: int
    answered: int
    open: int
    overdue: int
    mean_workdays: float | None


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _out(f: Feedback) -> dict:
    return {
        "id": f.pk, "township_id": f.township_id, "township_name": f.township.name, "kind": f.kind,
        "category": f.category.name, "text": f.text, "page": f.page, "who": selectors.filer_label(f),
        "state": f.state, "state_label": f.get_state_display(), "due_at": f.due_at, "overdue": f.overdue,
        "answer": f.answer, "answered_at": f.answered_at, "corrected_at": f.corrected_at,
        "correction_reason": f.correction_reason, "created_at": f.created_at,
    }  # fmt: skip


def _category(c: Category) -> dict:
    return {"id": c.pk, "name": c.name, "township_id": c.township_id, "retired": c.retired}


@router.get(
    "/feedback/categories",
    response=list[CategoryOut],
    summary=gettext_noop("可选的意见建议类别（默认类别和所在镇添加的）"),
)
def category_list(request, township_id: ApiId | None = None):
    """Given a township: the catalogue's and that township's own; else those of the user's townships."""
    if township_id is not None:
        townships = list(selectors.townships_all().filter(pk=township_id))
    else:
        townships = selectors.townships_of(request.auth)
    catalogue, own = selectors.categories_offered(townships)
    return [_category(c) for c in catalogue] + [_category(c) for _t, rows in own for c in rows]


def _keeper_township(request, township_id: int):
    if not request.auth.has_perm("feedback.keep_categories"):
        raise PermissionDenied()
    return _found(lambda: selectors.township_get_for(viewer=request.auth, township_id=township_id))


@router.get(
    "/feedback/categories/{township_id}",
    response=list[CategoryOut],
    summary=gettext_noop("本镇的意见建议类别（默认类别和本镇添加的，含已停用的）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def township_category_list(request, township_id: ApiId):
    township = _keeper_township(request, township_id)
    return [_category(c) for c in selectors.categories(township, retired=True)]


@router.post(
    "/feedback/categories/{township_id}",
    response={201: CategoryOut},
    summary=gettext_noop("添加本镇的意见建议类别"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def category_create(request, township_id: ApiId, payload: CategoryIn, idempotency_key: IdempotencyKey = None):
    township = _keeper_township(request, township_id)
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.category_save(actor=request.auth, township=township, name=payload.name),
    )  # fmt: skip
    return Status(201, _category(made))


@router.post(
    "/feedback/categories/{township_id}/{category_id}/edit",
    response=CategoryOut,
    summary=gettext_noop("修改本镇添加的意见建议类别的名称"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def category_edit(request, township_id: ApiId, category_id: ApiId, payload: CategoryIn):
    township = _keeper_township(request, township_id)
    found = _found(lambda: selectors.own_category_get(township, category_id))
    return _category(
        actions.category_save(actor=request.auth, township=township, category=found, name=payload.name)
    )


@router.post(
    "/feedback/categories/{township_id}/{category_id}/retire",
    response=CategoryOut,
    summary=gettext_noop("停用（或恢复使用）本镇添加的意见建议类别"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def category_retire(request, township_id: ApiId, category_id: ApiId, payload: RetireIn):
    township = _keeper_township(request, township_id)
    found = _found(lambda: selectors.own_category_get(township, category_id))
    return _category(actions.category_retire(actor=request.auth, category=found, retired=payload.retired))


@router.get("/feedback", response=list[FeedbackOut], summary=gettext_noop("我提过的意见建议"))
def mine(request):
    return [_out(f) for f in selectors.mine_for(viewer=request.auth)[:200]]


@router.post("/feedback", response={201: FeedbackOut}, summary=gettext_noop("对本平台提建议或投诉"))
def file(request, payload: FeedbackIn, idempotency_key: IdempotencyKey = None):
    mine = selectors.townships_of(request.auth) or list(selectors.townships_all())
    township = next((t for t in mine if t.pk == payload.township_id), None)
    if township is None and payload.township_id is None and len(mine) == 1:
        township = mine[0]
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.feedback_file(
            actor=request.auth, township=township, kind=payload.kind,
            category=selectors.category_get(payload.category_id), text=payload.text, page=payload.page,
        ),
    )  # fmt: skip
    return Status(201, _out(made))


@router.get(
    "/feedback/inbox",
    response=list[FeedbackOut],
    summary=gettext_noop("本镇收到的意见建议（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def inbox(request, state: str = ""):
    if not request.auth.has_perm("feedback.answer"):
        raise PermissionDenied()
    return [_out(f) for f in selectors.inbox_for(viewer=request.auth, state=state)[:500]]


@router.get(
    "/feedback/counts",
    response=list[CountsOut],
    summary=gettext_noop("各镇收到、答复、超期的意见建议数和平均答复用时"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def counts(request):
    if not request.auth.has_perm("feedback.answer"):
        raise PermissionDenied()
    return [
        {"township_id": c.township.pk, "township_name": c.township.name, "received": c.received,
         "answered": c.answered, "open": c.open, "overdue": c.overdue, "mean_workdays": c.mean_workdays}
        for c in selectors.counts_for(viewer=request.auth)
    ]  # fmt: skip


@router.get("/feedback/{feedback_id}", response=FeedbackOut, summary=gettext_noop("一条意见建议和它的答复"))
def detail(request, feedback_id: ApiId):
    return _out(_found(lambda: selectors.feedback_get_for(viewer=request.auth, feedback_id=feedback_id)))


@router.post(
    "/feedback/{feedback_id}/answer",
    response=FeedbackOut,
    summary=gettext_noop("答复（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def answer(request, feedback_id: ApiId, payload: AnswerIn):
    found = _found(lambda: selectors.feedback_get_for(viewer=request.auth, feedback_id=feedback_id))
    if not request.auth.has_perm("feedback.answer", found):
        raise PermissionDenied()
    return _out(actions.feedback_answer(actor=request.auth, feedback=found, answer=payload.answer))


@router.post(
    "/feedback/{feedback_id}/correct",
    response=FeedbackOut,
    summary=gettext_noop("更正答复，说明原因（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def correct(request, feedback_id: ApiId, payload: CorrectIn):
    found = _found(lambda: selectors.feedback_get_for(viewer=request.auth, feedback_id=feedback_id))
    if not request.auth.has_perm("feedback.answer", found):
        raise PermissionDenied()
    return _out(
        actions.feedback_answer_correct(
            actor=request.auth, feedback=found, answer=payload.answer, reason=payload.reason
        )
    )


@router.post(
    "/feedback/{feedback_id}/withdraw",
    response=FeedbackOut,
    summary=gettext_noop("撤回（提出人）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def withdraw(request, feedback_id: ApiId):
    found = _found(lambda: selectors.feedback_get_for(viewer=request.auth, feedback_id=feedback_id))
    if not request.auth.has_perm("feedback.withdraw", found):
        raise PermissionDenied()
    return _out(actions.feedback_withdraw(actor=request.auth, feedback=found))
