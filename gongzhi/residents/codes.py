"""National code lists used by the register.

民族 GB/T 3304-1991, 政治面貌 GB/T 4762-1984, 学历 GB/T 4658-2006 (top
level), 婚姻状况 GB/T 2261.2-2003, 与户主关系 GB/T 4761-2008 (common codes).

Each list comes twice. ETHNICITIES, GENDERS, … hold the Chinese labels of the
standards: the Excel template, import and export use them, so a spreadsheet is
Chinese whatever the language of the page. ETHNICITY_CHOICES, GENDER_CHOICES,
… hold the same labels translated lazily, for models and forms.
"""

from functools import cache

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

ETHNICITIES: list[tuple[str, str]] = [
    ("01", gettext_noop("汉族")), ("02", gettext_noop("蒙古族")), ("03", gettext_noop("回族")),
    ("04", gettext_noop("藏族")), ("05", gettext_noop("维吾尔族")), ("06", gettext_noop("苗族")),
    ("07", gettext_noop("彝族")), ("08", gettext_noop("壮族")), ("09", gettext_noop("布依族")),
    ("10", gettext_noop("朝鲜族")), ("11", gettext_noop("满族")), ("12", gettext_noop("侗族")),
    ("13", gettext_noop("瑶族")), ("14", gettext_noop("白族")), ("15", gettext_noop("土家族")),
    ("16", gettext_noop("哈尼族")), ("17", gettext_noop("哈萨克族")), ("18", gettext_noop("傣族")),
    ("19", gettext_noop("黎族")), ("20", gettext_noop("傈僳族")), ("21", gettext_noop("佤族")),
    ("22", gettext_noop("畲族")), ("23", gettext_noop("高山族")), ("24", gettext_noop("拉祜族")),
    ("25", gettext_noop("水族")), ("26", gettext_noop("东乡族")), ("27", gettext_noop("纳西族")),
    ("28", gettext_noop("景颇族")), ("29", gettext_noop("柯尔克孜族")), ("30", gettext_noop("土族")),
    ("31", gettext_noop("达斡尔族")), ("32", gettext_noop("仫佬族")), ("33", gettext_noop("羌族")),
    ("34", gettext_noop("布朗族")), ("35", gettext_noop("撒拉族")), ("36", gettext_noop("毛南族")),
    ("37", gettext_noop("仡佬族")), ("38", gettext_noop("锡伯族")), ("39", gettext_noop("阿昌族")),
    ("40", gettext_noop("普米族")), ("41", gettext_noop("塔吉克族")), ("42", gettext_noop("怒族")),
    ("43", gettext_noop("乌孜别克族")), ("44", gettext_noop("俄罗斯族")), ("45", gettext_noop("鄂温克族")),
    ("46", gettext_noop("德昂族")), ("47", gettext_noop("保安族")), ("48", gettext_noop("裕固族")),
    ("49", gettext_noop("京族")), ("50", gettext_noop("塔塔尔族")), ("51", gettext_noop("独龙族")),
    ("52", gettext_noop("鄂伦春族")), ("53", gettext_noop("赫哲族")), ("54", gettext_noop("门巴族")),
    ("55", gettext_noop("珞巴族")), ("56", gettext_noop("基诺族")), ("97", gettext_noop("其他")),
    ("98", gettext_noop("外国血统中国籍人士")),
]  # fmt: skip

POLITICAL_STATUSES: list[tuple[str, str]] = [
    ("01", gettext_noop("中共党员")), ("02", gettext_noop("中共预备党员")), ("03", gettext_noop("共青团员")),
    ("04", gettext_noop("民革党员")), ("05", gettext_noop("民盟盟员")), ("06", gettext_noop("民建会员")),
    ("07", gettext_noop("民进会员")), ("08", gettext_noop("农工党党员")), ("09", gettext_noop("致公党党员")),
    ("10", gettext_noop("九三学社社员")), ("11", gettext_noop("台盟盟员")), ("12", gettext_noop("无党派人士")),
    ("13", gettext_noop("群众")),
]  # fmt: skip

