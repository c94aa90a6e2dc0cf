"""Every action says who may call it: a public function in an actions module types its `actor`.

Read from the source (no import, no database): each `actions.py`, `*_actions.py`
and module of an `actions` or `imports` package under gongzhi/. The annotation names `User`
(`User`, `User | None` for a job or the system, `User | ConsoleOperator`), so
mypy checks what the action does with its actor and what its callers pass.
"""

import ast
from pathlib import Path

import pytest

GONGZHI = Path(__file__).resolve().parent.parent / "gongzhi"


def actions_modules() -> list[Path]:
    return sorted(
        path
        for path in GONGZHI.rglob("*.py")
        if "migrations" not in path.parts
        and (
            path.stem == "actions"
            or path.stem.endswith("_actions")
            or path.parent.name in ("actions", "imports")
        )
    )


def untyped_actors(source: str) -> list[str]:
    """The public module-level functions whose `actor` parameter is missing a User annotation."""
    found = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name.startswith("_"):
            continue
        arguments = node.args
        for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
            if arg.arg == "actor" and (arg.annotation is None or "User" not in ast.unparse(arg.annotation)):
                found.append(f"{node.name}:{node.lineno}")
    return found


def test_the_actions_modules_are_found():
    names = {path.relative_to(GONGZHI).as_posix() for path in actions_modules()}
    assert {"wishes/actions.py", "audit/actions.py", "residents/imports/job.py"} <= names


@pytest.mark.parametrize("path", actions_modules(), ids=lambda path: path.relative_to(GONGZHI).as_posix())
def test_public_actions_annotate_their_actor(path):
    assert untyped_actors(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_an_untyped_actor():
    source = """
def thing_claim(*, thing, actor) -> None: ...
def thing_drop(*, thing, actor: "Any") -> None: ...
def thing_keep(*, thing, actor: User) -> None: ...
def thing_expire(*, thing, actor: User | None = None) -> None: ...
def _thing_helper(actor) -> None: ...
"""
    assert untyped_actors(source) == ["thing_claim:2", "thing_drop:3"]
