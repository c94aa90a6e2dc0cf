"""Personal data in what people type: find it, name it, redact it.

Residents write requests, notes and fulfilment notes in their own words, and
some put their mobile number, ID number, bank card or house number in them
("联系我13812345678", "住3栋2单元401"). Those texts may go on a public wall,
so every free text passes `pii_find` as it is typed (the author is warned),
before publishing (staff see the findings highlighted) and on every public
page (`pii_redact` is the last line of defence for text that nobody
redacted and nobody deliberately released).

Numbers are recognised by their checks, not only their shape, so that a
date, an amount or an order number is not taken for personal data: an ID
number by its birth date (and, when complete, its check digit: python-stdnum),
a bank card by Luhn, a mobile or landline by libphonenumber's metadata.
A mistyped ID number is still somebody's ID number, so a valid birth date
with a wrong check digit is still found. Full-width digits and the spaces
or dashes people put inside numbers are read through.

Sensitive topics (health, disability, living alone, hardship, 三留守) are
found by words, so that a wish about them defaults to a closed audience and
never shows a surname on a public page (`sensitive_topics`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.cn import ric

KIND_LABELS = {
    "mobile": _("手机号"),
    "landline": _("固定电话"),
    "id_number": _("身份证号"),
    "bank_card": _("银行卡号"),
    "address": _("详细住址"),
}
# What the public sees in place of each kind.
REDACTED = {
    "mobile": _("〔手机号已隐去〕"),
    "landline": _("〔电话已隐去〕"),
    "id_number": _("〔身份证号已隐去〕"),
    "bank_card": _("〔银行卡号已隐去〕"),
    "address": _("〔详细住址已隐去〕"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def masked(self) -> str:
        """The finding as staff may see it in a list: enough to recognise it, not to use it."""
        digits = re.sub(r"[^\dX]", "", _fold(self.text).upper())
        if self.kind == "address" or len(digits) < 7:
            return self.text[:2] + "…" if len(self.text) > 2 else "…"
        if self.kind == "mobile":
            return f"{digits[-11:-8]}****{digits[-4:]}"
        return f"{digits[:3]}****{digits[-4:]}" if self.kind == "landline" else f"****{digits[-4:]}"


def _fold(text: str) -> str:
    """Full-width digits and letters to ASCII, one character for one (offsets stay valid)."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


# A run of digits, possibly broken by single spaces, dashes or dots, as people type numbers:
# "138 0013 8000", "0571-8888 1234", "6222 0212 3456 7890 123". Not preceded or followed by a digit.
_DIGIT_RUN = re.compile(
    r"(?<![\dA-Za-z])(?:\+?86[\s-]?)?\(?\d(?:[\s\-.()]?\d){6,22}(?:[\s-]?[Xx])?(?![\dA-Za-z])"
)
_CN_DIGITS = "零〇一二三四五六七八九十两"
_NUM = rf"(?:\d+|[{_CN_DIGITS}]+)"
# Exact addresses: a house number on a named road, lane or group; a building with a unit or room;
# a bare room number. A village or a road alone is not an exact address.
_ADDRESS = re.compile(
    r"(?:"
    # …路12号, …弄3号, 青山村5组12号 (a date's 20号 follows 月, not a road or group)
    rf"(?<=[路街巷弄道村组队屯同])(?:{_NUM}(?:弄|巷|支巷))?{_NUM}号(?:院|楼)?(?:{_NUM}(?:栋|幢|座|号楼))?"
    rf"(?:{_NUM}(?:单元|门))?(?:{_NUM}室?)?(?![前后上下晚中早开见左])"
    # 3号楼2单元401, 5栋1门, 2幢3层
    rf"|{_NUM}(?:号楼|栋|幢|座|#楼)\s?{_NUM}(?:单元|门|层)(?:\s?{_NUM}(?:室|号|户)?)?"
    # 12栋501, 3号楼402室
    rf"|{_NUM}(?:号楼|栋|幢|座|#楼)\s?{_NUM}(?:室|号|户)?(?![\d单元门层{_CN_DIGITS}])"
    r"|(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}(?:室|号)?(?![\d-])"
    r"|(?<!\d)\d{3,4}(?:室|房间)"
    r")"
)


def _plausible_birth(number: str) -> bool:
    try:
        ric.get_birth_date(number)
    except Exception:  # noqa: BLE001 — stdnum raises several kinds for a bad date
        return False
    return 1880 <= int(number[6:10]) <= 2100


