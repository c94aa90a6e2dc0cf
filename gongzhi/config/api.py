"""/api/v1/: one NinjaAPI with token auth; errors are JSON with a stable code and a Chinese message."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gongzhi.accounts.api import TokenAuth
from gongzhi.activities.api import router as activities_router
from gongzhi.areas.api import router as areas_router
from gongzhi.ballots.api import router as ballots_router
from gongzhi.bodies.api import router as bodies_router
from gongzhi.budgeting.api import router as budgeting_router
from gongzhi.cases.api import router as cases_router
from gongzhi.core.api_input import StrictJsonParser
from gongzhi.core.errors import DomainError
from gongzhi.core.idempotency import HEADER as IDEMPOTENCY_HEADER
from gongzhi.core.middleware import api_error_body
from gongzhi.disclosures.api import router as disclosures_router
from gongzhi.elections.api import router as elections_router
from gongzhi.facilities.api import router as facilities_router
from gongzhi.feedback.api import router as feedback_router
from gongzhi.funds.api import router as funds_router
from gongzhi.hall.api.applications import router as hall_router
from gongzhi.hall.api.catalogue import router as hall_catalogue_router
from gongzhi.hall.api.desk import router as hall_desk_router
from gongzhi.hall.api.office import router as hall_office_router
from gongzhi.hall.api.stats import router as hall_stats_router
from gongzhi.legal.api import router as legal_router
from gongzhi.mediation.api import router as mediation_router
from gongzhi.meetings.api import router as meetings_router
from gongzhi.merit.api import router as merit_router
from gongzhi.offers.api import router as offers_router
from gongzhi.orgs.api import router as orgs_router
from gongzhi.oversight.api import router as oversight_router
from gongzhi.pairing.api import router as pairing_router
from gongzhi.pledges.api import router as pledges_router
from gongzhi.points.api import router as points_router
from gongzhi.polls.api import router as polls_router
from gongzhi.residents.api import router as residents_router
from gongzhi.rulebook.api import router as rulebook_router
from gongzhi.selfgov.api.decisions import router as selfgov_decisions_router
from gongzhi.selfgov.api.decisions_power import router as selfgov_power_router
from gongzhi.selfgov.api.decisions_tasks import router as selfgov_decision_tasks_router
from gongzhi.selfgov.api.proposals import router as selfgov_proposals_router
from gongzhi.selfgov.api.proposals_settings import router as selfgov_proposal_settings_router
from gongzhi.situations.api import router as situations_router
from gongzhi.wishes.api import router as wishes_router
from gongzhi.workforce.api import router as workforce_router

API_DESCRIPTION = gettext_noop("""乡镇社区治理平台接口。数据按令牌所属用户的管辖范围返回，个人信息默认脱敏。

## 获取令牌

1. 用您的账号登录网站，打开“我的信息”页面（`/me/`）。
2. 在“接口令牌”一栏填写令牌名称（用途，例如“统计报表”），点击“创建令牌”。
3. 令牌（以 `gz_` 开头）只在创建后显示这一次，请立即复制保存；系统只保存它的摘要，丢失后无法找回，只能新建。

令牌的权限与账号相同：账号有什么角色、管哪些区域，令牌就能读写哪些数据。不再使用、或可能泄露时，请在同一页面点“吊销”，吊销立即生效；账号停用时其全部令牌一并吊销。创建和吊销都记入审计日志。

## 使用令牌

在每个请求的 `Authorization` 头中写 `Bearer` 加令牌：

```
curl -H "Authorization: Bearer gz_您的令牌" https://您的站点/api/v1/wishes
```

没有令牌、令牌错误或已吊销时，接口返回 401 和 `{"code": "unauthenticated", "message": …}`。
""")

ERROR_SCHEMA = {
    "title": "ApiError",
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": gettext_lazy("稳定的英文错误代码，如 not_found、invalid")},
        "message": {"type": "string", "description": gettext_lazy("给用户看的说明（默认简体中文）")},
        "details": {
            "description": gettext_lazy("参数错误时逐项列出 {field, message}；业务错误时可含 {field}")
        },
    },
}
ERROR_DESCRIPTIONS = {
    "400": gettext_lazy(
        "请求内容无法解析（须为 UTF-8 JSON），或操作被拒绝（当前状态不允许、输入不符合要求）"
    ),
    "401": gettext_lazy("未认证：缺少或无效的 Bearer 令牌"),
    "403": gettext_lazy("无权执行此操作"),
    "404": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）"),
    "409": gettext_lazy("冲突：数据已被他人修改、名额已满，或同一 Idempotency-Key 的请求正在处理"),
    "413": gettext_lazy("请求内容过大"),
    "422": gettext_lazy("参数校验失败（details 逐项列出），或 Idempotency-Key 已用于内容不同的请求"),
}


def error_codes_of(method: str, operation: dict) -> set[str]:
    """The 4xx answers an operation gives, from what it takes (the handlers and middleware behind them)."""
    params = operation.get("parameters", [])
    codes = {"401"}  # every operation needs a token
    if params or "requestBody" in operation:
        codes.add("422")
    if any(p["in"] == "path" or p["name"].endswith("_id") for p in params):
        codes.add("404")
    if method == "post":
        # actions: refused by state or input (400), by role (403), by a conflict (409); any body past
        # the size limit (413, answered before the operation runs, with or without a declared body)
        codes |= {"400", "403", "409", "413"}
    if any(p["in"] == "header" and p["name"] == IDEMPOTENCY_HEADER for p in params):
        codes |= {"409", "422"}
    declared = {str(code) for code in operation.get("responses", {})}
    return codes | {code for code in declared if code.startswith("4")}


def _translated(value):
    """`value` with every lazy translation in it made a string in the active language."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _translated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_translated(item) for item in value]
    return value


class GongzhiApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The schema in the request's language: the texts marked with gettext_noop (the description,
        each operation's summary) and gettext_lazy (the error answers) translated here."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["info"]["description"] = _(schema["info"]["description"])
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("summary"):
                    operation["summary"] = _(operation["summary"])
        return _translated(self._with_errors(schema))

    def _with_errors(self, schema):
        schema.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for code in sorted(error_codes_of(method, operation)):
                    responses[code] = {"description": ERROR_DESCRIPTIONS[code], "content": error}
        return schema


api = GongzhiApi(
    title="共治 gongzhi API",
    version="1.0.0",
    description=API_DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    parser=StrictJsonParser(),
)
api.add_router("/areas", areas_router)
api.add_router("/", residents_router)
api.add_router("/", bodies_router)
api.add_router("/", wishes_router)
api.add_router("/", situations_router)
api.add_router("/", offers_router)
api.add_router("/", activities_router)
api.add_router("/", cases_router)
api.add_router("/", ballots_router)
api.add_router("/", disclosures_router)
api.add_router("/", orgs_router)
api.add_router("/", polls_router)
api.add_router("/", merit_router)
api.add_router("/", legal_router)
api.add_router("/", pledges_router)
api.add_router("/", points_router)
api.add_router("/", elections_router)
api.add_router("/", pairing_router)
api.add_router("/", facilities_router)
api.add_router("/", rulebook_router)
api.add_router("/", workforce_router)
api.add_router("/", oversight_router)
api.add_router("/", feedback_router)
api.add_router("/", funds_router)
api.add_router("/", budgeting_router)
api.add_router("/", hall_catalogue_router)
# The desk's first: its /hall/applications/for and /proxy-request come before the detail's /{application_id}.
api.add_router("/", hall_desk_router)
api.add_router("/", hall_router)
api.add_router("/", hall_office_router)
api.add_router("/", hall_stats_router)
api.add_router("/", meetings_router)
api.add_router("/", selfgov_decisions_router)
api.add_router("/", selfgov_power_router)
api.add_router("/", selfgov_decision_tasks_router)
api.add_router("/", selfgov_proposals_router)
api.add_router("/", selfgov_proposal_settings_router)
api.add_router("/", mediation_router)


def _error(request, code: str, message: str, status: int, details=None):
    body = {"code": code, "message": message}
    if details:
        body["details"] = details
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    details = {"field": exc.field} if exc.field else None
    return _error(request, exc.code, exc.message, exc.status, details)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(
        request, "unauthenticated", _("未认证：请在 Authorization 头中提供有效的 Bearer 令牌。"), 401
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, "forbidden", _("您没有权限执行此操作。"), 403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, "not_found", _("未找到该记录，或您无权查看。"), 404)


# pydantic's error types, in the words of the API's own messages (its English is kept for any other type).
_FIELD_MESSAGES = {
    "missing": gettext_noop("必填。"),
    "int_parsing": gettext_noop("须为整数。"),
    "int_type": gettext_noop("须为整数。"),
    "float_parsing": gettext_noop("须为数字。"),
    "bool_parsing": gettext_noop("须为 true 或 false。"),
    "date_from_datetime_parsing": gettext_noop("须为日期（YYYY-MM-DD）。"),
    "date_parsing": gettext_noop("须为日期（YYYY-MM-DD）。"),
    "datetime_parsing": gettext_noop("须为日期时间（ISO 8601）。"),
    "datetime_from_date_parsing": gettext_noop("须为日期时间（ISO 8601）。"),
    "string_type": gettext_noop("须为文字。"),
    "string_too_short": gettext_noop("至少 %(min_length)s 个字符。"),
    "string_too_long": gettext_noop("不能超过 %(max_length)s 个字符。"),
    "string_pattern_mismatch": gettext_noop("格式不正确。"),
    "greater_than_equal": gettext_noop("不能小于 %(ge)s。"),
    "greater_than": gettext_noop("须大于 %(gt)s。"),
    "less_than_equal": gettext_noop("不能大于 %(le)s。"),
    "less_than": gettext_noop("须小于 %(lt)s。"),
}


def _field_message(err: dict) -> str:
    template = _FIELD_MESSAGES.get(str(err.get("type", "")))
    if template is None:
        return str(err.get("msg", ""))
    message = _(template)
    return message % dict(err.get("ctx") or {}) if "%(" in template else message


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    fields = [
        {"field": ".".join(str(p) for p in err.get("loc", [])[1:]), "message": _field_message(err)}
        for err in exc.errors
    ]
    return _error(request, "invalid", _("请求参数不正确。"), 422, fields)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # ninja raises HttpError(400) for a body its parser refused (bad JSON, a lone surrogate, ...).
    if exc.status_code == 400:
        message = _("请求内容无法解析：请发送 UTF-8 编码的 JSON 对象，文字中不能含有无效字符。")
        return _error(request, "bad_request", message, 400)
    body = api_error_body(exc.status_code)
    return _error(request, body["code"], body["message"], exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    body = api_error_body(413)
    return _error(request, body["code"], body["message"], 413)
