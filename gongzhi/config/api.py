"""/api/v1/: one NinjaAPI with token auth; errors are JSON with a stable code and a Chinese message."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gongzhi.accounts.api import TokenAuth
from gongzhi.areas.api import router as areas_router
from gongzhi.core.api_input import StrictJsonParser
from gongzhi.core.errors import DomainError
from gongzhi.core.middleware import api_error_body
from gongzhi.offers.api import router as offers_router
from gongzhi.residents.api import router as residents_router
from gongzhi.situations.api import router as situations_router
from gongzhi.wishes.api import router as wishes_router

api = NinjaAPI(
    title="共治 gongzhi API",
    version="1.0.0",
    description="乡镇社区治理平台接口。所有接口需使用 Bearer 令牌认证，数据按令牌所属用户的管辖范围返回，个人信息默认脱敏。",
    auth=TokenAuth(),
    urls_namespace="api",
    parser=StrictJsonParser(),
)
api.add_router("/areas", areas_router)
api.add_router("/", residents_router)
api.add_router("/", wishes_router)
api.add_router("/", situations_router)
api.add_router("/", offers_router)


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
    return _error(request, "unauthenticated", "未认证：请在 Authorization 头中提供有效的 Bearer 令牌。", 401)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, "forbidden", "您没有权限执行此操作。", 403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, "not_found", "未找到该记录，或您无权查看。", 404)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    fields = [
        {"field": ".".join(str(p) for p in err.get("loc", [])[1:]), "message": str(err.get("msg", ""))}
        for err in exc.errors
    ]
    return _error(request, "invalid", "请求参数不正确。", 422, fields)


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
