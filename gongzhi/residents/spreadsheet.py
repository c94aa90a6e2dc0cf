"""The Excel layout of the register: one header row, one resident per row.

Import and export share these columns so that a clerk sees the same sheet
in both directions (the export masks the ID and shows the birth year only).
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .codes import EDUCATIONS, ETHNICITIES, MARITAL_STATUSES, POLITICAL_STATUSES, RELATIONS, RESIDENCE_TYPES

# (key, header, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("name", "姓名", True),
    ("id_number", "身份证号", True),
    ("gender", "性别", False),
    ("birth_date", "出生日期", False),
    ("ethnicity", "民族", False),
    ("political_status", "政治面貌", False),
    ("education", "文化程度", False),
    ("marital_status", "婚姻状况", False),
    ("phone", "手机号", False),
    ("registered_address", "户籍地址", False),
    ("current_address", "现住址", False),
    ("residence_type", "人口类型", False),
    ("community", "村(社区)", True),
    ("grid", "网格", True),
    ("building", "楼栋", False),
    ("household_number", "户编号", False),
    ("relation_to_head", "与户主关系", False),
    ("tags", "标签", False),
]
# The template's example row (row 2): marked as an example in its name, shaded and commented.
# The importer never imports a row whose name carries the mark: the unchanged example is skipped
# (and the job says so), anything else with the mark is refused with a message.
EXAMPLE_MARK = "（示例）"
EXAMPLE_ROW: dict[str, str] = {
    "name": EXAMPLE_MARK + "张三丰",
    "id_number": "110101199001019992",
    "gender": "男",
    "birth_date": "1990-01-01",
    "ethnicity": "汉族",
    "political_status": "群众",
    "education": "",
    "marital_status": "",
    "phone": "13800000000",
    "registered_address": "",
    "current_address": "示例村1组8号",
    "residence_type": "户籍人口",
    "community": "示例村",
    "grid": "第一网格",
    "building": "",
    "household_number": "示例-0001",
    "relation_to_head": "户主",
    "tags": "",
}


def is_example_name(value) -> bool:
    text = str(value or "").strip().replace("(", "（").replace(")", "）")
    return text.startswith(EXAMPLE_MARK) or text.startswith("示例")


HEADER_TO_KEY = {header: key for key, header, _required in COLUMNS}
KEY_TO_HEADER = {key: header for key, header, _required in COLUMNS}
KEY_TO_HEADER["area"] = "网格"


def normalize_header(text) -> str:
    return (
        str(text or "")
        .replace("*", "")
        .replace("＊", "")
        .replace(" ", "")
        .replace("（", "(")
        .replace("）", ")")
        .strip()
    )


def template_workbook(example_community: str = "示例村", example_grid: str = "第一网格") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "居民"
    headers = [header + ("*" if required else "") for _key, header, required in COLUMNS]
    ws.append(headers)
    example = {**EXAMPLE_ROW, "community": example_community, "grid": example_grid}
    ws.append([example[key] for key, _header, _required in COLUMNS])
    grey = PatternFill("solid", fgColor="E7E6E6")
    for index in range(1, len(COLUMNS) + 1):
        cell = ws.cell(row=2, column=index)
        cell.fill = grey
        cell.font = Font(italic=True, color="595959")
    ws.cell(row=2, column=1).comment = Comment(
        "这是示例行，导入时会被忽略。请从第3行起填写，也可以删除本行。", "共治"
    )
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for index, (_key, _header, required) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = bold
        if required:
            cell.fill = fill
        ws.column_dimensions[cell.column_letter].width = 14
    ws.column_dimensions["B"].width = 22
    ws.freeze_panes = "A3"
    # Text format for ID numbers and phones so Excel keeps every digit.
    for letter in ("B", "I", "P"):
        for row_no in range(2, 2002):
            ws[f"{letter}{row_no}"].number_format = "@"
    lists = wb.create_sheet("代码表")
    code_lists = [
        ("民族", ETHNICITIES),
        ("政治面貌", POLITICAL_STATUSES),
        ("文化程度", EDUCATIONS),
        ("婚姻状况", MARITAL_STATUSES),
        ("人口类型", RESIDENCE_TYPES),
        ("与户主关系", RELATIONS),
    ]
    for col, (title, items) in enumerate(code_lists, start=1):
        lists.cell(row=1, column=col, value=title).font = bold
        for row, (_code, label) in enumerate(items, start=2):
            lists.cell(row=row, column=col, value=label)
    for col_index, (title, items) in enumerate(code_lists, start=1):
        key = next(k for k, h, _r in COLUMNS if h == title)
        target = ws.cell(row=1, column=[c[0] for c in COLUMNS].index(key) + 1).column_letter
        letter = lists.cell(row=1, column=col_index).column_letter
        validation = DataValidation(
            type="list", formula1=f"代码表!${letter}$2:${letter}${len(items) + 1}", allow_blank=True
        )
        validation.error = f"请从下拉列表中选择{title}"
        ws.add_data_validation(validation)
        validation.add(f"{target}2:{target}2001")
    notes = wb.create_sheet("填写说明")
    for line in (
        "带 * 的列必填。每行一位居民，第一行为表头，请勿修改表头。",
        f"第2行（灰色，姓名以“{EXAMPLE_MARK}”开头）是填写示例，导入时会被忽略；请从第3行起填写，也可删除该行。",
        "身份证号须为18位有效号码；性别、出生日期可不填，系统按身份证号自动识别；如填写须与身份证号一致。",
        "出生日期格式：YYYY-MM-DD。手机号为11位中国大陆手机号。",
        "村(社区)、网格、楼栋须与系统中的名称一致，且在您的管辖范围内。",
        "户编号：已有户填写户编号；新户在户主一行填写新户编号并将与户主关系填为“户主”，同户其他成员填写同一户编号。",
        "标签用顿号分隔，如：党员、低保。须为系统标签列表中的标签。",
        "文件中任何一行有错误，整个文件都不会导入，系统会给出错误报告（行号、列名、原因）。",
        f"示例：村(社区)填“{example_community}”，网格填“{example_grid}”。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
