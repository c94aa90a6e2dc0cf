"""No kernel module names a feature app, in code or in strings (no database).

The kernel holds the registries (audit verbs, menu entries, home-page
sections, robots lines, case types, periodic jobs); each feature app fills
them from its `AppConfig.ready`. So a new feature app plugs in without
editing a kernel file, and the kernel never learns its name: this test reads
every kernel file (code, templates, styles, migrations) for the label of any
feature app the app registry knows. Import boundaries are import-linter's
(`make lint`); this catches what an import check cannot — strings such as
"wishes:queue", "offers.serviceoffer" or "/conventions/c/".
"""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "gongzhi"
# The kernel: every app here is shared by the features and names none of them.
KERNEL = {"core", "accounts", "areas", "residents", "audit", "notices", "workdays", "photos", "cases", "hours",
          "meetings", "bodies", "ballots", "disclosures", "orgs"}  # fmt: skip
KERNEL |= {"funds"}  # gongzhi.funds (decision 0058): participatory budgeting and oversight build on it
# Neither kernel nor feature: demo data names everything and is not installed in production.
TOOLS = {"devtools"}
# The shell around every app's pages (base layout, shared components, styles) is the kernel's too.
SHELL = ("templates", "static")
SUFFIXES = {".py", ".html", ".txt", ".js", ".css", ".json", ".md"}
# History, not naming: migrations that adopted a table a feature app created before the kernel held it
# (their dependencies must name the feature's migration that made the table).
HISTORY = {
    "hours/migrations/0001_servicecredit_from_wishes.py",
    "hours/migrations/0002_servicecredit_table.py",
}
# Kernel vocabulary that is also a feature's label: the people's mediation committee is a kind of body
# (bodies.BodyKind.MEDIATION, "mediation"); the feature app gongzhi.mediation works with it. Only there.
SHARED_WORDS = {"mediation": ("bodies/",)}


def feature_apps() -> list[str]:
    return sorted(
        config.label for config in apps.get_app_configs()
        if config.name.startswith("gongzhi.") and config.label not in KERNEL | TOOLS
    )  # fmt: skip


def kernel_files() -> list[Path]:
    roots = [ROOT / label for label in sorted(KERNEL)] + [ROOT / name for name in SHELL]
    return [p for root in roots if root.exists() for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix in SUFFIXES and p.relative_to(ROOT).as_posix() not in HISTORY]  # fmt: skip


def test_the_feature_list_comes_from_the_app_registry():
    features = feature_apps()
    assert {"wishes", "situations", "offers", "conventions"} <= set(features), features
    assert not set(features) & KERNEL


def test_no_kernel_file_names_a_feature_app():
    pattern = re.compile(
        r"(?<![a-z])(" + "|".join(map(re.escape, feature_apps())) + r")(?![a-z])", re.IGNORECASE
    )
    files = kernel_files()
    assert len(files) > 50, "the scan found too few kernel files; is ROOT still right?"
    hits = [
        f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()[:100]}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(
            not path.relative_to(ROOT).as_posix().startswith(SHARED_WORDS.get(hit.lower(), ()))
            for hit in pattern.findall(line)
        )
    ]
    assert not hits, (
        "the kernel names a feature app (register it from the app's AppConfig.ready):\n" + "\n".join(hits)
    )


def test_every_data_migration_says_whether_a_flush_must_restore_its_rows():
    """A migration that runs Python either seeds rows (restored after a transactional test's flush by
    tests.conftest.migration_rows_restore) or only changes rows already there: each is listed as one or the
    other, so a new seeding migration cannot be forgotten by the transactional tests."""
    from tests.conftest import MIGRATIONS_CHANGING_ROWS_ONLY, MIGRATIONS_SEEDING_ROWS

    running_python = {
        ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        for path in ROOT.glob("*/migrations/*.py")
        if "RunPython(" in path.read_text(encoding="utf-8")
    }
    assert running_python, "no data migration found: the scan is broken"
    assert running_python == set(MIGRATIONS_SEEDING_ROWS) | MIGRATIONS_CHANGING_ROWS_ONLY
    assert not set(MIGRATIONS_SEEDING_ROWS) & MIGRATIONS_CHANGING_ROWS_ONLY
