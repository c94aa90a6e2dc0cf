"""Named domain errors: what an action refuses, with a message for the user.

Interfaces turn a DomainError into a form error, a message or a JSON body
with the stable `code`; a PermissionDenied becomes 403 and a NotFound 404.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    default_message = _("操作无法完成。")
    status = 400

    def __init__(self, message: str | None = None, *, field: str | None = None, code: str | None = None):
        self.message = str(message or self.default_message)
        self.field = field
        if code:
            self.code = code
        super().__init__(self.message)


class NotPermitted(DomainError):
    code = "forbidden"
    default_message = _("您没有权限执行此操作。")
    status = 403


class NotFound(DomainError):
    code = "not_found"
    default_message = _("未找到该记录，或您无权查看。")
    status = 404


class Conflict(DomainError):
    code = "conflict"
    default_message = _("数据已被他人修改，请刷新后重试。")
    status = 409
