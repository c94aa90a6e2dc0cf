"""/api/v1/: one NinjaAPI with token auth; errors are JSON with a stable code and a Chinese message."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from gongzhi.accounts.api import TokenAuth
from gongzhi.areas.api import router as areas_router
from gongzhi.core.errors import DomainError
from gongzhi.offers.api import router as offers_router
from gongzhi.residents.api import router as residents_router
from gongzhi.situations.api import router as situations_router
from gongzhi.wishes.api import router as wishes_router

API_DESCRIPTION = """\
乡镇社区治理平台接口。数据按令牌所属用户的管辖范围返回，个人信息默认脱敏。

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
"""

api = NinjaAPI(
    title="共治 gongzhi API",
    version="1.0.0",
    description=API_DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
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
