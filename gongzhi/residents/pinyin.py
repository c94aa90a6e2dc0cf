"""Pinyin keys for searching names: full pinyin and initials (zs finds 张三),
and the key the register sorts names by (李四 before 林一: syllable by syllable).

pypinyin reads a character by its commonest sound; a surname often has its
own (曾 zeng, 单 shan, 解 xie), so the first character is looked up in a
surname table first.
"""

from pypinyin import Style, lazy_pinyin

SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "查": "zha", "仇": "qiu", "朴": "piao", "区": "ou",
    "召": "shao", "缪": "miao", "翟": "zhai", "盖": "ge", "乐": "yue", "覃": "qin", "员": "yun",
    "繁": "po", "句": "gou", "尉": "yu", "长": "chang", "重": "chong", "折": "she", "隗": "wei",
    "種": "chong", "种": "chong", "秘": "bi", "祭": "zhai", "谌": "chen", "沈": "shen", "葛": "ge",
    "万": "wan", "都": "du", "藏": "zang", "车": "che", "宁": "ning", "石": "shi", "柏": "bai",
}  # fmt: skip


def _readings(name: str) -> list[str]:
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="default")
    if name and name[0] in SURNAME_READINGS and syllables:
        syllables[0] = SURNAME_READINGS[name[0]]
    return [s.lower() for s in syllables]


def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials) — both lower-case ASCII where possible."""
    syllables = [s for s in _readings(name) if s.strip()]
    full = "".join(s for s in syllables if s.isascii() and s.isalpha())
    initials = "".join(s[0] for s in syllables if s and s[0].isascii() and s[0].isalpha())
    return full[:200], initials[:50]


def name_sort_key(name: str) -> str:
    """Syllables separated by spaces: "li si" < "lin yi", as a dictionary orders them.

    Sorting by this column, not by the database's collation, gives the same
    pinyin order on SQLite and PostgreSQL (whose collations order 汉字 by code
    point or by locale). Equal readings are ordered by the name itself.
    """
    return " ".join(s for s in _readings(name) if s.strip())[:250]
