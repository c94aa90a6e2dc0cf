"""Valid synthetic ID numbers for tests (checksums from python-stdnum)."""

import datetime as dt

from stdnum.cn import ric


def make_id(birth: dt.date, seq: int, gender: str = "M", prefix: str = "511423") -> str:
    order = (seq % 499) * 2 + (1 if gender == "M" else 0)
    body = f"{prefix}{birth:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum ignores the last character
