"""Normalising text before it is matched: full-width → half-width, traditional → simplified, variant and
OCR forms, pinyin readings, page chrome, spacing and decoration removed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Variant and OCR forms that OpenCC leaves alone but that must read as the pattern characters.
_VARIANTS = str.maketrans({"罸": "罚", "欵": "款", "囘": "回", "〇": "零"})
_DECORATION = re.compile(r"[\s\u200b-\u200f\u2060\ufeff*＊•·●○■□◆◇★☆▲△▼※→←「」『』【】〔〕\"'“”‘’`_~^|]+")
_CHROME_INLINE = re.compile(
    r"第\s*\d+\s*页\s*[,/、]?\s*共\s*\d+\s*页|共\s*\d+\s*页\s*[,/、]?\s*第\s*\d+\s*页"
    r"|[-—]+\s*\d+\s*[-—]+|page\s*\d+(\s*of\s*\d+)?",
    re.IGNORECASE,
)
CHROME_LINE = re.compile(
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
