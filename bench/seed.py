"""The county-size database: created, migrated and seeded once, reused afterwards (`--reseed` starts over)."""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from bench.config import (
    BENCH_DIR,
    BIN,
    COUNTY_APPLICATIONS,
    COUNTY_RESIDENTS,
    COUNTY_WISHES,
    MIB,
    PG_NAME,
    PG_SERVER,
    BenchError,
)
from bench.processes import inside, log, manage, run_measured


@dataclass
class Database:
    kind: str  # sqlite | postgres
    name: str  # file stem or database name
    url: str
    path: Path | None = None  # SQLite file

    @property
    def marker(self) -> Path:
        return BENCH_DIR / f"{self.name}-{self.kind}.seed.json"


def database_for(kind: str, residents: int, wishes: int = COUNTY_WISHES) -> Database:
    # The applications are not in the name: a county seeded without them gets them added (no reseed).
    suffix = "" if residents == COUNTY_RESIDENTS else f"_{residents}"
    suffix += "" if wishes == COUNTY_WISHES else f"_w{wishes}"
    if kind == "sqlite":
        path = BENCH_DIR / f"county{suffix}.sqlite3"
        return Database(kind, f"county{suffix}", f"sqlite:///{path}", path)
    name = f"{PG_NAME}{suffix}"
    return Database(kind, name, f"{PG_SERVER}/{name}")


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def pg_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def sqlite_remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def database_drop(db: Database) -> None:
    if db.kind == "sqlite":
        assert db.path is not None
        sqlite_remove(db.path)
    elif pg_exists(db.name):
        pg_admin(f'DROP DATABASE "{db.name}" WITH (FORCE)')
    db.marker.unlink(missing_ok=True)


def database_prepare(
    db: Database,
    env: dict,
    *,
    reseed: bool,
    residents: int,
    wishes: int,
    applications: int = COUNTY_APPLICATIONS,
) -> dict:
    """Migrate, and seed unless already seeded; add the applications to a county seeded without them.

    Returns the seed record (time, peak memory of each part)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if reseed:
        log(f"--reseed: dropping {db.name}")
        database_drop(db)
    if db.kind == "postgres" and not pg_exists(db.name):
        pg_admin(f'CREATE DATABASE "{db.name}"')
    log("migrating")
    manage(env, "migrate", "--noinput", "-v0")
    state, _elapsed, _peak = inside(env, "status")
    if state["seeded"] and wishes and not state.get("wishes"):
        raise BenchError(f"{db.name} was seeded before the wish wall existed: run again with --reseed")
    if state["seeded"]:
        record = json.loads(db.marker.read_text()) if db.marker.exists() else {}
        record["seeded_now"] = False
        log(
            f"reusing {db.name}: {state['residents']:,} residents, {state.get('applications', 0):,} applications"
        )
        if applications and not state.get("applications"):
            applications_add(db, env, record, applications)
        return record
    if state["residents"] or not _register_empty(env):
        log(f"{db.name} holds a partial seed: starting over")
        database_drop(db)
        if db.kind == "postgres":
            pg_admin(f'CREATE DATABASE "{db.name}"')
        manage(env, "migrate", "--noinput", "-v0")
    log(f"seeding {db.name}: seed-demo --size county --residents {residents} --wishes {wishes} "
        "(once; reused afterwards)")  # fmt: skip
    elapsed, peak, _out = run_measured(
        [
            str(BIN / "gongzhi"),
            "seed-demo",
            "--size",
            "county",
            "--residents",
            str(residents),
            "--wishes",
            str(wishes),
            "--applications",
            "0",  # added as a step of their own below, timed apart
        ],  # fmt: skip
        env,
        timeout=45 * 60,
    )
    record = {
        "seconds": round(elapsed, 1),
        "peak_rss_bytes": peak,
        "residents": residents,
        "wishes": wishes,
        "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    db.marker.write_text(json.dumps(record))
    record["seeded_now"] = True
    log(f"seeded in {elapsed:.0f} s, peak RSS {peak / MIB:.0f} MiB")
    if applications:
        applications_add(db, env, record, applications)
    return record


def applications_add(db: Database, env: dict, record: dict, applications: int) -> None:
    """The service hall's applications added to the seeded county (`seed-demo --add-applications N`), timed
    as a part of its own; the marker's record keeps each part's time and peak memory."""
    log(f"adding {applications:,} applications to {db.name}: seed-demo --size county --add-applications "
        f"{applications} (once; reused afterwards)")  # fmt: skip
    elapsed, peak, _out = run_measured(
        [str(BIN / "gongzhi"), "seed-demo", "--size", "county", "--add-applications", str(applications)],
        env,
        timeout=45 * 60,
    )
    record.update(
        {
            "applications": applications,
            "applications_seconds": round(elapsed, 1),
            "applications_peak_rss_bytes": peak,
            "applications_when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
    )
    seeded_now = record.pop("seeded_now", None)
    db.marker.write_text(json.dumps(record))
    if seeded_now is not None:
        record["seeded_now"] = seeded_now
    record["applications_now"] = True
    log(f"added {applications:,} applications in {elapsed:.0f} s ({elapsed / applications * 100_000:.0f} s per "
        f"100,000), peak RSS {peak / MIB:.0f} MiB")  # fmt: skip


def _register_empty(env: dict) -> bool:
    state, _e, _p = inside(env, "status")
    return not state["residents"]
