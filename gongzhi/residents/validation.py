"""Cleaning one resident's raw input — shared by the form, the Excel import and the API.

It answers with (field, message) pairs in Chinese and never touches the
register itself; duplicate checks against the register live in actions and
in the importer, which see many rows at once.
"""

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongzhi.core.text import text_normalise, text_problem
from gongzhi.core.validators import id_birth_date, id_gender, validate_id_number, validate_phone

from .codes import code_for

FIELD_LABELS = {
    "name": _lazy("姓名"),
    "id_number": _lazy("身份证号"),
    "gender": _lazy("性别"),
    "birth_date": _lazy("出生日期"),
    "ethnicity": _lazy("民族"),
    "political_status": _lazy("政治面貌"),
    "education": _lazy("文化程度"),
    "marital_status": _lazy("婚姻状况"),
    "phone": _lazy("手机号"),
    "registered_address": _lazy("户籍地址"),
    "current_address": _lazy("现住址"),
    "residence_type": _lazy("人口类型"),
    "area": _lazy("网格/楼栋"),
    "household_number": _lazy("户编号"),
    "relation_to_head": _lazy("与户主关系"),
    "tags": _lazy("标签"),
}

_NAME_OK = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134f·•．.A-Za-z\u00b7\s]{1,50}$")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")


@dataclass
class ResidentInput:
    name: str
    id_number: str
    gender: str
    birth_date: dt.date
    ethnicity: str
    political_status: str
    education: str
    marital_status: str
    phone: str
    registered_address: str
    current_address: str
    residence_type: str
    area: Any  # areas.Area (a grid or building)
    household: Any  # residents.Household, or the importer's NewHousehold, or None
    relation_to_head: str
    tags: list = field(default_factory=list)


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.date(*time.strptime(text, fmt)[:3])  # a calendar date: no time of day to zone
        except ValueError:
            continue
    return None


def _text(raw: dict, key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text_normalise(str(value)).strip()


def resident_input_clean(
    raw: dict,
    *,
    area_lookup: Callable[[str], object | None],
    household_lookup: Callable[[str, object], object | None],
    tag_lookup: Callable[[str], object | None],
) -> tuple[ResidentInput | None, list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []

    def err(key: str, message: str) -> None:
        errors.append((key, message))

    name = _text(raw, "name")
    if not name:
        err("name", _("请填写姓名。"))
    elif len(name) > 50 or not _NAME_OK.match(name):
        err("name", _("姓名只能包含汉字、字母和间隔号，且不超过50个字。"))

    id_number = ""
    try:
        id_number = validate_id_number(_text(raw, "id_number"))
    except ValidationError as exc:
        err("id_number", exc.messages[0])

    gender_text = _text(raw, "gender")
    gender = code_for("gender", gender_text) if gender_text else (id_gender(id_number) if id_number else "")
    if gender_text and gender is None:
        err("gender", _("性别应填写“男”或“女”。"))
    elif id_number and gender != id_gender(id_number):
        err("gender", _("性别与身份证号不一致。"))

    birth_text = raw.get("birth_date")
    birth = (
        parse_date(birth_text)
        if birth_text not in (None, "")
        else (id_birth_date(id_number) if id_number else None)
    )
    if birth_text not in (None, "") and birth is None:
        err("birth_date", _("出生日期格式应为 YYYY-MM-DD。"))
    elif id_number and birth and birth != id_birth_date(id_number):
        err("birth_date", _("出生日期与身份证号不一致。"))

    coded: dict[str, str] = {}
    for key, default in (
        ("ethnicity", "01"),
        ("political_status", "13"),
        ("education", ""),
        ("marital_status", ""),
        ("residence_type", "registered"),
        ("relation_to_head", ""),
    ):
        text = _text(raw, key)
        if not text:
            coded[key] = default
            continue
        code = code_for(key, text)
        if code is None:
            err(key, _("“%(value)s”不是有效的%(label)s。") % {"value": text[:20], "label": FIELD_LABELS[key]})
        else:
            coded[key] = code

    phone = ""
    if _text(raw, "phone"):
        try:
            phone = validate_phone(_text(raw, "phone"))
        except ValidationError as exc:
            err("phone", exc.messages[0])

    addresses = {}
    for key in ("registered_address", "current_address"):
        addresses[key] = _text(raw, key)
        if len(addresses[key]) > 200:
            err(key, _("地址不能超过200个字。"))
        elif text_problem(addresses[key]):
            err(key, _("地址含有无法显示或改变文字方向的字符。"))

    area = raw.get("area")
    if isinstance(area, str) or area is None:
        area_text = _text(raw, "area")
        area = area_lookup(area_text) if area_text else None
        if not area_text:
            err("area", _("请填写所属网格或楼栋。"))
        elif area is None:
            err("area", _("找不到网格或楼栋“%(value)s”，或不在您的管辖范围内。") % {"value": area_text[:40]})

    household = None
    household_number = _text(raw, "household_number")
    if household_number and area is not None:
        household = household_lookup(household_number, area)
        if household is None:
            err("household_number", _("找不到户编号“%(value)s”。") % {"value": household_number[:40]})
    if household is not None and not coded.get("relation_to_head"):
        err("relation_to_head", _("请填写与户主关系。"))

    tags = []
    raw_tags = raw.get("tags")
    if isinstance(raw_tags, list | tuple):
        tags = list(raw_tags)
    else:
        for piece in re.split(r"[、,，;；\s]+", _text(raw, "tags")):
            if not piece:
                continue
            tag = tag_lookup(piece)
            if tag is None:
                err("tags", _("标签“%(value)s”不在标签列表中。") % {"value": piece[:20]})
            else:
                tags.append(tag)

    if errors or birth is None:
        return None, errors
    return (
        ResidentInput(
            name=name,
            id_number=id_number,
            gender=gender or "",
            birth_date=birth,
            phone=phone,
            area=area,
            household=household,
            tags=tags,
            ethnicity=coded["ethnicity"],
            political_status=coded["political_status"],
            education=coded["education"],
            marital_status=coded["marital_status"],
            residence_type=coded["residence_type"],
            relation_to_head=coded["relation_to_head"],
            registered_address=addresses["registered_address"],
            current_address=addresses["current_address"],
        ),
        [],
    )
