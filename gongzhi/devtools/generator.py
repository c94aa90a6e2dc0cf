"""Generating a believable township (or county) fast.

Everything is synthetic: names from common characters, ID numbers built
with valid checksums under one county prefix, phones in real mobile ranges.
Pinyin is computed per character once and reused, encryption per row.
"""

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from pypinyin import Style, lazy_pinyin
from stdnum.cn import ric

from gongzhi.core.crypto import blind_index, encrypt
from gongzhi.core.masking import mask_phone
from gongzhi.residents.pinyin import name_keys, name_sort_key

from .names import COMPOUND_SURNAMES, FEMALE_CHARS, MALE_CHARS, SURNAME_WEIGHTS, SURNAMES

# random.choices(weights=w) accumulates w on every call; passing the running
# sums instead draws exactly the same names, without that work.
SURNAME_CUM_WEIGHTS = list(itertools.accumulate(SURNAME_WEIGHTS))

PHONE_PREFIXES = [
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "186",
    "187",
    "188",
    "135",
    "136",
    "177",
    "199",
]


class PinyinCache:
    """residents.pinyin.name_keys for generated names, built from cached parts.

    A county has hundreds of thousands of distinct names but only ~100
    surnames and a few thousand given names, so the keys of a name are the
    surname's keys (with its surname reading) followed by the given name's.
    For every surname × given name this generator can produce, the result
    was checked to equal name_keys(full name); names with anything else go
    through name_keys itself.
    """

    def __init__(self):
        self._surnames: dict[str, tuple[str, str]] = {}
        self._given: dict[str, tuple[str, str]] = {}
        self._sort: dict[str, str] = {}

    def keys(self, name: str, surname: str | None = None) -> tuple[str, str]:
        if surname is None or not name.startswith(surname):
            return name_keys(name)
        head = self._surnames.get(surname)
        if head is None:
            head = self._surnames[surname] = name_keys(surname)
        given = name[len(surname) :]
        tail = self._given.get(given)
        if tail is None:
            tail = self._given[given] = _given_keys(given)
        return (head[0] + tail[0])[:200], (head[1] + tail[1])[:50]

    def sort_key(self, name: str, surname: str | None = None) -> str:
        """residents.pinyin.name_sort_key, from the same cached parts."""
        if surname is None or not name.startswith(surname) or len(name) == len(surname):
            return name_sort_key(name)
        head = self._sort.get(surname)
        if head is None:
            head = self._sort[surname] = name_sort_key(surname)
        given = name[len(surname) :]
        tail = self._sort.get("\0" + given)
        if tail is None:
            syllables = lazy_pinyin(given, style=Style.NORMAL, errors="default")
            tail = self._sort["\0" + given] = " ".join(s.lower() for s in syllables if s.strip())
        return f"{head} {tail}"[:250]


def _given_keys(given: str) -> tuple[str, str]:
    """name_keys without the surname reading: for the part after the surname."""
    syllables = [s.lower() for s in lazy_pinyin(given, style=Style.NORMAL, errors="default")]
    syllables = [s for s in syllables if s.strip()]
    full = "".join(s for s in syllables if s.isascii() and s.isalpha())
    initials = "".join(s[0] for s in syllables if s and s[0].isascii() and s[0].isalpha())
    return full, initials


@dataclass
class Person:
    name: str
    gender: str
    birth_date: dt.date
    id_number: str
    phone: str
    name_pinyin: str
    name_initials: str
    name_sort: str = ""


