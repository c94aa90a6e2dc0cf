"""What the front desk's forms send: per checklist line, read from the POST by line id.

The forms on the detail page are plain HTML (one row per line, see templates/hall/parts/desk_moves.html);
these read them into what the actions take, and leave every judgement to the actions.
"""

import datetime as dt

from django.http import QueryDict

from gongzhi.core.ids import id_from


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def accept_data(post: QueryDict) -> tuple[set[int], dict[int, dt.date | None]]:
    """(checked line ids, {promised line id: date}) from `line_<id>` = checked | promised, `promise_<id>`."""
    checked, promises = set(), {}
    for key, value in post.items():
        if not key.startswith("line_"):
            continue
        line_id = id_from(key.removeprefix("line_"))
        if line_id is None:
            continue
        if value == "checked":
            checked.add(line_id)
        elif value == "promised":
            promises[line_id] = _date(post.get(f"promise_{line_id}"))
    return checked, promises


def notice_items(post: QueryDict) -> list[tuple[int, str, str]]:
    """[(line id, problem, note)] from `problem_<id>` = missing | faulty and `note_<id>`."""
    items = []
    for key, value in post.items():
        if not key.startswith("problem_") or not value:
            continue
        line_id = id_from(key.removeprefix("problem_"))
        if line_id is not None:
            items.append((line_id, str(value), str(post.get(f"note_{line_id}", ""))))
    return items


def ready_lines(post: QueryDict) -> set[int]:
    return {i for i in (id_from(v) for v in post.getlist("ready")) if i is not None}


def supply_files(files) -> dict[int, list]:
    """{Material id: [uploads]} from `file_<material id>` inputs."""
    found: dict[int, list] = {}
    for key in files:
        if key.startswith("file_"):
            material_id = id_from(key.removeprefix("file_"))
            if material_id is not None:
                found[material_id] = files.getlist(key)
    return found


def flag(post: QueryDict, name: str) -> bool:
    return post.get(name) in ("1", "on", "true")
