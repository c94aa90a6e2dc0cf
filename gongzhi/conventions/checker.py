"""The 村规民约/居民公约 compliance checker: pure Python, no database.

A revised convention must take in the township's required topics and must not
contain fines or clauses like them (所修订的民约不允许有罚款等条约). The checker
reads a text (or .docx paragraphs), normalises it (full-width → half-width,
traditional → simplified, page chrome and decoration removed), splits it into
sentences that may run over wrapped lines, and reports:

* each topic, covered or missing, with the lines that cover it;
* each sentence that sets a fine (罚款, 违约金, 处以…元, fees charged as
  punishment…) or another unlawful penalty (withholding 低保/补贴/集体分配/证明,
  断水断电, 没收, naming-and-shaming lists…), with a lawful alternative.

Rewards, service fees the households agreed to, and quoted law ("由公安机关
依法处理", "依照《治安管理处罚法》处理") are not violations. The patterns come
from the real conventions described in docs/conventions/patterns.md.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import opencc

from gongzhi.conventions.topics import DEFAULT_TOPICS, Topic, gettext_noop

__all__ = [
    "DEFAULT_TOPICS",
    "FINE",
    "OTHER_PENALTY",
    "ConventionInputError",
    "ConventionReport",
    "Topic",
    "TopicResult",
    "Violation",
    "convention_bytes_read",
    "convention_check",
    "convention_file_check",
    "convention_lines_read",
    "convention_text_check",
    "text_normalise",
]

# --- Results -------------------------------------------------------------------------------

FINE = "fine"
OTHER_PENALTY = "other_penalty"


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str


@dataclass(frozen=True)
class TopicResult:
    key: str
    label: str
    evidence: tuple[Evidence, ...]

    @property
    def covered(self) -> bool:
        return bool(self.evidence)


@dataclass(frozen=True)
class Violation:
    kind: str  # FINE or OTHER_PENALTY
    line: int
    text: str
    suggestion: str
    matched: str = ""


@dataclass(frozen=True)
class ConventionReport:
    topics: tuple[TopicResult, ...]
    violations: tuple[Violation, ...]

    @property
    def compliant(self) -> bool:
        return all(topic.covered for topic in self.topics) and not self.violations

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `gongzhi convention-check --json`."""
        return {
            "compliant": self.compliant,
            "topics": {
                topic.key: {
                    "covered": topic.covered,
                    "evidence": [{"line": e.line, "text": e.text} for e in topic.evidence],
                }
                for topic in self.topics
            },
            "violations": [
                {"kind": v.kind, "line": v.line, "text": v.text, "suggestion": v.suggestion}
                for v in self.violations
            ],
        }


class ConventionInputError(Exception):
    """The input cannot be checked (missing, not UTF-8, empty, unsupported type)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message + detail)
        self.message = message  # marked for translation; `detail` (a path) is not
        self.detail = detail


# --- Reading -------------------------------------------------------------------------------

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# The text of a .docx is at most this big unpacked: a convention is a few pages, a zip bomb is not.
DOCX_XML_MAX = 20 * 1024 * 1024


def convention_lines_read(path: str | Path) -> list[str]:
    """The lines of a UTF-8 .txt, or the paragraphs of a .docx, in order."""
    path = Path(path)
    if not path.is_file():
        raise ConventionInputError(gettext_noop("文件不存在："), str(path))
    return convention_bytes_read(path.name, path.read_bytes())


def convention_bytes_read(name: str, data: bytes) -> list[str]:
    """The same for a file's name and content (an upload)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConventionInputError(gettext_noop("文件不是 UTF-8 编码的文本")) from exc
        lines = re.split(r"\r\n|\r|\n", text)
    elif suffix == ".docx":
        lines = _docx_paragraphs(data)
    else:
        raise ConventionInputError(gettext_noop("不支持的文件类型，请提供 .txt 或 .docx 文件"))
    if not any(line.strip() for line in lines):
        raise ConventionInputError(gettext_noop("文件内容为空"))
    return lines


def _docx_paragraphs(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("word/document.xml").file_size > DOCX_XML_MAX:
                raise ConventionInputError(gettext_noop("文件内容过大，不像一份村规民约"))
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)  # noqa: S314 - expat refuses entity expansion bombs; no DTDs are fetched
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise ConventionInputError(gettext_noop("无法读取 .docx 文件，文件可能已损坏")) from exc
    # Paragraphs in document order; a text box inside a paragraph holds paragraphs of its own, which
    # are lines of their own rather than part of the paragraph around them. Deleted text of tracked
    # changes (w:delText) is not read.
    return ["".join(_docx_text(paragraph)) for paragraph in root.iter(f"{_W_NS}p")]


def _docx_text(node: ElementTree.Element) -> Iterable[str]:
    for child in node:
        if child.tag == f"{_W_NS}p":
            continue
        if child.tag == f"{_W_NS}t" and child.text:
            yield child.text
        elif child.tag in (f"{_W_NS}tab", f"{_W_NS}br"):
            yield " "
        else:
            yield from _docx_text(child)


