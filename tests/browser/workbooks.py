"""Import files built with openpyxl, the way a clerk fills the downloaded template."""

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from tests.idnumbers import make_id

TEMPLATE_HEADER = [
    "姓名*",
    "身份证号*",
    "性别",
    "出生日期",
    "民族",
    "政治面貌",
    "文化程度",
    "婚姻状况",
    "手机号",
    "户籍地址",
    "现住址",
    "人口类型",
    "村(社区)*",
    "网格*",
    "楼栋",
    "户编号",
    "与户主关系",
    "标签",
]
PEOPLE = [
    ("王小明", dt.date(1985, 2, 3), "M"),
    ("刘芳", dt.date(1990, 7, 21), "F"),
    ("陈建国", dt.date(1949, 10, 1), "M"),
    ("赵丽", dt.date(2001, 12, 30), "F"),
]
BAD_ROW = 4  # Excel row of 陈建国: header is row 1


def spoil_checksum(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def write_workbook(path: Path, header: list[str], *, spoil_row: int | None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "居民"
    ws.append(header)
    for index, (name, birth, gender) in enumerate(PEOPLE, start=2):
        number = make_id(birth, 100 + index, gender)
        if index == spoil_row:
            number = spoil_checksum(number)
        row = {
            "姓名*": name,
            "身份证号*": number,
            "村(社区)*": "青山村",
            "网格*": "1组网格",
            "现住址": "青山村1组",
        }
        ws.append([row.get(column) for column in header])
    wb.save(path)
    return path