EDUCATIONS: list[tuple[str, str]] = [
    ("10", gettext_noop("研究生")), ("20", gettext_noop("大学本科")), ("30", gettext_noop("大学专科")),
    ("40", gettext_noop("中等职业教育")), ("60", gettext_noop("普通高级中学")), ("70", gettext_noop("初级中学")),
    ("80", gettext_noop("小学")), ("90", gettext_noop("其他")),
]  # fmt: skip

MARITAL_STATUSES: list[tuple[str, str]] = [
    ("10", gettext_noop("未婚")), ("20", gettext_noop("已婚")), ("30", gettext_noop("丧偶")),
    ("40", gettext_noop("离婚")), ("90", gettext_noop("未说明")),
]  # fmt: skip

RELATIONS: list[tuple[str, str]] = [
    ("02", gettext_noop("户主")), ("10", gettext_noop("配偶")),
    # Translators: relation to the head of household: 子 is "son", 女 is "daughter".
    ("20", gettext_noop("子")), ("30", gettext_noop("女")),
    ("40", gettext_noop("孙子、孙女或外孙子、外孙女")), ("50", gettext_noop("父母")),
    ("60", gettext_noop("祖父母或外祖父母")), ("70", gettext_noop("兄、弟、姐、妹")), ("80", gettext_noop("其他亲属")),
    ("99", gettext_noop("非亲属")),
]  # fmt: skip

GENDERS: list[tuple[str, str]] = [("M", "男"), ("F", "女")]

RESIDENCE_TYPES: list[tuple[str, str]] = [
    ("registered", gettext_noop("户籍人口")), ("resident_nonlocal", gettext_noop("常住非户籍")),
    ("floating", gettext_noop("流动人口")),
]  # fmt: skip


def _translated(items: list[tuple[str, str]]) -> list[tuple[str, Promise]]:
    return [(code, gettext_lazy(label)) for code, label in items]


ETHNICITY_CHOICES = _translated(ETHNICITIES)
POLITICAL_STATUS_CHOICES = _translated(POLITICAL_STATUSES)
EDUCATION_CHOICES = _translated(EDUCATIONS)
MARITAL_STATUS_CHOICES = _translated(MARITAL_STATUSES)
RELATION_CHOICES = _translated(RELATIONS)
# 女 is also a relation ("daughter"): the gender labels carry a context of their own.
GENDER_CHOICES: list[tuple[str, Promise]] = [
    ("M", pgettext_lazy("gender", "男")),
    ("F", pgettext_lazy("gender", "女")),
]
RESIDENCE_TYPE_CHOICES = _translated(RESIDENCE_TYPES)

HEAD_RELATION = "02"

_LOOKUPS = {
    "ethnicity": ETHNICITIES,
    "political_status": POLITICAL_STATUSES,
    "education": EDUCATIONS,
    "marital_status": MARITAL_STATUSES,
    "relation_to_head": RELATIONS,
    "gender": GENDERS,
    "residence_type": RESIDENCE_TYPES,
}

_CHOICES = {
    "ethnicity": ETHNICITY_CHOICES,
    "political_status": POLITICAL_STATUS_CHOICES,
    "education": EDUCATION_CHOICES,
    "marital_status": MARITAL_STATUS_CHOICES,
    "relation_to_head": RELATION_CHOICES,
    "gender": GENDER_CHOICES,
    "residence_type": RESIDENCE_TYPE_CHOICES,
}


@cache
def _english_codes(kind: str) -> dict[str, str]:
    """English label (case-folded) → code, from the English catalog."""
    with translation.override("en"):
        return {str(label).casefold(): code for code, label in _CHOICES[kind]}


def code_for(kind: str, text: str) -> str | None:
    """Accept the code, its Chinese label or its English label ("01", "汉族", "Han"); None when unknown."""
    text = (text or "").strip()
    for code, label in _LOOKUPS[kind]:
        if text in (code, label):
            return code
    return _english_codes(kind).get(text.casefold()) if text else None


def label_for(kind: str, code: str) -> str:
    """The Chinese label of a code, as spreadsheets show it (whatever the page language)."""
    return dict(_LOOKUPS[kind]).get(code, "")