# --- Normalisation -------------------------------------------------------------------------

# Variant and OCR forms that OpenCC leaves alone but that must read as the pattern characters.
_VARIANTS = str.maketrans({"罸": "罚", "欵": "款", "囘": "回", "〇": "零"})
_DECORATION = re.compile(r"[\s\u200b-\u200f\u2060\ufeff*＊•·●○■□◆◇★☆▲△▼※→←「」『』【】〔〕\"'“”‘’`_~^|]+")
_CHROME_INLINE = re.compile(
    r"第\s*\d+\s*页\s*[,/、]?\s*共\s*\d+\s*页|共\s*\d+\s*页\s*[,/、]?\s*第\s*\d+\s*页"
    r"|[-—]+\s*\d+\s*[-—]+|page\s*\d+(\s*of\s*\d+)?",
    re.IGNORECASE,
)
_CHROME_LINE = re.compile(
    r"^(第?\s*\d+\s*页?|\d+\s*/\s*\d+|[-—=_.。·*]+"
    r"|[^,;。:!?]{0,30}(村规民约|居民公约|公约|规约)(\([^)]{0,16}\))?)?$"  # a title or running header
)
# Copies from some document sites carry a pinyin reading after characters their converter found rare:
# "社會(huì)主義", "罰(fá)款". A reading has a tone mark; "(一)" or "(2024)" is left alone.
_PINYIN_READING = re.compile(r"(?<=[\u3400-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_REPEATED_PUNCT = re.compile(r"([,.;:!?、。])[,.;:!?、。]+")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def text_normalise(text: str) -> str:
    """Full-width → half-width, traditional → simplified, chrome, spacing and decoration removed."""
    text = _PINYIN_READING.sub("", unicodedata.normalize("NFKC", text).translate(_VARIANTS))
    text = _converter().convert(text)
    text = _CHROME_INLINE.sub("", text)
    text = _DECORATION.sub("", text)
    return _REPEATED_PUNCT.sub(r"\1", text)


# --- Sentences -----------------------------------------------------------------------------

_SENTENCE_PIECE = re.compile(r"[^。;；!！?？]*[。;；!！?？]+|[^。;；!！?？]+")
_TERMINATED = re.compile(r"[。;!?:：]$")
_NUMBERED = re.compile(
    r"^(第[一二三四五六七八九十百零\d]+[条章节款项部篇]|[一二三四五六七八九十]+[、.,]|\(?[一二三四五六七八九十\d]+\)"
    r"|\d+[、.,](?!\d)|[a-zA-Z][.、)])"
)
_OPENING_QUOTE = re.compile(r"^\s*[“「『\"]")
_CIRCLED = re.compile(r"^\s*[\u2460-\u2473\u24f5-\u24fe\u2776-\u277f]")


@dataclass
class _Sentence:
    pieces: list[tuple[int, str, str]] = field(default_factory=list)  # (line, original, normalised)

    @property
    def text(self) -> str:
        return "".join(piece[2] for piece in self.pieces)

    @property
    def original(self) -> str:
        return re.sub(r"\s+", " ", "".join(piece[1] for piece in self.pieces)).strip()

    def line_at(self, offset: int) -> int:
        for line, _original, normalised in self.pieces:
            if offset < len(normalised):
                return line
            offset -= len(normalised)
        return self.pieces[-1][0]


_MID_SENTENCE_END = re.compile(r"[,，、（(“《—-]\s*$")
_UNPUNCTUATED_END = re.compile(r"[\w\d]\s*$")


def _columns(text: str) -> int:
    """Display width: CJK and full-width characters take two columns, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The column at which the text was hard-wrapped, if it was (text copied out of a PDF or a
    fixed-width page): most of its long lines that stop without punctuation end within a few
    columns of one another. None for text written a line an item."""
    widths = sorted(
        _columns(raw) for raw in lines if _UNPUNCTUATED_END.search(raw) and len(text_normalise(raw)) >= 10
    )
    if not widths:
        return None
    # No line of wrapped text runs past the wrap column, and a full line stops within one column of
    # it (a two-column character that did not fit went to the next line).
    widest = max(_columns(raw) for raw in lines if len(text_normalise(raw)) >= 10)
    count = sum(1 for width in widths if width >= widest - 1)
    return widest if count >= 2 and count * 2 >= len(widths) else None


def _items_punctuated(lines: Sequence[str], starts_item: Sequence[bool]) -> bool:
    """Whether the text ends its items with a stop: most lines followed by a new item (or ending the
    text) stop at 。；！？ or a colon; headings (short, without punctuation) are not counted. Then a
    line of 10 characters or more that stops without punctuation, and is not followed by a new item,
    was broken by a copy or a converter (OCR lines break wherever the scanned line did, not at one
    column), and runs on. A text written an item a line without stops (patterns.md #25) is not
    punctuated, and its lines stay apart."""
    ends = [
        bool(_TERMINATED.search(normalised))
        for index, normalised in enumerate(text_normalise(line) for line in lines)
        if (len(normalised) >= 10 or re.search(r"[,;。:!?、]", normalised))
        and (index + 1 == len(lines) or starts_item[index + 1])
    ]
    return len(ends) >= 3 and sum(ends) * 4 >= len(ends) * 3


def _runs_on(raw: str, wrap: int | None, punctuated: bool = False) -> bool:
    """Whether the sentence on this line may continue on the next one.

    A line stopping at a comma (or an opening quote) does; one stopping at a full stop, a closing
    quote or bracket does not. A line stopping without punctuation runs on only in hard-wrapped
    text when it reaches the wrap column, or in a text that ends its items with stops (decision 8);
    otherwise it is a heading, a title or an item written without its full stop.
    """
    if _MID_SENTENCE_END.search(raw):
        return True
    if not _UNPUNCTUATED_END.search(raw) or len(text_normalise(raw)) < 10:
        return False
    return punctuated or (wrap is not None and _columns(raw) >= wrap - 1)


def _starts_item(raw: str) -> bool:
    return bool(_NUMBERED.match(text_normalise(raw)) or _CIRCLED.match(raw) or _OPENING_QUOTE.match(raw))


def _sentences(lines: Sequence[str]) -> list[_Sentence]:
    sentences: list[_Sentence] = []
    current = _Sentence()
    counts: dict[str, int] = {}
    for raw in lines:
        key = text_normalise(raw)
        counts[key] = counts.get(key, 0) + 1
    # A running header or footer repeats on every page; a short clause may repeat too ("违者罚款50元。"
    # after each article), but a header is no sentence: no stop, no comma, no amount.
    running = {
        key
        for key, count in counts.items()
        if count >= 3 and 0 < len(key) <= 40 and not _TERMINATED.search(key) and "," not in key
        and not _MONEY.search(key)
    }  # fmt: skip
    wrap = _wrap_width([raw for raw in lines if text_normalise(raw) not in running])
    content = [
        raw
        for raw in lines
        if text_normalise(raw) not in running and not _CHROME_LINE.match(text_normalise(raw))
    ]
    punctuated = _items_punctuated(content, [_starts_item(raw) for raw in content])
    previous_open = False  # the previous line ended mid-sentence and may continue
    previous_unpunctuated = False  # ... or stopped without punctuation, which a page break explains
    page_break = False
    for number, raw in enumerate(lines, start=1):
        whole = text_normalise(raw)
        if _CHROME_LINE.match(whole) or whole in running:
            page_break = page_break or bool(whole)
            continue  # blank or page chrome: it neither ends nor continues a sentence
        starts_item = _starts_item(raw)
        runs_on = previous_open or (previous_unpunctuated and page_break)
        page_break = False
        if current.pieces and not (runs_on and not starts_item):
            sentences.append(current)
            current = _Sentence()
        for match in _SENTENCE_PIECE.finditer(raw):
            original = match.group(0)
            normalised = text_normalise(original)
            if not normalised:
                continue
            current.pieces.append((number, original, normalised))
            if _TERMINATED.search(normalised):
                sentences.append(current)
                current = _Sentence()
        previous_open = bool(current.pieces) and _runs_on(raw, wrap, punctuated)
        previous_unpunctuated = bool(current.pieces) and bool(_UNPUNCTUATED_END.search(raw))
    if current.pieces:
        sentences.append(current)
    return sentences


# --- Violation patterns --------------------------------------------------------------------

_NUM = r"(?:\d[\d.,]*|[零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+)"
_MONEY = re.compile(rf"{_NUM}(?:[-~—–至到]{_NUM})?[万千百]?(?:元|块|圆)")

# Money taken as punishment, by name.
_FINE_WORDS = re.compile(
    r"罚款|罚金|罚没|违约金|滞纳金|经济处罚|经济惩罚|重罚|从重处罚|加倍处罚|罚钱|(惩戒|惩罚|处罚)(金|款|费)"
    r"|罚(?:人民币|现金)?(?=[\d零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟半每其])"
    r"|罚[^,;。]{0,5}(电影|戏|酒席|宴席)"
    r"|(调解|受理|调处)[^,;。不免]{0,4}费|纠纷[^,;。不免]{0,6}费"
    r"|(保证金|押金)[^。;]{0,12}(不予?退还?|不退|没收|扣除|充公|归公|归(村)?集体|作废)|(扣缴|扣除|扣留|没收|扣)其?[^,;。]{0,4}(保证金|押金)"
)
# A payment verb that governs an amount, for "处以/缴纳…元" without the word 罚款.
_PAY_AMOUNT = re.compile(rf"(处以|并处|处|缴纳|交纳|缴|交|收取|计收|征收|收|扣除|扣|上缴|承担|赔付|出资)[^,;。:]{{0,12}}?{_MONEY.pattern}")
_AMOUNT_PAID = re.compile(rf"{_MONEY.pattern}[^,;。:]{{0,4}}?(计收|收取|征收|交纳|缴纳|上交|上缴|交|缴)|{_MONEY.pattern}[^,;。:]{{0,3}}(处罚|惩罚|惩处|惩戒)")
# Money taken under names other than a fine (patterns.md decision 11), each only in a sentence about
# misconduct: damages of a sum fixed in advance rather than the loss ("每次向村集体赔偿五百元", "交纳赔偿金"),
# a surcharge or a multiple ("加收当月水费三倍"), a share of the villager's own money deducted
# ("扣除其土地流转款的百分之十"), and the village's cost of doing the household's part charged at a rate
# it set ("按每天八十元雇人代扫，费用由该户承担").
_FIXED_DAMAGES = re.compile(rf"赔偿金|赔偿[^,;。:]{{0,8}}?{_MONEY.pattern}")
_REAL_LOSS = re.compile(r"照价|按价|原价|市价|实际|损失|评估|核定|医药费|医疗费|修复|恢复|原状")
_SURCHARGE = re.compile(
    r"加收|加倍(收取|收费|计收|缴纳|交纳)|[两二三四五六七八九十\d]+倍[^,;。:]{0,3}(收取|收费|计收|缴纳|交纳|收回|赔偿|赔付)"
    r"|(收取|收|计收|缴纳|交纳)[^,;。:]{0,10}[两二三四五六七八九十\d]+倍"
)
_DEDUCT_SHARE = re.compile(
    r"(扣除|扣减|扣发|扣留|扣缴|扣)[^,;。:]{0,16}?"
    r"(百分之[零一二两三四五六七八九十百\d.]+|\d+(\.\d+)?%|[一二两三四五六七八九\d]成|[一二两三四五六七八九十\d]+倍)"
    r"|(扣除|扣减|扣发|扣留|扣缴)[^,;。:]{0,12}?(流转款|租金|补偿款|征地款|工资|报酬|劳务费|收入|货款|工钱)"
)
_WRONGDOING = re.compile(r"违|擅自|私自|未经|非法|拒不|偷|盗|损坏|破坏|无故")
_POINTS = re.compile(r"积分|分值|分数|评分")
_COST_CHARGED = re.compile(r"(费用|所需费用|开支|工钱|工资)[^,;。:]{0,4}(由|从)[^,;。:]{0,8}(承担|负担|支付|出|扣)")
_DONE_IN_PLACE = re.compile(r"代为|代扫|代清|代办|代修|雇人|请人|雇请|组织人员")
_REWARD = re.compile(r"奖|表彰|补助|补贴|资助|慰问|发放|返还|退还")
# A sentence about misconduct: without one, an amount is a price, a standard or an agreed fee.
_MISCONDUCT = re.compile(
    r"违|否则|拒不|不听|屡教|一经(发现|查实)|擅自|未经|私自|非法|偷|盗|损坏|毁坏|破坏|逾期|无故|阻挠|阻拦|妨碍|"
    r"侵占|霸占|强占|占道|殴打|斗殴|打架|辱骂|赌博|吸毒|拖欠|欠缴|滋事|闹事"
    r"|超过[^,;。]{0,10}[的者]|(不|未|乱|没有)[^,;。]{0,10}[的者][,:]|凡[^,;。]{1,20}[的者][,:]"
)

# A rule's condition ("…的，", "凡…", "如有…"): a payment it triggers is a penalty unless agreed.
_CONDITIONAL = re.compile(r"[的者][,:]|如有|若有|如果|凡|一经|发现")
_AGREED = re.compile(
    r"约定|(经|按|按照|依照)[^,;。]{0,12}(会议|大会|同意|表决|讨论|决定)|自愿|按月|按年|按季|按表|计量|阶梯|每吨|每立方|每户每|每人每|分摊|受益"
)

# Withholding lawful benefits, services, property or membership.
_WITHHOLD = re.compile(
    r"(取消|停止|停发|暂停|暂缓|中止|终止|不予|不再|不给予?|不(为|替|帮)其|"
    r"(不得|不能|不准|不许|不可|无权|不再|不)(享受|参与|参加|申报|申请|领取|获得|推荐|分配|分得|"
    r"作为|列为|列入|纳入|上报|报名|安排|聘用|录用)|"
    r"扣除|扣发|扣减|扣留|冻结|剥夺|收回|限制|不列入|失去|丧失|一律不|延缓|推迟)"
    r"[^,;。:]{0,14}?"
    r"(低保|最低生活保障|特困|五保|救助|救济|补贴|补助|直补|奖补|补偿|惠民|惠农|优惠政策|扶持政策|扶贫|帮扶|"
    r"参军|入伍|入党|政审|招工|就业|公益性?岗位|"
    r"集体[^,;。]{0,6}分配|分配|分红|股金|股份|福利|慰问|年货|物资|待遇|权益|村民资格|成员资格|土地补偿|征地补偿|安置|"
    r"宅基地|建房|承包地|土地承包|承包的?[^,;。]{0,4}(地|田|山|林|草场|水面)|机动地|责任田|口粮田|自留地|证明|盖章|手续|户口|落户|上户|入学|入托|转学|医保|医疗保险|养老保险|社保|"
    r"贷款|奖学金|助学|水电|供水|供电|用水|用电|自来水|通水|通电|有线电视|网络|服务|受理|办理|优惠)"
)
_WITHHOLD_STANDALONE = re.compile(
    r"断水|断电|停水|停电|拉闸|不予受理|不再受理|不受理|拒绝受理|不予办理|不予盖章|不予出具|不开证明|不出具证明"
    r"|不办理任何|没收|扣押|开除村籍|注销户口|株连|血亲|强制拆除|强行拆除|强制清除|强制执行|强行收回"
)
# The villager's things taken into the collective ("粮食由村委会收归集体", "工具一律归村集体所有"): only in the
# consequence of a rule, and not when the condition names collective property (what was the collective's
# returns to it: "侵占集体土地的，收归集体").
_TO_COLLECTIVE = re.compile(r"(收归|归|没入|充)(村|本村)?(集体|公)(所有)?|充公|归公")
_COLLECTIVE_PROPERTY = re.compile(r"集体|公共|公有|公家")
# 收缴 also means collecting fees; it is confiscation only for objects in a sentence about misconduct.
_SEIZE = re.compile(r"收缴(?![^,;。]{0,6}(费|款|金))")
# The benefit first, the withholding after: "低保金暂停发放", "有线电视和网络停止接入".
_WITHHELD_AFTER = re.compile(
    r"(低保|补贴|补助|救助|分红|福利|股金|证明|供水|供电|自来水|水电|有线电视|网络|医保|养老保险|"
    r"成员身份|村民身份|成员资格|村民资格|待遇|手续)[^,;。]{0,8}?"
    r"(停止|暂停|停发|中断|切断|不予|冻结|扣除|扣发|暂缓|一律取消|予以取消|代管|暂扣)"
)
_SHAMING = re.compile(
    r"曝光|黑榜|黑名单|张榜公布|张榜批评|公开谴责|公开点名|点名道姓|(张贴|公布|宣读)[^,;。]{0,4}(悔过书|检讨书)|游街|示众|戴高帽|(张贴|公布|公开|公示|广播)其[^,;。]{0,4}(姓名|名字|照片|头像)"
)
# Labour as punishment: "罚其打扫村道一周", "以工代罚". Volunteering (志愿服务) is not this.
_FORCED_LABOUR = re.compile(
    r"罚[^,;。]{0,2}(打扫|清扫|扫|义务劳动|劳动|出工|做工|干活|修路|义务工)|以工代罚|强制[^,;。]{0,3}(劳动|义务工)"
)
# A punishment the text does not name ("给予相应处罚", "视情节予以惩罚"): the village has no power to
# punish at all. Not a law's title (治安管理处罚法), a state penalty named (刑事处罚), or a past one
# someone received ("受过处罚的").
_PUNISH = re.compile(
    r"(?<!刑事)(?<!行政)(?<!治安)(?<!党纪)(?<!政务)(?<!纪律)(处罚|惩罚|惩处|严惩)(?![法条决])"
)
_PUNISHED_BEFORE = re.compile(r"(受过|受到|曾受|被|接受|免予|免于|不予|不作|不得|不再|不进行)[^,;。]{0,6}$")
_SHAMING_NAMES = re.compile(r"(张贴|公布|公示|通报|广播)[^,;。]{0,6}(姓名|名字|名单|照片|头像|户主)")
# Marriage, divorce, widowhood or marrying in as the ground for taking land, shares or membership: the
# 外嫁女 clauses the women's rights law forbids. The withholding follows the status in the sentence.
_MARITAL_STATUS = re.compile(r"出嫁|外嫁|嫁出|嫁到|嫁往|入赘|招婿|上门女婿|倒插门|离婚|离异|丧偶|再婚|改嫁")
# "不得以妇女出嫁为由收回…" forbids the practice: the ground is given only to be refused.
_NEGATED_GROUND = re.compile(r"(不得|不准|不许|禁止|严禁|不能|不应)[^,;。]{0,8}(以|因)?[^,;。]{0,4}$")
_MARITAL_WITHHOLD = re.compile(
    r"(不得|不能|不准|不再|不予|无权|不)(享受|参与|参加|分配|分得|获得|领取|给予|落户|享有)"
    r"|收回|取消|停止|停发|扣除|注销|冻结"
)
_REWARD_LOST = re.compile(r"(奖励(?!补)|奖金|奖品)[^和及与、,]{0,4}$")  # the reward names the benefit matched
_QUALIFICATION = re.compile(r"不(符合|具备|满足)[^,;。]{0,8}(条件|规划|政策)|收入[^,;。]{0,6}(超过|高于)[^,;。]{0,6}标准")

# Negations that make a trigger a prohibition of the penalty rather than the penalty itself.
_NEGATED = re.compile(
    r"(不得|不准|不许|不能|不应|不设|不再设|禁止|严禁|杜绝|反对|取消|废除|废止|不搞|不采取|不以|不收取|"
    r"不含|避免|防止|代替|代管|以罚|不因|不会因)[^,;。的者违否如]{0,10}$"
    r"|(乱|滥|违规|变相)$"  # "乱罚款", "变相罚款": the misconduct of others, named
)

# Who imposes it. State bodies and quoted law make it "quoted law"; the village makes it a penalty.
_STATE = re.compile(
    r"公安|派出所|司法|检察|法院|有关部门|相关部门|主管部门|职能部门|行政机关|执法|政府|民政部门|自然资源|国土|"
    r"林业|环保部门|生态环境部门|市场监管|城管|卫健|乡镇|街道办|供电(部门|公司|企业)|供水(部门|公司|企业)|电力部门|国家机关"
)
_LAW = re.compile(
    r"依法|依照法律|按照法律|依据法律|法律法规|法律、法规|国家(有关)?规定|有关规定|相关规定|合同约定"
    r"|《[^》]{1,30}》"
    r"|(依照|按照|依据|根据)[^,;。]{0,12}(法|条例)(?![则子])"
)
_VILLAGE = re.compile(
    r"村委会?|村民委员会|两委|居委会?|居民委员会|村民小组|村小组|小组|理事会|评议会|保洁队|清洁队|本村|村里|"
    r"村集体|集体经济组织|合作社|物业|业委会|本社区|社区居委"
)
_CONDITION_END = re.compile(r"违者|违反者|违约者|否则|如有违反|如违反|一经发现|一经查实|经查实|[的者][,:]")
_CLAUSE_BREAK = re.compile(r"[,;:]")
_EXCEPTION_CLAUSE = re.compile(r"除[^,;。]{0,24}?外")
_NOT_LAW_TITLE = re.compile(r"村规民约|公约|章程|规约|本约|守则|细则")


# --- Suggestions ---------------------------------------------------------------------------

SUGGESTION_FINE = gettext_noop(
    "删除罚款类条款：村规民约无权设定罚款。可改为批评教育、劝导、责令改正，情节较重的取消当年评先评优资格"
    "或纳入信用评价；涉嫌违法的，报请有关部门依法处理。"
)
SUGGESTION_FEE = gettext_noop(
    "不得以收费、违约金或扣押保证金代替处罚：服务费用只能按户事先约定、用于约定服务。可改为批评教育、劝导，"
    "或纳入信用评价。"
)
SUGGESTION_BENEFIT = gettext_noop(
    "低保、补贴、救助、集体收益分配等是依法享有的权益，不得作为惩戒手段取消或停止。可改为批评教育、劝导、"
    "取消评先评优资格或纳入信用（积分）评价。"
)
SUGGESTION_SERVICE = gettext_noop(
    "不得以断水断电、不予办理证明或手续、不予受理等方式迫使履约。可改为上门劝导、调解，或纳入信用评价；"
    "确需处理的，报请有关部门依法处理。"
)
SUGGESTION_SHAMING = gettext_noop(
    "不得公开曝光、列入黑榜或公布姓名羞辱当事人。可改为当面批评教育、由道德评议会劝导，并以“红榜”表扬先进。"
)
SUGGESTION_PUNISH = gettext_noop(
    "村规民约无权设定或实施处罚。可改为批评教育、劝导、责令改正，情节较重的取消评先评优资格或纳入信用评价；"
    "违反法律法规的，报请有关部门依法处理。"
)
SUGGESTION_LABOUR = gettext_noop(
    "不得以罚劳动、以工代罚等方式处罚村民。可改为批评教育、责令改正、恢复原状，或倡导自愿参加志愿服务。"
)
SUGGESTION_MARITAL = gettext_noop(
    "不得以出嫁、离婚、丧偶、入赘等婚姻状况为由收回承包地、宅基地，或取消其集体收益分配和村民待遇"
    "（《妇女权益保障法》）。应删除该条，对其与其他村民同等对待。"
)
SUGGESTION_COERCION = gettext_noop(
    "强制拆除、强制执行只能由法定机关依法实施，村(居)委会无权强制。可改为劝导、责令限期改正；逾期不改的，"
    "报请有关部门依法处理。"
)
SUGGESTION_CONFISCATION = gettext_noop(
    "没收、扣押财物只能由法定机关依法实施。可改为劝导、责令恢复原状或赔偿损失；涉嫌违法的，报请有关部门依法处理。"
)


# --- Checking ------------------------------------------------------------------------------


def convention_check(lines: Sequence[str], *, topics: Iterable[Topic] = DEFAULT_TOPICS) -> ConventionReport:
    """Check a convention given as its lines (for .docx: its paragraphs)."""
    topics = tuple(topics)
    sentences = _sentences(lines)
    evidence: dict[str, list[Evidence]] = {topic.key: [] for topic in topics}
    violations: list[Violation] = []
    for sentence in sentences:
        text = sentence.text
        for topic in topics:
            match = topic.regex.search(text)
            if match and not any(e.line == sentence.line_at(match.start()) for e in evidence[topic.key]):
                evidence[topic.key].append(Evidence(sentence.line_at(match.start()), sentence.original))
        violations.extend(_sentence_violations(sentence))
    return ConventionReport(
        topics=tuple(TopicResult(t.key, t.label, tuple(evidence[t.key])) for t in topics),
        violations=tuple(violations),
    )


def convention_text_check(text: str, *, topics: Iterable[Topic] = DEFAULT_TOPICS) -> ConventionReport:
    return convention_check(re.split(r"\r\n|\r|\n", text), topics=topics)


def convention_file_check(path: str | Path, *, topics: Iterable[Topic] = DEFAULT_TOPICS) -> ConventionReport:
    """Read and check a .txt or .docx; raises ConventionInputError for input that cannot be checked."""
    return convention_check(convention_lines_read(path), topics=topics)


def _sentence_violations(sentence: _Sentence) -> list[Violation]:
    text = sentence.text
    # "除…外" names what is done besides the penalty ("除依法赔偿外，并处罚款"): it neither
    # excuses nor sets a penalty, so it is blanked out (keeping offsets).
    masked = _EXCEPTION_CLAUSE.sub(lambda m: "□" * len(m.group(0)), text)
    found: dict[str, tuple[int, str, str]] = {}  # kind -> (offset, matched, suggestion)

    def add(kind: str, match: re.Match[str], suggestion: str) -> None:
        if kind not in found:
            found[kind] = (match.start(), match.group(0), suggestion)

    labour = [m for m in _FORCED_LABOUR.finditer(masked) if not _lawful(masked, m.start())]
    if labour:
        add(OTHER_PENALTY, labour[0], SUGGESTION_LABOUR)
    for match in _FINE_WORDS.finditer(masked):
        if _lawful(masked, match.start()) or any(m.start() <= match.start() < m.end() for m in labour):
            continue
        fee = "费" in match.group(0) or ("金" in match.group(0) and "罚金" not in match.group(0))
        add(FINE, match, SUGGESTION_FEE if fee else SUGGESTION_FINE)
    if FINE not in found:
        for match in _other_named_charges(masked):
            add(FINE, match, SUGGESTION_FEE)
            break
    if FINE not in found:
        for match in [*_PAY_AMOUNT.finditer(masked), *_AMOUNT_PAID.finditer(masked)]:
            if not _penal_near(masked, match):
                continue
            clause_before = re.split(r"[,;。:]", masked[: match.start()])[-1]
            after = masked[match.end() : match.end() + 4]
            # A subsidy named after a deduction ("扣误工补贴五十元") is what is taken, not a reward given.
            deduction = match.group(0).startswith("扣")
            if not deduction and (_REWARD.search(clause_before + match.group(0)) or _REWARD.match(after)):
                continue
            if not _lawful(masked, match.start()):
                add(FINE, match, SUGGESTION_FEE if "费" in match.group(0) else SUGGESTION_FINE)
                break
    for match in _WITHHOLD_STANDALONE.finditer(masked):
        if not _lawful(masked, match.start()):
            word = match.group(0)
            suggestion = SUGGESTION_CONFISCATION if word in ("没收", "收缴", "扣押") else SUGGESTION_SERVICE
            if word in ("株连", "血亲", "开除村籍", "注销户口"):
                suggestion = SUGGESTION_BENEFIT
            elif word.startswith(("强制", "强行")):
                suggestion = SUGGESTION_COERCION
            add(OTHER_PENALTY, match, suggestion)
    if OTHER_PENALTY not in found:
        for match in _SHAMING.finditer(masked):
            if not _lawful(masked, match.start()):
                add(OTHER_PENALTY, match, SUGGESTION_SHAMING)
    if OTHER_PENALTY not in found:
        for match in _SHAMING_NAMES.finditer(masked):
            if _penal_near(masked, match) and not _lawful(masked, match.start()):
                add(OTHER_PENALTY, match, SUGGESTION_SHAMING)
    if OTHER_PENALTY not in found:
        for status in _MARITAL_STATUS.finditer(masked):
            taken = _MARITAL_WITHHOLD.search(masked, status.end(), status.end() + 30)
            if taken and not _lawful(masked, taken.start()) and not _NEGATED_GROUND.search(masked[: status.start()]):
                add(OTHER_PENALTY, taken, SUGGESTION_MARITAL)
                break
    if OTHER_PENALTY not in found and _MISCONDUCT.search(masked):
        for match in _SEIZE.finditer(masked):
            if not _lawful(masked, match.start()):
                add(OTHER_PENALTY, match, SUGGESTION_CONFISCATION)
    if OTHER_PENALTY not in found and _MISCONDUCT.search(masked):
        for match in _TO_COLLECTIVE.finditer(masked):
            conditions = list(_CONDITION_END.finditer(masked, 0, match.start()))
            if not conditions or _lawful(masked, match.start()):
                continue
            if _COLLECTIVE_PROPERTY.search(masked[: conditions[-1].start()]):
                continue
            add(OTHER_PENALTY, match, SUGGESTION_CONFISCATION)
            break
    if OTHER_PENALTY not in found and not _QUALIFICATION.search(masked):
        for match in [*_WITHHOLD.finditer(masked), *_WITHHELD_AFTER.finditer(masked)]:
            if _lawful(masked, match.start()):
                continue
            # A reward lost ("停止享受…奖励优惠政策") is an honour withdrawn, the lawful alternative, not
            # a benefit withheld; 奖补 and 奖学金 are subsidies and stay benefits.
            if _REWARD_LOST.search(match.group(0)):
                continue
            # Held "in trust" (代管) is withholding only as a consequence of misconduct.
            if match.group(0).endswith("代管") and not _MISCONDUCT.search(masked):
                continue
            service = re.search(r"水|电|证明|盖章|手续|受理|办理|户口|上户|落户|网络|电视|服务", match.group(0))
            add(OTHER_PENALTY, match, SUGGESTION_SERVICE if service else SUGGESTION_BENEFIT)
            break
    if not found:
        for match in _PUNISH.finditer(masked):
            before = masked[max(0, match.start() - 8) : match.start()]
            if _PUNISHED_BEFORE.search(before) or _lawful(masked, match.start()) or not _penal_near(masked, match):
                continue
            add(OTHER_PENALTY, match, SUGGESTION_PUNISH)
            break
    return [
        Violation(kind, sentence.line_at(offset), sentence.original, suggestion, matched)
        for kind, (offset, matched, suggestion) in sorted(found.items(), key=lambda item: item[1][0])
    ]


def _other_named_charges(text: str) -> Iterable[re.Match[str]]:
    """Money taken under names other than a fine, in a sentence about misconduct (decision 11)."""
    for match in _FIXED_DAMAGES.finditer(text):
        clause = _clause_around(text, match)
        if _penal_near(text, match) and not _REAL_LOSS.search(clause) and not _lawful(text, match.start()):
            yield match
    # A tariff agreed for use beyond a quota ("超过定额的部分按阶梯水价加收，经村民代表会议通过") is a price.
    tariff = bool(_AGREED.search(text)) and not _WRONGDOING.search(text)
    for match in _SURCHARGE.finditer(text):
        if not tariff and _penal_near(text, match) and not _lawful(text, match.start()):
            yield match
    for match in _DEDUCT_SHARE.finditer(text):
        if _penal_near(text, match) and not _POINTS.search(match.group(0)) and not _lawful(text, match.start()):
            yield match
    for match in _COST_CHARGED.finditer(text):
        if (
            _MONEY.search(text)
            and _DONE_IN_PLACE.search(text)
            and not _REAL_LOSS.search(text)
            and _penal_near(text, match)
            and not _lawful(text, match.start())
        ):
            yield match


def _clause_around(text: str, match: re.Match[str]) -> str:
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, match.start())), default=0)
    end = _CLAUSE_BREAK.search(text, match.end())
    return text[start : end.start() if end else len(text)]