def _classify(run: str) -> str | None:
    digits = re.sub(r"[^\dXx]", "", run.removeprefix("+"))
    had_country = bool(re.match(r"\+?86[\s-]?", run)) and len(digits) > 11
    if had_country and digits.startswith("86"):
        digits = digits[2:]
    upper = digits.upper()
    id_shaped = len(upper) == 18 and upper[:17].isdigit() and (upper[17].isdigit() or upper[17] == "X")
    if id_shaped and _plausible_birth(upper):
        return "id_number"
    if not digits.isdigit():
        return None
    if len(digits) == 11 and digits[0] == "1":
        number = phonenumbers.parse(digits, "CN")
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            return "mobile"
    if 16 <= len(digits) <= 19 and luhn.is_valid(digits):
        return "bank_card"
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        number = phonenumbers.parse(digits, "CN")
        if phonenumbers.is_valid_number(number):
            return "landline"
    if len(digits) == 15 and digits[6:8] in {"19", "20"}:
        return None  # an old 15-digit ID has a two-digit year; a 15-digit run starting …19… is not one
    if len(digits) == 15 and _plausible_birth(digits[:6] + "19" + digits[6:] + "0"):
        return "id_number"
    return None


_LANDLINE_CONTEXT = re.compile(r"(?:电话|座机|固话|联系方式|联系|打)[:：\s]*$")


def pii_find(text: str | None) -> list[Finding]:
    """Every piece of personal data in `text`, in order, not overlapping."""
    if not text:
        return []
    folded = _fold(text)
    found: list[Finding] = []
    for match in _DIGIT_RUN.finditer(folded):
        kind = _classify(match.group())
        if kind is None:
            # A local landline without its area code, where the words say it is a number to call.
            digits = re.sub(r"\D", "", match.group())
            if len(digits) in (7, 8) and _LANDLINE_CONTEXT.search(
                folded[max(0, match.start() - 8) : match.start()]
            ):
                kind = "landline"
        if kind is not None:
            found.append(Finding(kind, match.start(), match.end(), text[match.start() : match.end()]))
    for match in _ADDRESS.finditer(folded):
        if not any(f.start < match.end() and match.start() < f.end for f in found):
            found.append(Finding("address", match.start(), match.end(), text[match.start() : match.end()]))
    return sorted(found, key=lambda f: f.start)


def pii_redact(text: str | None, findings: list[Finding] | None = None) -> str:
    """`text` with every finding replaced by a placeholder naming what was there."""
    if not text:
        return text or ""
    findings = pii_find(text) if findings is None else findings
    out, last = [], 0
    for finding in findings:
        out.append(text[last : finding.start])
        out.append(str(REDACTED[finding.kind]))
        last = finding.end
    out.append(text[last:])
    return "".join(out)


def pii_kinds(findings: list[Finding]) -> list[str]:
    """The kinds found, each once, in a stable order."""
    return [kind for kind in KIND_LABELS if any(f.kind == kind for f in findings)]


def pii_kinds_label(kinds: list[str]) -> str:
    """ "手机号、详细住址": kinds, for a message."""
    return "、".join(str(KIND_LABELS.get(k, k)) for k in kinds)


def pii_summary(findings: list[Finding]) -> str:
    """The kinds found, for a message."""
    return pii_kinds_label(pii_kinds(findings))


SENSITIVE_TOPICS = {
    "health": (
        _("健康状况"),
        r"中风|脑梗|脑溢血|偏瘫|瘫痪|癌|肿瘤|化疗|透析|尿毒症|糖尿病|高血压|心脏病|住院|手术|生病|患病|病重|卧床|"
        r"老年痴呆|阿尔茨海默|精神病|抑郁|残疾|失明|眼睛看不见|耳聋|聋哑|截肢|轮椅|拐杖|行动不便|腿脚不便|残疾证|"
        r"艾滋|乙肝|肺结核|康复",
    ),
    "alone": (
        _("独居"),
        r"独居|一个人住|一人居住|一个人生活|一个人在家|独自(?:在家|生活|居住)|孤寡|孤老|空巢|无人照顾|没人照顾|无儿无女|子女不在身边",
    ),
    "hardship": (
        _("生活困难"),
        r"低保|特困|五保|贫困|困难户|生活困难|家庭困难|经济困难|没钱|交不起|付不起|欠债|负债|救助|失业|下岗",
    ),
    "left_behind": (_("留守"), r"留守|父母(?:都)?在外(?:地)?打工|爸妈(?:都)?在外(?:地)?打工|事实孤儿|孤儿"),
}
_SENSITIVE_PATTERNS = {key: re.compile(pattern) for key, (_label, pattern) in SENSITIVE_TOPICS.items()}


def sensitive_topics(*texts: str | None) -> list[str]:
    """Which sensitive topics the texts touch (health, living alone, hardship, 三留守), in a stable order."""
    joined = "\n".join(t for t in texts if t)
    return [key for key, pattern in _SENSITIVE_PATTERNS.items() if pattern.search(joined)]


def sensitive_summary(topics: list[str]) -> str:
    return "、".join(str(SENSITIVE_TOPICS[t][0]) for t in topics if t in SENSITIVE_TOPICS)
