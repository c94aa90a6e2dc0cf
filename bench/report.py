"""The markdown table of a run, checked against the targets, and where it is written."""

import datetime as dt
import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.ballots import BallotStorm, ballot_storm_line
from bench.bookings import BookingStorm, booking_storm_line
from bench.config import (
    COUNTY_RESIDENTS,
    IMPORT_PEAK_MB,
    IMPORT_SECONDS,
    MIB,
    P99_MS,
    PG_SERVER,
    RESULTS_DIR,
    ROOT,
    SEED_PEAK_MB,
    SEED_SECONDS,
    WORKER_RSS_MB,
)
from bench.load import Load
from bench.seed import Database
from bench.signups import SignupStorm, signup_storm_line
from bench.storm import DecisionStorm, Storm


@dataclass
class Report:
    db: str
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> str:
        if not ok:
            self.failures.append(what)
        return "pass" if ok else "**FAIL**"


def fmt_mb(size: int | float) -> str:
    return f"{size / MIB:,.0f} MiB"


def fmt_s(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{seconds:.1f} s" if seconds < 60 else f"{int(minutes)} min {secs:04.1f} s ({seconds:.0f} s)"


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return out + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        return "unknown"


def db_version(db: Database) -> str:
    if db.kind == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0] if row else '?'}"