def _penal_near(text: str, match: re.Match[str]) -> bool:
    """Whether the clause of `match` (with the two before it) is about misconduct.

    A payment or a published name there is a penalty; elsewhere it is a price, an agreed fee or a notice.
    """
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, match.start())]
    near = text[breaks[-3] if len(breaks) >= 3 else 0 : match.end()]
    return bool(_MISCONDUCT.search(near)) or bool(_CONDITIONAL.search(near) and not _AGREED.search(near))


def _lawful(text: str, position: int) -> bool:
    """Whether the trigger at `position` is negated, or is imposed by the state / quoted law."""
    if _NEGATED.search(text[max(0, position - 16) : position]):
        return True
    # The body named right after it: "罚款由派出所依法作出" is the state's penalty, quoted.
    rest = _CLAUSE_BREAK.split(text[position:], maxsplit=1)[0]
    named = re.search(r"由([^,;。]{0,16})", rest)
    if named and _STATE.search(named.group(1)) and not _VILLAGE.search(named.group(1)):
        return True
    # The trigger's own clause and the one before it ("由公安机关依法给予警告，并处罚款"), not
    # further back: "依法缴纳卫生费…，对拒不缴费的…不予办理" is not quoted law.
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    start = breaks[-2] if len(breaks) >= 2 else 0
    for condition in _CONDITION_END.finditer(text, 0, position):
        start = max(start, condition.end())
    scope = text[start:position]
    markers: list[tuple[int, str]] = []
    markers += [(m.end(), "state") for m in _STATE.finditer(scope)]
    markers += [
        (m.end(), "law")
        for m in _LAW.finditer(scope)
        if not (m.group(0).startswith("《") and _NOT_LAW_TITLE.search(m.group(0)))
        and not _NOT_LAW_TITLE.search(m.group(0))
    ]
    village = [(m.end(), "village") for m in _VILLAGE.finditer(scope)]
    if not markers:
        return False
    last_position, last_kind = max(markers + village)
    if last_kind == "state":
        return True
    if last_kind == "law":
        return not (village and not any(kind == "state" for _, kind in markers))
    return False
