"""Validators for Chinese identifiers, each answering in the user's language.

ID numbers (GB 11643) and credit codes (GB 32100) are checked with
python-stdnum; phones with libphonenumber's metadata.
"""

import datetime as dt
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exc
from stdnum.cn import ric

_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_AREA_CODE = re.compile(r"^\d{12}$")


def normalize_id_number(value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "").strip().upper().replace(" ", "")
    return value


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalised 18-digit ID number or raise ValidationError.

    The region prefix is not checked against a code list: old codes stay in
    use long after a county is renamed, so an unfamiliar prefix is no error.
    """
    number = normalize_id_number(value)
    if not _ID_SHAPE.match(number):
        raise ValidationError(_("身份证号应为18位，前17位为数字，最后一位为数字或X。"), code="id_shape")
    try:
        birth = ric.get_birth_date(number)
    except (stdnum_exc.ValidationError, ValueError):
        raise ValidationError(_("身份证号中的出生日期无效。"), code="id_birth") from None
    today = today or timezone.localdate()
    if birth > today or birth.year < 1880:
        raise ValidationError(_("身份证号中的出生日期不合理。"), code="id_birth")
    if ric.calc_check_digit(number) != number[17]:  # stdnum expects the check digit included
        raise ValidationError(_("身份证号校验位错误，请核对后重新输入。"), code="id_checksum")
    return number


def id_birth_date(number: str) -> dt.date:
    return ric.get_birth_date(number)


def id_gender(number: str) -> str:
    return "M" if int(number[16]) % 2 == 1 else "F"


def normalize_phone(value: str) -> str:
    digits = unicodedata.normalize("NFKC", value or "").strip()
    digits = re.sub(r"[\s\-()]", "", digits)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def validate_phone(value: str) -> str:
    """Return the 11-digit mainland mobile number or raise ValidationError."""
    digits = normalize_phone(value)
    if not re.fullmatch(r"1[3-9]\d{9}", digits):
        raise ValidationError(_("手机号应为11位中国大陆手机号码。"), code="phone_shape")
    parsed = phonenumbers.parse(digits, "CN")
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(_("手机号号段不存在，请核对。"), code="phone_range")
    return digits


def validate_area_code(value: str) -> str:
    """12-digit statistical division code (统计用区划代码): PPCCDDTTTVVV.

    Province 11–82, and the lower levels must be consistent: a village-level
    code needs its township, county and city parts.
    """
    code = (value or "").strip()
    if not _AREA_CODE.match(code):
        raise ValidationError(_("统计用区划代码应为12位数字。"), code="area_code_shape")
    province = int(code[:2])
    if province < 11 or province > 82:
        raise ValidationError(_("统计用区划代码的省级代码无效。"), code="area_code_province")
    parts = [code[2:4], code[4:6], code[6:9], code[9:12]]
    seen_zero = False
    for part in parts:
        if set(part) == {"0"}:
            seen_zero = True
        elif seen_zero:
            raise ValidationError(_("统计用区划代码的层级不连续。"), code="area_code_levels")
    return code
