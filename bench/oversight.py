"""The township oversight page at county scale: the year's data of every module, the page under load, its queries.

- `year_add`: the county's year of every module (`seed-demo --size county --add-year YEAR`, in bulk), once,
  timed as a part of the seed of its own (wall time, peak memory, kept in the marker).
- `small_county`: a small county (2 townships × 3 communities, the same year added) in a database of its own,
  seeded once: its queries per request are compared with the county's, which must not grow with the number of
  communities.
- `oversight_loads`: the page for the year and for a quarter and its Excel export, signed in as one township's
  admin, beside the bare view and the signed-in floors of the same run.
- `inside.py oversight-measure`: in-process, per URL, the queries a request makes, its mean time and the
  Python memory it allocates at its peak; and each registered indicator's function timed on its own with its
  queries (what the page reads, apart from the page).
"""

import datetime as dt
import json
from dataclasses import dataclass

from bench.config import BENCH_DIR, BIN, MIB, OVERSIGHT_YEAR, PG_NAME, PG_SERVER
from bench.load import Load
from bench.processes import inside, log, manage, run_measured
from bench.seed import Database, pg_admin, pg_exists

SMALL_TOWNSHIPS = 2
SMALL_COMMUNITIES = 3
SMALL_RESIDENTS = 6000


def oversight_paths(township_id: int, year: int = OVERSIGHT_YEAR) -> dict[str, str]:
    """The page for the year, for its last quarter, and the year's Excel export."""
    base = f"/oversight/t/{township_id}/"
    return {
        "year": f"{base}?year={year}",
        "quarter": f"{base}?year={year}&quarter=4",
        "export": f"{base}export/?year={year}",
    }


