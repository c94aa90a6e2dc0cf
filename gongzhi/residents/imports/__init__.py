"""Importing residents from Excel: all rows or none.

One streaming pass over the file (openpyxl read-only mode, so memory does
not grow with the file) validates every row — ID checksum, duplicates
inside the file and against the register, unknown community, grid, building
or household, bad dates, phones and codes — and, while no row has failed,
builds each row for the insert (sealed ID and phone, blind indexes, pinyin
keys) and spools it to a file beside the upload. Only when the whole file
is good does the insert run: one transaction, rows straight to the driver
(gongzhi.core.bulk). A new household may be declared by the file itself:
its 户主 row carries the new 户编号 and the members repeat it.

The package, one module a step: `reading` the workbook, `validating` the rows, `preparing` the insert
while validating, `writing` it, the error `report`, and the `job` around them (upload, queue, progress).
"""

from .job import import_dir, import_progress, resident_import_execute, resident_import_start
from .reading import ImportFileError
from .validating import validate_file
from .writing import import_prepared

__all__ = [
    "ImportFileError",
    "import_dir",
    "import_prepared",
    "import_progress",
    "resident_import_execute",
    "resident_import_start",
    "validate_file",
]