class PeopleFactory:
    def __init__(self, seed: int, region_prefix: str = "511423"):
        self.rng = random.Random(seed)
        self.prefix = region_prefix
        self.pinyin = PinyinCache()
        self.sequence: dict[str, int] = {}
        self.offsets: dict[str, int] = {}
        self.today = timezone.localdate()

    def surname(self) -> str:
        if self.rng.random() < 0.004:
            return self.rng.choice(COMPOUND_SURNAMES)
        return self.rng.choices(SURNAMES, cum_weights=SURNAME_CUM_WEIGHTS)[0]

    def given(self, gender: str) -> str:
        chars = MALE_CHARS if gender == "M" else FEMALE_CHARS
        return "".join(self.rng.choice(chars) for _ in range(self.rng.choice((1, 2, 2, 2))))

    def birth_date(self, min_age: int, max_age: int) -> dt.date:
        age_days = self.rng.randint(min_age * 365 + 1, max_age * 365 + 200)
        return self.today - dt.timedelta(days=age_days)

    def id_number(self, birth: dt.date, gender: str) -> str:
        day = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"
        key = day + gender
        seq = self.sequence.get(key, 0)
        self.sequence[key] = seq + 1
        if seq >= 500:
            raise RuntimeError("too many people of one sex born on one day for one region prefix")
        # 3-digit order code, odd for men and even for women: 500 per sex per day.
        # A per-day random start and a stride coprime to 500 spread them out.
        start = self.offsets.setdefault(key, self.rng.randrange(500))
        order = ((start + seq * 37) % 500) * 2 + (1 if gender == "M" else 0)
        body = f"{self.prefix}{day}{order:03d}"
        return body + ric.calc_check_digit(body + "0")  # stdnum ignores the last character

    def phone(self) -> str:
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"

    def person(
        self,
        *,
        gender: str | None = None,
        surname: str | None = None,
        min_age=0,
        max_age=95,
        with_phone: float = 0.7,
    ) -> Person:
        gender = gender or self.rng.choice("MF")
        surname = surname or self.surname()
        name = surname + self.given(gender)
        birth = self.birth_date(min_age, max_age)
        full, initials = self.pinyin.keys(name, surname)
        phone = (
            self.phone() if (self.today - birth).days > 16 * 365 and self.rng.random() < with_phone else ""
        )
        return Person(
            name,
            gender,
            birth,
            self.id_number(birth, gender),
            phone,
            full,
            initials,
            self.pinyin.sort_key(name, surname),
        )

    def household(self) -> Iterator[tuple[Person, str]]:
        """(person, relation code) for one household: head, maybe spouse, children, a parent."""
        head_gender = "M" if self.rng.random() < 0.8 else "F"
        head = self.person(gender=head_gender, min_age=25, max_age=85)
        yield head, "02"
        head_age = (self.today - head.birth_date).days // 365
        if self.rng.random() < 0.8:
            spouse_age = max(20, min(95, head_age + self.rng.randint(-5, 3)))
            yield (
                self.person(
                    gender="F" if head_gender == "M" else "M", min_age=spouse_age, max_age=spouse_age
                ),
                "10",
            )
        for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3))):
            child_gender = self.rng.choice("MF")
            top = max(0, head_age - 20)
            child_age = self.rng.randint(0, top) if top > 0 else 0
            yield (
                self.person(
                    gender=child_gender,
                    surname=head.name[: 2 if head.name[:2] in COMPOUND_SURNAMES else 1],
                    min_age=child_age,
                    max_age=child_age,
                ),
                "20" if child_gender == "M" else "30",
            )
        if head_age < 60 and self.rng.random() < 0.25:
            parent_age = min(95, head_age + self.rng.randint(22, 32))
            yield self.person(min_age=parent_age, max_age=parent_age, with_phone=0.3), "50"


def sealed_fields(person: Person) -> dict:
    fields = {
        "id_ciphertext": encrypt(person.id_number, context="resident.id_number"),
        "id_index": blind_index(person.id_number, context="id_number"),
        "id_last4": person.id_number[-4:],
        "phone_ciphertext": "",
        "phone_index": "",
        "phone_masked": "",
    }
    if person.phone:
        fields["phone_ciphertext"] = encrypt(person.phone, context="resident.phone")
        fields["phone_index"] = blind_index(person.phone, context="phone")
        fields["phone_masked"] = mask_phone(person.phone)
    return fields
