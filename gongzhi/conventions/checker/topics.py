"""Required topics of a 村规民约/居民公约: configurable data, with the township's default set.

A township can add its own: `(*DEFAULT_TOPICS, Topic("fire_safety", "森林防火", (r"防火",)))`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .messages import gettext_noop
from .normalising import text_normalise


@dataclass(frozen=True)
class Topic:
    """A required topic: a stable key, a Chinese label, and regexes over normalised text.

    Patterns are matched against simplified, half-width text with whitespace removed.
    """

    key: str
    label: str
    patterns: tuple[str, ...]

    @property
    def regex(self) -> re.Pattern[str]:
        return _topic_regex(self.patterns)


@lru_cache(maxsize=256)
def _topic_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


DEFAULT_TOPICS: tuple[Topic, ...] = (
    Topic(
        "core_values",
        gettext_noop("社会主义核心价值观"),
        (r"核心价值观", r"富强.{0,2}民主.{0,2}文明.{0,2}和谐"),
    ),
    Topic(
        "banquets",
        gettext_noop("治理滥办酒席"),
        (
            r"[滥乱]办(酒席|宴席|酒宴|宴请|酒)",
            r"大操大办",
            r"酒席|宴席|酒宴|整酒|办酒|无事酒|人情酒|升学宴|乔迁宴|满月酒|寿宴",
            r"宴请",
            r"红白(喜)?事",
            r"婚丧(喜庆|嫁娶)?.{0,6}(简|俭|节约|从简|新办|不)",
            r"随礼|礼金|份子钱|人情(往来|消费|负担)",
        ),
    ),
    Topic(
        "anti_gang",
        gettext_noop("扫黑除恶"),
        (r"扫黑除恶", r"黑恶", r"涉黑|涉恶|恶势力|黑社会|村霸|路霸|市霸"),
    ),
    Topic(
        "early_marriage",
        gettext_noop("杜绝早婚早育"),
        (
            r"早婚|早育|童婚|娃娃亲",
            r"法定婚龄",
            r"未达.{0,4}婚龄|未满.{0,6}(结婚|婚育)",
            r"晚婚晚育|适龄(婚育|结婚|生育)|(按|达到)法定(结婚)?年龄",
        ),
    ),
    Topic(
        "wedding_customs",
        gettext_noop("遏制低俗婚闹"),
        (
            r"婚闹|闹婚|闹洞房|闹新(房|娘|郎)",
            r"戏弄.{0,4}(新人|新娘|新郎|伴娘|伴郎)",
            r"(低俗|恶俗|庸俗)[^,;。]{0,6}婚",
            r"婚(礼|庆|俗)[^,;。]{0,6}(低俗|恶俗|庸俗|恶搞)",
        ),
    ),
    Topic(
        "bride_price",
        gettext_noop("抵制天价彩礼"),
        (r"彩礼|聘礼|聘金|彩金", r"(借|以)婚姻索取财物|婚姻.{0,4}索(取|要)(钱|财)"),
    ),
    Topic(
        "funeral_reform",
        gettext_noop("提倡三日吉葬"),
        (
            r"吉葬",
            r"(丧|白)事[^,;。]{0,4}(简办|从简|从俭|俭办|新办|简化|节俭|俭朴|简朴|不大操大办)",
            r"(丧|白)事[^,;。]{0,12}(不超过|不得超过|控制在|以内)",
            r"厚养薄葬|薄葬|文明(治丧|办丧|丧葬|祭扫|祭祀)|殡葬改革|生态安葬|节地生态|公益性公墓|火化",
            r"丧葬[^,;。]{0,6}(简|改革|文明|节俭|陋习|从简)",
            r"治丧[^,;。]{0,8}(简|天|日|期)",
        ),
    ),
    Topic(
        "green_living",
        gettext_noop("倡导绿色低碳生活"),
        (
            r"绿色(低碳|生活|出行|家园|发展|生产|消费|殡葬|环保)|低碳",
            r"垃圾分类|分类投放|分类收集|分类处理",
            r"环保|环境保护|保护环境|生态(环境|文明|保护|宜居)",
            r"节能|节水|节电|节约(用水|用电|能源|资源|粮食)|光盘行动|减塑|白色污染",
        ),
    ),
)


def keyword_topic(key: str, label: str, keywords: list[str] | tuple[str, ...]) -> Topic:
    """A township's own topic, covered when any of its keywords appears (taken literally, not as regexes).

    Keywords are matched like the built-in patterns: against simplified, half-width
    text with whitespace removed, so they are normalised the same way here.
    """
    words = [re.sub(r"\s+", "", text_normalise(word)) for word in keywords]
    return Topic(key, label, tuple(re.escape(word) for word in words if word))
