"""Password rules, every message in our own words (Chinese by default, English from our catalogue).

等保 8.1.4.1a asks for password complexity: at least N of the four character
classes (CharacterClassValidator). Django's four validators are used as they
are, with their messages replaced: Django's Chinese catalogue lacks some of
them (the short-password message came out in English on a Chinese page),
and a message a resident reads should not depend on another project's
translation status.
"""

import string

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("密码太短，至少需要%(n)d个字符。") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少%(n)d个字符。") % {"n": self.min_length}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("密码与账号的%(verbose_name)s太相似，请换一个。")

    def get_help_text(self) -> str:
        return _("密码不能与您的用户名、姓名、电子邮箱等个人信息太相似。")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("这个密码太常见，容易被猜到，请换一个。")

    def get_help_text(self) -> str:
        return _("不能使用常见密码。")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("密码不能全是数字。")

    def get_help_text(self) -> str:
        return _("密码不能全是数字。")


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def _classes(self, password: str) -> int:
        checks = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or not c.isalnum() for c in password),
        ]
        return sum(checks)

    def validate(self, password: str, user=None) -> None:
        if self._classes(password) < self.min_classes:
            raise ValidationError(
                _("密码需包含大写字母、小写字母、数字、符号中的至少%(n)d类。") % {"n": self.min_classes},
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return _("密码需包含大写字母、小写字母、数字、符号中的至少%(n)d类。") % {"n": self.min_classes}