def build_report(args, db: Database, seed: dict, prep: dict, loads: list[Load], rss: list[int],
                 rss_before: list[int], imported: dict | None, storm: Storm | None,
                 decided: DecisionStorm | None = None, ballots: BallotStorm | None = None,
                 signups: SignupStorm | None = None, bookings: BookingStorm | None = None) -> Report:  # fmt: skip
    report = Report(args.db)
    bare = loads[0]
    full = args.residents == COUNTY_RESIDENTS
    now = dt.datetime.now().astimezone()
    cpu = platform.processor() or platform.machine()
    lines = report.lines
    lines += [
        f"# gongzhi benchmark — {db_version(db)} — {now:%Y-%m-%d %H:%M}",
        "",
        f"- data: {prep['residents']:,} residents, {prep.get('wishes', 0):,} wishes and "
        f"{seed.get('applications', 0):,} service-hall applications, county seed "
        "(20 townships × 30 communities; synthetic: no audit rows per resident, wish or application)"
        + ("" if full else " — **reduced size, targets apply to 1,000,000**"),
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, settings gongzhi.config.settings.bench, "
        f"127.0.0.1; machine {os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, commit {git_commit()}",
        f"- load: wrk -t{args.threads} -c{args.connections}, {args.duration} s per endpoint in {args.rounds} "
        f"interleaved rounds after a {args.warmup} s warm-up each; same machine, loopback; "
        f"load average {prep['loadavg']}",
        f"- page user: {prep['username']} (community staff, {prep['community']}, "
        f"{prep['community_residents']:,} residents); search q={prep['q']} matches {prep['q_hits']:,}; "
        f"wish wall: anonymous, {prep.get('wall_wishes', 0):,} public wishes in that community, 24 a page",
        *(
            [
                f"- service hall: {seed.get('applications', 0):,} applications in the seed; back-office queue of "
                f"{prep['hall']['username']} (township reviewer, {prep['hall']['township']} "
                f"{prep['hall']['department']}): {prep['hall']['queue']:,} applications 乡镇审批中/县级部门办理中, "
                "30 a page (the API 20), earliest due first"
            ]
            if prep.get("hall")
            else []
        ),
        "",
        "| endpoint | req/s | p50 ms | p99 ms | ratio to bare | target | result |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for load in loads:
        ratio = load.rps / bare.rps if bare.rps else 0.0
        if load is bare:
            target, ok = "yardstick", load.not_ok == 0 and load.socket_errors == 0
        elif load.target_ratio is None:
            target, ok = "reference", load.not_ok == 0 and load.socket_errors == 0
        else:
            want = load.target_ratio
            target = f"≥ {want:.2f} × bare, p99 < {P99_MS:.0f} ms"
            ok = ratio >= want and load.p99_ms < P99_MS and load.not_ok == 0 and load.socket_errors == 0
        result = report.check(ok, f"{load.name} ({target})")
        if load.not_ok or load.socket_errors:
            result += f" ({load.not_ok} not 2xx/3xx, {load.socket_errors} socket errors)"
        lines.append(
            f"| {load.name} `{load.path}` | {load.rps:,.0f} | {load.p50_ms:.1f} | {load.p99_ms:.1f} "
            f"| {ratio:.2f} | {target} | {result} |"
        )
    lines += ["", "| what | time | peak memory | target | result |", "| --- | ---: | ---: | --- | --- |"]
    for index, size in enumerate(rss):
        before = f" (before load {fmt_mb(rss_before[index])})" if index < len(rss_before) else ""
        ok = size < WORKER_RSS_MB * MIB
        lines.append(
            f"| server worker {index + 1} RSS after the run{before} | — | {fmt_mb(size)} "
            f"| < {WORKER_RSS_MB} MB | {report.check(ok, f'worker {index + 1} RSS')} |"
        )
    storm_target = "one winner per wish, 0 other errors"
    if storm is None:
        lines.append(f"| claim storm | skipped | — | {storm_target} | — |")
    else:
        verified = storm.verified
        db_note = (
            "database: one claimer and one claim event per wish, the one answered 200"
            if verified.get("ok")
            else f"database: **{verified.get('problems') or verified}**"
        )
        errors = f"{len(storm.other)} other errors" + (f" (first: {storm.other[:3]})" if storm.other else "")
        lines.append(
            f"| claim storm: {storm.wishes} wishes × {storm.claimers} claimers (API POST …/claim at once; "
            f"{storm.requests:,} requests: {len(storm.winners)} winners, {storm.extra_winners} second winners, "
            f'{storm.already:,} "already claimed" (409), {errors}; slowest answer {storm.slowest_ms:,.0f} ms; '
            f"{db_note}) | {fmt_s(storm.seconds)} | — | {storm_target} "
            f"| {report.check(storm.ok, 'claim storm')} |"
        )
    decide_target = "one decision per application, 0 other errors"
    if decided is None:
        lines.append(f"| decision storm | skipped | — | {decide_target} | — |")
    else:
        verified = decided.verified
        db_note = (
            "database: one decision event per application, approved, by the officer answered with success"
            if verified.get("ok")
            else f"database: **{verified.get('problems') or verified}**"
        )
        errors = f"{len(decided.other)} other errors" + (
            f" (first: {decided.other[:3]})" if decided.other else ""
        )
        lines.append(
            f"| decision storm: {decided.applications} applications × {decided.officers} officers (back-office "
            f"page POST …/office/approve/ at once; {decided.requests:,} requests: {len(decided.winners)} decided, "
            f'{decided.extra_winners} second decisions, {decided.refused:,} refused "…无需重复办理" (409), '
            f"{errors}; slowest answer {decided.slowest_ms:,.0f} ms; {db_note}) | {fmt_s(decided.seconds)} | — "
            f"| {decide_target} | {report.check(decided.ok, 'decision storm')} |"
        )
    lines.append(ballot_storm_line(ballots, report))
    lines.append(signup_storm_line(signups, report))
    lines.append(booking_storm_line(bookings, report))
    if imported is None:
        lines.append("| 100,000-row import | skipped | — | < 60 s, < 1 GiB | — |")
    elif not imported.get("ok"):
        report.failures.append("import did not succeed")
        lines.append(
            f"| {imported.get('rows', 0):,}-row import | rejected: {imported.get('errors')} errors "
            f"{imported.get('first_errors')} | {fmt_mb(imported['peak_rss_bytes'])} | < 60 s, < 1 GiB | **FAIL** |"
        )
    else:
        ok = imported["wall_s"] < IMPORT_SECONDS and imported["peak_rss_bytes"] < IMPORT_PEAK_MB * MIB
        lines.append(
            f"| {imported['rows']:,}-row Excel import ({imported['households']:,} new households; "
            f"validate {imported['validate_s']:.1f} s + insert {imported['import_s']:.1f} s) "
            f"| {fmt_s(imported['wall_s'])} | {fmt_mb(imported['peak_rss_bytes'])} "
            f"| < {IMPORT_SECONDS} s, < 1 GiB | {report.check(ok, 'import')} |"
        )
    if seed.get("seconds"):
        ok = seed["seconds"] < SEED_SECONDS and seed["peak_rss_bytes"] < SEED_PEAK_MB * MIB
        when = "this run" if seed.get("seeded_now") else f"recorded {seed.get('when', '?')}"
        lines.append(
            f"| seed-demo --size county, {seed['residents']:,} residents, {seed.get('wishes', 0):,} wishes ({when}) "
            f"| {fmt_s(seed['seconds'])} "
            f"| {fmt_mb(seed['peak_rss_bytes'])} | < 10 min, < 2 GiB | {report.check(ok, 'seed')} |"
        )
    else:
        lines.append("| seed-demo --size county | not recorded (seeded outside the harness) | — | — | — |")
    if seed.get("applications_seconds"):
        when = (
            "this run" if seed.get("applications_now") else f"recorded {seed.get('applications_when', '?')}"
        )
        per = seed["applications_seconds"] / max(1, seed["applications"]) * 100_000
        lines.append(
            f"| seed-demo --size county --add-applications {seed['applications']:,} ({when}; {per:.1f} s per "
            f"100,000) | {fmt_s(seed['applications_seconds'])} | {fmt_mb(seed['applications_peak_rss_bytes'])} "
            "| reference | — |"
        )
    lines.append("")
    lines.append("All targets met." if not report.failures else "Missed: " + "; ".join(report.failures) + ".")
    return report


def ballot_storm_report(args, storm: BallotStorm) -> Report:
    """The table of `--only ballot-storm`: the storm's row alone, with what it ran on."""
    from bench.ballots import ballot_database

    report = Report(args.db)
    now = dt.datetime.now().astimezone()
    cpu = platform.processor() or platform.machine()
    report.lines += [
        f"# gongzhi ballot storm — {db_version(ballot_database(args.db))} — {now:%Y-%m-%d %H:%M}",
        "",
        f"- data: a fresh database of its own, migrated; one community, {storm.voters} members with API tokens, "
        "one ballot box of two questions (for/against/abstain; 称职/基本称职/不称职) opened by the kernel's action",
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, settings gongzhi.config.settings.bench, "
        f"127.0.0.1; machine {os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, commit {git_commit()}; load average {os.getloadavg()[0]:.1f}",
        "",
        "| what | time | peak memory | target | result |",
        "| --- | ---: | ---: | --- | --- |",
        ballot_storm_line(storm, report),
        "",
    ]
    report.lines.append(
        "All targets met." if not report.failures else "Missed: " + "; ".join(report.failures) + "."
    )
    return report


def signup_storm_report(args, storm: SignupStorm) -> Report:
    """The table of `--only signup-storm`: the storm's row alone, with what it ran on."""
    from bench.signups import signup_database

    report = Report(args.db)
    now = dt.datetime.now().astimezone()
    cpu = platform.processor() or platform.machine()
    report.lines += [
        f"# gongzhi sign-up storm — {db_version(signup_database(args.db))} — {now:%Y-%m-%d %H:%M}",
        "",
        f"- data: a fresh database of its own, migrated; one community, {storm.people} residents with API tokens, "
        f"{storm.activities} upcoming activities of {storm.places} places published by the activities' action",
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, settings gongzhi.config.settings.bench, "
        f"127.0.0.1; machine {os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, commit {git_commit()}; load average {os.getloadavg()[0]:.1f}",
        "",
        "| what | time | peak memory | target | result |",
        "| --- | ---: | ---: | --- | --- |",
        signup_storm_line(storm, report),
        "",
    ]
    report.lines.append(
        "All targets met." if not report.failures else "Missed: " + "; ".join(report.failures) + "."
    )
    return report


def booking_storm_report(args, storm: BookingStorm) -> Report:
    """The table of `--only booking-storm`: the storm's row alone, with what it ran on."""
    from bench.bookings import booking_database

    report = Report(args.db)
    now = dt.datetime.now().astimezone()
    cpu = platform.processor() or platform.machine()
    report.lines += [
        f"# gongzhi booking storm — {db_version(booking_database(args.db))} — {now:%Y-%m-%d %H:%M}",
        "",
        f"- data: a fresh database of its own, migrated; one community, {storm.people} residents with API tokens, "
        f"one bookable room (no approval) recorded by the facilities' action, {storm.slots} one-hour slots",
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, settings gongzhi.config.settings.bench, "
        f"127.0.0.1; machine {os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, commit {git_commit()}; load average {os.getloadavg()[0]:.1f}",
        "",
        "| what | time | peak memory | target | result |",
        "| --- | ---: | ---: | --- | --- |",
        booking_storm_line(storm, report),
        "",
    ]
    report.lines.append(
        "All targets met." if not report.failures else "Missed: " + "; ".join(report.failures) + "."
    )
    return report


def write_report(report: Report, name: str = "") -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = "\n".join(report.lines) + "\n"
    name = name or report.db
    stamped = RESULTS_DIR / f"{name}-{dt.datetime.now().astimezone():%Y%m%d-%H%M%S}.md"
    stamped.write_text(text)
    (RESULTS_DIR / f"latest-{name}.md").write_text(text)
    return stamped
