"""`make bench` / `make bench-postgres`: gongzhi at county size under a production server.

    .venv/bin/python bench/run.py --db sqlite|postgres [--reseed] [--duration 15] [--skip-import]

1. Prepares a county-size database once and reuses it (var/bench/county.sqlite3,
   or the PostgreSQL database gongzhi_bench): `gongzhi seed-demo --size county`,
   timed, with the seed's peak memory (its own rusage). `--reseed` starts over.
2. Starts gunicorn (2 sync workers, DEBUG off) on a free loopback port.
3. Logs in as the community staff demo account and makes an API token.
4. Drives each endpoint with wrk from a second process on loopback, 16
   connections, after a warm-up: the bare yardstick view first, then the
   staff residents page, the residents API and the public wish wall of one
   community. Ratios are to the bare view of the same run.
5. Claim storm: 64 party members / volunteers claim the same wish at once
   over the API, for each of 200 freshly published wishes; exactly one
   may win each, the others must hear "already claimed" (409), and the
   database must agree (one claimer, one 'claim' event per wish).
6. Measures each worker's resident memory after the load, then stops the server.
6b. Ballot storm (bench/ballots.py): in a small database of its own, 500 members vote at once in one secret
   ballot from 64 clients over HTTP while gunicorn is killed with SIGKILL five times and restarted; clients
   retry with their Idempotency-Key until acknowledged; every acknowledged ballot must be counted once,
   nobody twice, ballots = participations = tally. `--only ballot-storm` runs this step alone (no county).
6c. Sign-up storm (bench/signups.py): in a small database of its own, 64 residents sign up for the same
   activity of 20 places at once over HTTP, repeated over 100 activities; never more sign-ups than places, in
   the answers and in the database. `--only signup-storm` runs this step alone (no county).
6d. Booking storm (bench/bookings.py): in a small database of its own, 64 residents book the same hour of one
   room at once over HTTP, repeated over 200 slots; exactly one booking each, never two overlapping, in the
   answers and in the database. `--only booking-storm` runs this step alone (no county).
7. Imports a generated 100,000-row Excel file into a throwaway copy of the
   database (validate + import, in a process of its own: time and peak memory).
7b. Roll generation (gongzhi.elections): every township opens a round, every community's voter roll is
   generated from the register in one transaction that is then rolled back; the time is a figure (no target).
   `--only roll-generate` prepares the county (at --residents) and runs this step alone.
7c. The township oversight page (bench/oversight.py): the county gets a year (2026) of every module once
   (`seed-demo --size county --add-year 2026`, timed); the page for the year and a quarter and its Excel
   export, signed in as one township's admin, are loaded beside the bare view and the floors; the queries per
   request are compared with a small county's, and each indicator is timed alone. `--only oversight` runs this alone.
8. Prints a markdown table and writes it to bench/results/<db>-<time>.md and
   bench/results/latest-<db>.md.

Exit status: 0 when every target is met, 1 when one is missed, 2 when the
benchmark itself could not run. Everything runs on 127.0.0.1 and stops by itself.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

if __package__ in (
    None,
    "",
):  # run as a script, `python bench/run.py`: the harness modules live in the bench package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ballots import (  # noqa: E402
    BALLOT_CLIENTS,
    BALLOT_KILLS,
    BALLOT_VOTERS,
    BallotStorm,
    ballot_storm,
)
from bench.bookings import BOOKING_PEOPLE, BOOKING_SLOTS, BookingStorm, booking_storm  # noqa: E402
from bench.config import (  # noqa: E402
    API_RATIO,
    BENCH_DIR,
    COUNTY_APPLICATIONS,
    COUNTY_RESIDENTS,
    COUNTY_WISHES,
    DEMO_PASSWORD,
    PAGE_RATIO,
    ROOT,
    STORM_APPLICATIONS,
    STORM_CLAIMERS,
    STORM_WISHES,
    WALL_RATIO,
    BenchError,
)
from bench.importing import import_benchmark  # noqa: E402
from bench.load import Load, check_answers, measure  # noqa: E402
from bench.oversight import (  # noqa: E402
    Oversight,
    database_size,
    oversight_lines,
    oversight_measure,
    oversight_prepare,
    seed_line,
    small_county,
    year_add,
)
from bench.processes import inside, log, manage  # noqa: E402
from bench.report import (  # noqa: E402
    Report,
    ballot_storm_report,
    booking_storm_report,
    build_report,
    signup_storm_report,
    write_report,
)
from bench.seed import database_for, database_prepare  # noqa: E402
from bench.server import Server, login, login_for_forms  # noqa: E402
from bench.signups import (  # noqa: E402
    SIGNUP_ACTIVITIES,
    SIGNUP_PEOPLE,
    SIGNUP_PLACES,
    SignupStorm,
    signup_storm,
)
from bench.storm import claim_storm, decide_verify, decision_storm, storm_verify  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reseed", action="store_true", help="drop the bench database and seed it again")
    parser.add_argument(
        "--residents", type=int, default=COUNTY_RESIDENTS, help="seed size (default 1,000,000)"
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds of measured load per endpoint")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds the duration is split into")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up load per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument(
        "--wishes", type=int, default=COUNTY_WISHES, help="wishes in the seed (default 1,000,000)"
    )
    parser.add_argument(
        "--storm-wishes", type=int, default=STORM_WISHES, help="wishes the claim storm claims"
    )
    parser.add_argument("--storm-claimers", type=int, default=STORM_CLAIMERS, help="claimers per wish")
    parser.add_argument(
        "--applications",
        type=int,
        default=COUNTY_APPLICATIONS,
        help="service-hall applications in the seed (default 1,000,000; added to a county seeded without them)",
    )
    parser.add_argument(
        "--storm-applications",
        type=int,
        default=STORM_APPLICATIONS,
        help="applications the decision storm's two officers decide at once",
    )
    parser.add_argument("--skip-storm", action="store_true")
    parser.add_argument(
        "--only",
        choices=["ballot-storm", "signup-storm", "booking-storm", "roll-generate", "oversight"],
        help="run only this step: ballot-storm and signup-storm need no county (their own small database, made fresh)",
    )
    parser.add_argument(
        "--ballot-voters", type=int, default=BALLOT_VOTERS, help="eligible members of the box"
    )
    parser.add_argument("--ballot-clients", type=int, default=BALLOT_CLIENTS, help="clients voting at once")
    parser.add_argument(
        "--ballot-kills", type=int, default=BALLOT_KILLS, help="SIGKILLs of gunicorn mid-vote"
    )
    parser.add_argument("--skip-ballot-storm", action="store_true")
    parser.add_argument(
        "--signup-people", type=int, default=SIGNUP_PEOPLE, help="residents signing up at once"
    )
    parser.add_argument("--signup-places", type=int, default=SIGNUP_PLACES, help="places of each activity")
    parser.add_argument(
        "--signup-activities", type=int, default=SIGNUP_ACTIVITIES, help="activities the storm repeats over"
    )
    parser.add_argument("--skip-signup-storm", action="store_true")
    parser.add_argument(
        "--booking-people", type=int, default=BOOKING_PEOPLE, help="residents booking at once"
    )
    parser.add_argument(
        "--booking-slots", type=int, default=BOOKING_SLOTS, help="slots the storm repeats over"
    )
    parser.add_argument("--skip-booking-storm", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--skip-oversight", action="store_true", help="leave out the oversight page and its year of data"
    )
    parser.add_argument(
        "--skip-small-county",
        action="store_true",
        help="oversight: do not compare the queries with a small county's",
    )
    return parser.parse_args(argv)


def _ballot_storm(args, env: dict) -> BallotStorm:
    storm = ballot_storm(
        args.db, env, voters=args.ballot_voters, clients=args.ballot_clients, kills=args.ballot_kills,
        workers=args.workers,
    )  # fmt: skip
    log(f"  {storm.seconds:.1f} s, {len(storm.acked)} acknowledged ({storm.receipts} with a receipt, "
        f"{storm.already} already counted), {storm.kills_done} kills, {len(storm.errors)} errors, "
        f"database {'ok' if storm.verified.get('ok') else storm.verified}")  # fmt: skip
    return storm


def _signup_storm(args, env: dict) -> SignupStorm:
    storm = signup_storm(
        args.db, env, people=args.signup_people, places=args.signup_places, activities=args.signup_activities,
        workers=args.workers,
    )  # fmt: skip
    log(f"  {storm.seconds:.1f} s, most {storm.most_over_http} places taken on one activity over HTTP "
        f"({storm.places} places), {storm.full} full, {len(storm.errors)} errors, "
        f"database {'ok, at most ' + str(storm.verified.get('most')) if storm.verified.get('ok') else storm.verified}")  # fmt: skip
    return storm


def main_only_signup_storm(args, env: dict) -> int:
    manage(env, "collectstatic", "--noinput", "-v0")
    storm = _signup_storm(args, env)
    report = signup_storm_report(args, storm)
    path = write_report(report, name=f"signup-storm-{args.db}")
    print("\n".join(report.lines))
    print(f"\n(written to {path.relative_to(ROOT)} and bench/results/latest-signup-storm-{args.db}.md)")
    return 1 if report.failures else 0


def _booking_storm(args, env: dict) -> BookingStorm:
    storm = booking_storm(
        args.db, env, people=args.booking_people, slots=args.booking_slots, workers=args.workers
    )
    log(f"  {storm.seconds:.1f} s, most {storm.most_over_http} bookings on one slot over HTTP, "
        f"{storm.refused} overlapping, {len(storm.errors)} errors, "
        f"database {'ok' if storm.verified.get('ok') else storm.verified}")  # fmt: skip
    return storm


def main_only_booking_storm(args, env: dict) -> int:
    manage(env, "collectstatic", "--noinput", "-v0")
    storm = _booking_storm(args, env)
    report = booking_storm_report(args, storm)
    path = write_report(report, name=f"booking-storm-{args.db}")
    print("\n".join(report.lines))
    print(f"\n(written to {path.relative_to(ROOT)} and bench/results/latest-booking-storm-{args.db}.md)")
    return 1 if report.failures else 0


def main_only_ballot_storm(args, env: dict) -> int:
    manage(env, "collectstatic", "--noinput", "-v0")
    storm = _ballot_storm(args, env)
    report = ballot_storm_report(args, storm)
    path = write_report(report, name=f"ballot-storm-{args.db}")
    print("\n".join(report.lines))
    print(f"\n(written to {path.relative_to(ROOT)} and bench/results/latest-ballot-storm-{args.db}.md)")
    return 1 if report.failures else 0


def _roll_generate(env: dict) -> dict:
    result, elapsed, peak = inside(env, "roll-generate", timeout=3600)
    result["process_seconds"], result["peak"] = round(elapsed, 1), peak
    return result


def roll_line(rolls: dict) -> str:
    return (
        f"| voter rolls generated from the register: {rolls['communities']} communities, {rolls['voters']:,} voters "
        f"of {rolls['residents']:,} residents | {rolls['seconds']} s (slowest community {rolls['slowest']} s) "
        f"| {rolls['peak'] / 2**20:.0f} MiB | figure | - |"
    )


def main_only_roll_generate(args, env: dict) -> int:
    db = database_for(args.db, args.residents, args.wishes)
    env["DATABASE_URL"] = db.url
    database_prepare(
        db,
        env,
        reseed=args.reseed,
        residents=args.residents,
        wishes=args.wishes,
        applications=args.applications,
    )
    rolls = _roll_generate(env)
    report = Report(args.db)
    report.lines += [
        f"# gongzhi roll generation — {args.db} — {args.residents:,} residents seeded",
        "",
        "| what | time | peak memory | target | result |",
        "| --- | ---: | ---: | --- | --- |",
        roll_line(rolls),
        "",
    ]
    path = write_report(report, name=f"roll-generate-{args.db}")
    print("\n".join(report.lines))
    print(f"\n(written to {path.relative_to(ROOT)})")
    return 0


def main_only_oversight(args, env: dict) -> int:
    """The county with a year of every module; the oversight page for a year, a quarter and its Excel export
    under load beside the bare view and the signed-in floors; the queries per request against a small county's."""
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (make services installs it)")
    db = database_for(args.db, args.residents, args.wishes)
    env["DATABASE_URL"] = db.url
    seed = database_prepare(
        db,
        env,
        reseed=args.reseed,
        residents=args.residents,
        wishes=args.wishes,
        applications=args.applications,
    )
    seed = year_add(db, env, seed)
    manage(env, "collectstatic", "--noinput", "-v0")
    oversight = oversight_prepare(env)
    session = {"Cookie": ""}
    loads = [
        Load("bare view (20 rows)", "/bench/bare"),
        Load("floor: signed-in, empty answer", "/bench/floor/signed-in", None, session),
        Load("floor: signed-in, layout only", "/bench/floor/layout", None, session),
        *oversight.loads(session, args.workers),
    ]
    server = Server(env, args.workers)
    log(f"starting gunicorn on {server.base}")
    try:
        server.start()
        session["Cookie"] = login(server.base, oversight.prep["username"], DEMO_PASSWORD)
        headers = [load.headers for load in loads]
        check_answers(server.base, loads, headers, when="before")
        load_before = os.getloadavg()
        measure(loads, server.base, headers, args)
        load_after = os.getloadavg()
        check_answers(server.base, loads, headers, when="after")
        rss = server.worker_rss()
    finally:
        server.stop()
    small_env = None if args.skip_small_county else small_county(args.db, env)[1]
    oversight_measure(env, oversight, small_env)
    report = Report(args.db)
    report.lines += [
        f"# gongzhi oversight benchmark — {args.db} — {args.residents:,} residents seeded"
        + ("" if args.residents == COUNTY_RESIDENTS else " (reduced: the full county has 1,000,000)"),
        "",
        f"- load: wrk -t{args.threads} -c{args.connections}, {args.duration} s per endpoint in {args.rounds} "
        f"interleaved rounds; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after",
        seed_line(seed, database_size(db)),
        f"- workers' RSS after the load: {', '.join(f'{r / 2**20:.0f} MiB' for r in rss)}",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | ratio to bare |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {load.name} | {load.rps:,.1f} | {load.p50_ms:.1f} | {load.p99_ms:.1f} | "
            f"{load.rps / loads[0].rps if loads[0].rps else 0:.3f} |"
            for load in loads
        ),
        *oversight_lines(oversight, loads[3:], loads[0], loads[1:3]),
    ]
    failures = [f"{load.name}: {load.not_ok} not 2xx" for load in loads if load.not_ok or load.socket_errors]
    report.failures += failures
    path = write_report(report, name=f"oversight-{args.db}")
    print("\n".join(report.lines))
    print(f"\n(written to {path.relative_to(ROOT)} and bench/results/latest-oversight-{args.db}.md)")
    return 1 if report.failures else 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "GONGZHI_DEBUG")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongzhi.config.settings.bench",
            "GONGZHI_DATA_DIR": str(BENCH_DIR),
            "GONGZHI_LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    if args.only == "ballot-storm":
        return main_only_ballot_storm(args, env)
    if args.only == "signup-storm":
        return main_only_signup_storm(args, env)
    if args.only == "booking-storm":
        return main_only_booking_storm(args, env)
    if args.only == "roll-generate":
        return main_only_roll_generate(args, env)
    if args.only == "oversight":
        return main_only_oversight(args, env)
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (make services installs it)")
    db = database_for(args.db, args.residents, args.wishes)
    env["DATABASE_URL"] = db.url
    seed = database_prepare(
        db,
        env,
        reseed=args.reseed,
        residents=args.residents,
        wishes=args.wishes,
        applications=args.applications,
    )
    if not args.skip_oversight:
        seed = year_add(db, env, seed)
    manage(env, "collectstatic", "--noinput", "-v0")
    storm_size = (0, 0) if args.skip_storm else (args.storm_wishes, args.storm_claimers)
    decisions = 0 if args.skip_storm else args.storm_applications
    log(
        "preparing: tokens, the search, the claim storm's wishes and claimers, the decision storm's applications"
    )
    prep, _e, _p = inside(env, "prepare", str(storm_size[0]), str(storm_size[1]), str(decisions))
    prep["wishes"] = seed.get("wishes", args.wishes)
    log(
        f"community {prep['community']} (id {prep['community_id']}, {prep['community_residents']:,} residents), "
        f"search q={prep['q']} ({prep['q_hits']} hits)"
    )
    cid = prep["community_id"]
    signed_in = {"Cookie": ""}  # the session cookie, once logged in
    bearer = {"Authorization": f"Bearer {prep['token']}"}
    loads = [
        Load("bare view (20 rows)", "/bench/bare"),
        Load("staff residents page", f"/residents/?area={cid}&q={prep['q']}", PAGE_RATIO, signed_in),
        Load("residents API list", f"/api/v1/residents?area_id={cid}&limit=20", API_RATIO, bearer),
        Load("public wish wall, one community (anonymous)", f"/wishes/c/{cid}/", WALL_RATIO),
        # Reference: the same wall for a visitor who carries a cookie, so it is rendered, not the shared copy.
        Load(
            "wish wall rendered (visitor with a cookie)",
            f"/wishes/c/{cid}/",
            None,
            {"Cookie": "django_language=zh-hans"},
        ),
        # References, no target: a signed-in page that does nothing, and one that renders only the layout.
        Load("floor: signed-in, empty answer", "/bench/floor/signed-in", None, signed_in),
        Load("floor: signed-in, layout only", "/bench/floor/layout", None, signed_in),
    ]
    hall = prep.get("hall")
    officer_in = {"Cookie": ""}  # the back-office officer's session, once logged in
    if hall:
        log(
            f"hall: {hall['username']} ({hall['township']} {hall['department']}), {hall['queue']:,} in the queue"
        )
        loads += [
            Load("back-office queue page (乡镇审批中)", "/hall/queue/", PAGE_RATIO, officer_in),
            Load(
                "applications queue API",
                "/api/v1/hall/applications/queue?limit=20",
                API_RATIO,
                {"Authorization": f"Bearer {hall['token']}"},
            ),
        ]
    oversight: Oversight | None = None
    oversight_in = {"Cookie": ""}  # the township admin's session, once logged in
    if not args.skip_oversight:
        oversight = oversight_prepare(env)
        loads += oversight.loads(oversight_in, args.workers)
    server = Server(env, args.workers)
    storm = None
    decided = None
    log(f"starting gunicorn on {server.base}")
    try:
        server.start()
        signed_in["Cookie"] = login(server.base, prep["username"], DEMO_PASSWORD)
        if hall:
            officer_in["Cookie"] = login(server.base, hall["username"], DEMO_PASSWORD)
        if oversight:
            oversight_in["Cookie"] = login(server.base, oversight.prep["username"], DEMO_PASSWORD)
        headers = [load.headers for load in loads]
        check_answers(server.base, loads, headers, when="before")
        rss_before = server.worker_rss()
        load_before = os.getloadavg()
        measure(loads, server.base, headers, args)
        load_after = os.getloadavg()
        check_answers(server.base, loads, headers, when="after")
        rss = server.worker_rss()
        if prep.get("storm"):
            log(
                f"claim storm: {storm_size[0]} wishes × {storm_size[1]} claimers in {prep['storm']['community']}"
            )
            storm = claim_storm(server.base, prep["storm"])
            log(f"  {storm.seconds:.1f} s, {len(storm.winners)} winners, {storm.already} already claimed, "
                f"{len(storm.other)} other errors")  # fmt: skip
        if hall and hall.get("storm"):
            prepared = hall["storm"]
            log(f"decision storm: {len(prepared['application_ids'])} applications × 2 officers of "
                f"{prepared['township']} {prepared['department']}")  # fmt: skip
            sessions = {
                name: login_for_forms(server.base, name, DEMO_PASSWORD) for name in prepared["officers"]
            }
            decided = decision_storm(server.base, prepared, sessions)
            log(f"  {decided.seconds:.1f} s, {len(decided.winners)} decided, {decided.refused} refused, "
                f"{len(decided.other)} other errors")  # fmt: skip
    finally:
        server.stop()
    if storm is not None:
        storm_verify(env, storm, prep["storm"]["wish_ids"])
    if decided is not None:
        decide_verify(env, decided, hall["storm"]["application_ids"])
    ballots = None if args.skip_ballot_storm else _ballot_storm(args, env)
    signups = None if args.skip_signup_storm else _signup_storm(args, env)
    bookings = None if args.skip_booking_storm else _booking_storm(args, env)
    imported = None
    if not args.skip_import:
        imported = import_benchmark(db, env, args.import_rows)
    rolls = _roll_generate(env)
    if oversight:
        oversight_measure(env, oversight, None if args.skip_small_county else small_county(args.db, env)[1])
    prep["loadavg"] = f"{load_before[0]:.1f} before, {load_after[0]:.1f} after the load"
    report = build_report(
        args, db, seed, prep, loads, rss, rss_before, imported, storm, decided, ballots, signups, bookings
    )
    report.lines += ["", "| what | time | peak memory | target | result |", "| --- | ---: | ---: | --- | --- |",
                     roll_line(rolls)]  # fmt: skip
    if oversight:
        floors = [load for load in loads if load.name.startswith("floor:")]
        report.lines += [seed_line(seed, database_size(db))]
        report.lines += oversight_lines(
            oversight, loads[-3:] if oversight.prep.get("page") else [], loads[0], floors
        )
    path = write_report(report)
    print("\n".join(report.lines))
    print(f"\n(written to {path.relative_to(ROOT)} and bench/results/latest-{args.db}.md)")
    return 1 if report.failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as exc:
        log(f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