def year_add(db: Database, env: dict, record: dict, year: int = OVERSIGHT_YEAR) -> dict:
    """Add the year of every module to the seeded county unless it holds it; the time goes in the marker."""
    state, _e, _p = inside(env, "status")
    if state.get("year_rows"):
        log(f"{db.name} holds the year's records ({state['year_rows']:,} decisions)")
        return record
    log(f"adding the year {year} of every module to {db.name}: seed-demo --size county --add-year {year}")
    elapsed, peak, _out = run_measured(
        [str(BIN / "gongzhi"), "seed-demo", "--size", "county", "--add-year", str(year)], env, timeout=45 * 60
    )
    seeded_now = record.pop("seeded_now", None)
    applications_now = record.pop("applications_now", None)
    record.update(
        {
            "year": year,
            "year_seconds": round(elapsed, 1),
            "year_peak_rss_bytes": peak,
            "year_when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
    )
    db.marker.write_text(json.dumps(record))
    for key, value in (("seeded_now", seeded_now), ("applications_now", applications_now)):
        if value is not None:
            record[key] = value
    record["year_now"] = True
    log(f"added the year in {elapsed:.0f} s, peak RSS {peak / MIB:.0f} MiB")
    return record


def database_size(db: Database) -> int:
    if db.kind == "sqlite":
        assert db.path is not None
        return db.path.stat().st_size
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
        row = conn.execute("SELECT pg_database_size(%s)", [db.name]).fetchone()
    return int(row[0]) if row else 0


def small_county(kind: str, env: dict) -> tuple[Database, dict]:
    """A small county with the same year, seeded once into a database of its own; its environment."""
    name = "county_small"
    if kind == "sqlite":
        path = BENCH_DIR / f"{name}.sqlite3"
        db = Database(kind, name, f"sqlite:///{path}", path)
    else:
        db = Database(kind, f"{PG_NAME}_small", f"{PG_SERVER}/{PG_NAME}_small")
        if not pg_exists(db.name):
            pg_admin(f'CREATE DATABASE "{db.name}"')
    small_env = {**env, "DATABASE_URL": db.url}
    manage(small_env, "migrate", "--noinput", "-v0")
    state, _e, _p = inside(small_env, "status")
    if not state["seeded"]:
        log(
            f"seeding the small county {db.name}: {SMALL_TOWNSHIPS} townships × {SMALL_COMMUNITIES} communities"
        )
        run_measured(
            [str(BIN / "gongzhi"), "seed-demo", "--size", "county", "--townships", str(SMALL_TOWNSHIPS),
             "--communities", str(SMALL_COMMUNITIES), "--residents", str(SMALL_RESIDENTS), "--wishes", "6000",
             "--applications", "6000", "--quiet"],
            small_env, timeout=15 * 60,
        )  # fmt: skip
    year_add(db, small_env, {})
    return db, small_env


@dataclass
class Oversight:
    prep: dict  # the township, its admin, its communities
    paths: dict[str, str]
    measured: dict  # inside.py oversight-measure on the county
    small: dict | None = None  # the same on the small county
    peak: int = 0  # the measuring process's peak RSS

    def loads(self, session: dict[str, str], workers: int) -> list[Load]:
        """The page and its export under load; none when this checkout has no oversight page (said in the table)."""
        if not self.prep.get("page"):
            log("no oversight page in this checkout: its indicators are measured in-process only")
            return []
        return [
            Load("oversight page, a year (township admin)", self.paths["year"], None, session, workers),
            Load("oversight page, a quarter", self.paths["quarter"], None, session, workers),
            Load("oversight Excel export, a year", self.paths["export"], None, session, workers),
        ]


def oversight_prepare(env: dict) -> Oversight:
    prep, _e, _p = inside(env, "oversight-prepare")
    paths = oversight_paths(prep["township_id"])
    return Oversight(prep, paths, {})


def oversight_measure(env: dict, oversight: Oversight, small_env: dict | None) -> None:
    """The queries, time and memory per request in-process, on the county and (if given) the small county."""
    measured, _e, peak = inside(env, "oversight-measure", json.dumps(oversight.paths), timeout=1800)
    oversight.measured, oversight.peak = measured, peak
    if small_env is not None:
        small_prep, _e, _p = inside(small_env, "oversight-prepare")
        small, _e, _p = inside(
            small_env,
            "oversight-measure",
            json.dumps(oversight_paths(small_prep["township_id"])),
            timeout=600,
        )
        small["communities"] = small_prep["communities"]
        oversight.small = small


def oversight_lines(oversight: Oversight, loads: list[Load], bare: Load, floors: list[Load]) -> list[str]:
    """The report's section: each URL as a ratio to the bare view and to the floors, its queries (the county's
    against the small county's), its time in-process and its memory."""
    prep, measured, small = oversight.prep, oversight.measured, oversight.small or {}
    lines = [
        "",
        f"## The township oversight page — {prep['township']} ({prep['communities']} communities of "
        f"{prep['county_communities']} in the county), year {OVERSIGHT_YEAR}, as {prep['username']} (township admin)",
        "",
    ]
    lines += [
        "The page and its export are loaded by one wrk connection per worker (a page of about a second under 16 "
        "would leave a backlog that outlives its round); the bare view and the floors by the run's connections.",
        "",
    ]
    if measured.get("missing"):
        lines += [f"- **not measured over HTTP**: {measured['missing']}", ""]
    layout = floors[-1] if floors else None
    lines += [
        "| what | req/s | p99 ms | × bare | × signed-in floor | × layout floor | queries (county) "
        f"| queries ({small.get('communities', '-')} communities) | in-process ms | Python peak |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for load, key in zip(loads, ("year", "quarter", "export"), strict=False):
        row = measured.get("urls", {}).get(key, {})
        srow = small.get("urls", {}).get(key, {})
        lines.append(
            f"| {load.name} | {load.rps:,.1f} | {load.p99_ms:.0f} | {_ratio(load, bare)} | "
            f"{_ratio(load, floors[0]) if floors else '-'} | {_ratio(load, layout) if layout else '-'} | "
            f"{row.get('queries', '-')} | {srow.get('queries', '-')} | {row.get('ms', '-')} | "
            f"{_mib(row.get('python_peak'))} |"
        )
    same = [
        key
        for key in ("year", "quarter", "export")
        if key in measured.get("urls", {})
        and key in small.get("urls", {})
        and measured["urls"][key]["queries"] == small["urls"][key]["queries"]
    ]
    if small:
        lines += [
            "",
            f"Queries per request on the county ({prep['communities']} communities in the township) and on the "
            f"small county ({small.get('communities')} communities): "
            + (
                "the same for every URL — they do not grow with the number of communities."
                if len(same) == len(measured.get("urls", {})) and same
                else f"**they differ** (the same only for {', '.join(same) or 'none'})."
            ),
        ]
    indicators = measured.get("indicators", [])
    if indicators:
        lines += [
            "",
            f"Each indicator's function alone, the year, {prep['communities']} communities "
            f"(small county: {small.get('communities', '-')}):",
            "",
            "| indicator | ms | queries | queries (small county) |",
            "| --- | ---: | ---: | ---: |",
        ]
        small_q = {i["code"]: i["queries"] for i in small.get("indicators", [])}
        for item in indicators:
            lines.append(
                f"| {item['code']} | {item['ms']} | {item['queries']} | {small_q.get(item['code'], '-')} |"
            )
    lines += [
        "",
        f"Peak memory of the measuring process (the county, in-process): {oversight.peak / MIB:,.0f} MiB.",
    ]
    return lines


def seed_line(seed: dict, size: int) -> str:
    if "year_seconds" not in seed:
        return "- year of every module: in the database from an earlier run (its time is in the first run's table)"
    return (
        f"- year {seed.get('year')} of every module (meetings, 四议两公开 with the boards, regular publications, "
        f"facilities and bookings, mediation, convention revisions, committee elections, staffing, funds and their boards, participatory budgets) added in bulk in {seed['year_seconds']} s, peak "
        f"{seed['year_peak_rss_bytes'] / MIB:,.0f} MiB; database now {size / MIB:,.0f} MiB"
    )


def _ratio(load: Load, base: Load) -> str:
    return f"{load.rps / base.rps:.3f}" if base.rps else "-"


def _mib(value) -> str:
    return f"{value / MIB:.1f} MiB" if isinstance(value, int | float) else "-"
