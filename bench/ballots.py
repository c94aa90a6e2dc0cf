"""The ballot storm: many members vote at once in one secret ballot while the server is killed and restarted.

One box with N eligible members (500) in a small database of its own (`var/bench/ballots.sqlite3`, or the
PostgreSQL database `gongzhi_bench_ballots`), made fresh each run. C clients (64 threads) take the members one
after the other and cast each one's ballot over HTTP (`POST /api/v1/ballots/<box>/cast`, a new connection per
request, an `Idempotency-Key` per member), retrying with the same key on any socket error or 5xx until the
ballot is acknowledged: 201 with a receipt code, or 200 "already counted" (a retry of a cast whose answer was
lost); every fifth member's acknowledged cast is sent once more with the same key, as a phone that lost the
answer would, and must hear 200 "already counted". Meanwhile the whole gunicorn (master and workers) is killed with SIGKILL K times (5) at even steps of
the vote, and started again on the same port.

Passes when every member's ballot was acknowledged, nothing but 201/200 and the connection failures of the
kills was answered (no 500, no "already voted" to a retry), and `inside.py ballot-verify` finds in the database
exactly one participation per acknowledged member and none for anyone else, ballots filled = participations =
the tally of every question = the clients' own choices, every receipt given included, and the same after the
close (which rewrites every slot).
"""

import contextlib
import json
import os
import random
import signal
import tempfile
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from pathlib import Path

from bench.config import BENCH_DIR, PG_SERVER, BenchError
from bench.processes import inside, log, manage
from bench.seed import Database, pg_admin, pg_exists, sqlite_remove
from bench.server import Server

BALLOT_VOTERS = 500
BALLOT_CLIENTS = 64
BALLOT_KILLS = 5


@dataclass
class BallotStorm:
    voters: int
    clients: int
    kills: int
    db: str = ""
    requests: int = 0
    receipts: int = 0  # 201: counted now, with a receipt code
    already: int = 0  # 200: a retry of a cast already counted (its first answer lost in a kill)
    resent: int = 0  # acknowledged casts sent again on purpose, as a phone that lost the answer would
    resent_ok: int = 0  # … answered 200 "already counted"
    failed_connections: int = 0  # socket errors and 502/503/504 while the server was down: retried
    kills_done: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0
    slowest_ms: float = 0.0
    errors: list[str] = field(default_factory=list)  # anything else: a 500, an "already voted" to a retry, …
    acked: dict[str, dict] = field(default_factory=dict)  # username → {"answers", "receipt"}
    verified: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (
            len(self.acked) == self.voters
            and self.kills_done == self.kills
            and self.resent_ok == self.resent == len(range(0, self.voters, 5))
            and not self.errors
            and bool(self.verified.get("ok"))
        )


def ballot_database(kind: str) -> Database:
    if kind == "sqlite":
        path = BENCH_DIR / "ballots.sqlite3"
        return Database(kind, "ballots", f"sqlite:///{path}", path)
    return Database(kind, "gongzhi_bench_ballots", f"{PG_SERVER}/gongzhi_bench_ballots")


def _fresh(db: Database, env: dict) -> None:
    """The storm's database, empty and migrated: nothing of an earlier run counts."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if db.kind == "sqlite":
        assert db.path is not None
        sqlite_remove(db.path)
    else:
        if pg_exists(db.name):
            pg_admin(f'DROP DATABASE "{db.name}" WITH (FORCE)')
        pg_admin(f'CREATE DATABASE "{db.name}"')
    manage(env, "migrate", "--noinput", "-v0", timeout=900)


class _Killable(Server):
    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: no graceful shutdown, requests cut mid-way."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)


def ballot_storm(kind: str, env: dict, *, voters: int, clients: int, kills: int, workers: int) -> BallotStorm:
    db = ballot_database(kind)
    env = {**env, "DATABASE_URL": db.url}
    log(f"ballot storm: a fresh database ({db.url.split('@')[-1]}), migrated")
    _fresh(db, env)
    prepared, _e, _p = inside(env, "ballot-prepare", str(voters))
    storm = BallotStorm(voters=voters, clients=clients, kills=kills, db=kind)
    server = _Killable(env, workers)
    log(f"ballot storm: box {prepared['box_id']}, {voters} members, {clients} clients, {kills} SIGKILLs, "
        f"gunicorn on {server.base}")  # fmt: skip
    server.start()
    try:
        _vote(server, prepared, storm)
    finally:
        server.stop()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"box_id": prepared["box_id"], "acked": storm.acked}, handle)
    try:
        storm.verified, _e, _p = inside(env, "ballot-verify", handle.name)
    finally:
        Path(handle.name).unlink(missing_ok=True)
    return storm


def _vote(server: _Killable, prepared: dict, storm: BallotStorm) -> None:
    parsed = urllib.parse.urlsplit(server.base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    box_id, questions = prepared["box_id"], prepared["questions"]
    queue = list(prepared["voters"])
    rng = random.Random(2026)
    plans = [
        (v, {q["key"]: rng.choice(q["options"])["key"] for q in questions}, uuid.uuid4().hex, n % 5 == 0)
        for n, v in enumerate(queue)
    ]
    lock = threading.Lock()
    barrier = threading.Barrier(storm.clients)

    def post(token: str, key: str, answers: dict) -> tuple[int, dict, float]:
        body = json.dumps({"answers": answers}).encode()
        started = time.monotonic()
        conn = HTTPConnection(host, port, timeout=60)
        try:
            conn.request("POST", f"/api/v1/ballots/{box_id}/cast", body=body, headers={
                "Authorization": f"Bearer {token}", "Idempotency-Key": key,
                "Content-Type": "application/json", "Content-Length": str(len(body)),
            })  # fmt: skip
            response = conn.getresponse()
            raw = response.read()
        except (OSError, HTTPException):  # refused, reset, or an answer cut off by the kill
            return 0, {}, time.monotonic() - started
        finally:
            conn.close()
        answer: dict = {}
        with contextlib.suppress(ValueError):
            answer = json.loads(raw)
        return response.status, answer, time.monotonic() - started

    def backoff(failures: int) -> None:
        """As a phone would: a short pause that grows while the server does not answer (at most 2 s)."""
        time.sleep(min(2.0, 0.05 * 2 ** min(failures, 6)) * (0.5 + random.random()))

    def client() -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=120)
        while True:
            with lock:
                if not plans:
                    return
                voter, answers, key, resend = plans.pop()
            failures = 0
            while True:
                status, answer, took = post(voter["token"], key, answers)
                with lock:
                    storm.requests += 1
                    if status == 201 and answer.get("receipt"):
                        storm.receipts += 1
                        storm.slowest_ms = max(storm.slowest_ms, took * 1000)
                        storm.acked[voter["username"]] = {"answers": answers, "receipt": answer["receipt"]}
                        break
                    if status == 200 and answer.get("already_counted"):
                        storm.already += 1
                        storm.acked[voter["username"]] = {"answers": answers, "receipt": None}
                        break
                    if status in (0, 502, 503, 504):
                        storm.failed_connections += 1
                    else:
                        storm.errors.append(f"{voter['username']}: {status} {answer.get('code', '')}".strip())
                        if len(storm.errors) > 50 or status in (400, 403, 404, 409, 422):
                            break  # a refusal will not change by retrying
                failures += 1
                backoff(failures)
            if resend and voter["username"] in storm.acked:
                resent(voter, key, answers)

    def resent(voter: dict, key: str, answers: dict) -> None:
        """An acknowledged cast sent again with its key, as a phone that lost the answer: 200 "already counted"."""
        failures = 0
        while True:
            status, answer, _took = post(voter["token"], key, answers)
            with lock:
                storm.requests += 1
                if status not in (0, 502, 503, 504):
                    storm.resent += 1
                    if status == 200 and answer.get("already_counted"):
                        storm.resent_ok += 1
                    else:
                        storm.errors.append(f"{voter['username']} resent: {status} {answer.get('code', '')}")
                    return
                storm.failed_connections += 1
            failures += 1
            backoff(failures)

    threads = [threading.Thread(target=client, daemon=True) for _n in range(storm.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    steps = [storm.voters * (n + 1) // (storm.kills + 1) for n in range(storm.kills)]
    for step in steps:
        while True:
            with lock:
                done = len(storm.acked)
            if done >= step or not any(t.is_alive() for t in threads):
                break
            time.sleep(0.01)
        if not any(t.is_alive() for t in threads):
            break
        server.kill()
        storm.kills_done += 1
        restarted = time.monotonic()
        try:
            server.start()
        except BenchError as exc:
            storm.errors.append(f"restart {storm.kills_done}: {exc}")
            break
        storm.restart_seconds.append(time.monotonic() - restarted)
        log(f"  killed and restarted ({storm.kills_done}/{storm.kills}) at {done} acknowledged")
    for thread in threads:
        thread.join(timeout=1800)
    storm.seconds = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        storm.errors.append("clients still voting after 30 min")


def ballot_storm_line(storm: BallotStorm | None, report) -> str:
    """The storm's row of the results table (`report.check` records a failure)."""
    target = "every acknowledged ballot counted once, none twice, ballots = participations = tally, 0 errors"
    if storm is None:
        return f"| ballot storm | skipped | — | {target} | — |"
    verified = storm.verified
    tally = verified.get("tally", {})
    db_note = (
        f"database: {verified.get('participations')} participations = {verified.get('filled')} ballots = "
        f"tally {tally}, every one of {verified.get('receipts_checked')} receipts included, the same after the close"
        if verified.get("ok")
        else f"database: **{verified.get('problems') or verified}**"
    )
    errors = f"{len(storm.errors)} errors" + (f" (first: {storm.errors[:3]})" if storm.errors else "")
    restarts = ", ".join(f"{s:.1f}" for s in storm.restart_seconds)
    up = storm.seconds - sum(storm.restart_seconds)
    rate = len(storm.acked) / up if up > 0 else 0.0
    return (
        f"| ballot storm: {storm.voters} members × {storm.clients} clients (API POST …/cast with Idempotency-Key, "
        f"retried until acknowledged), gunicorn SIGKILLed {storm.kills_done}× mid-vote and restarted "
        f"(restarts {restarts} s); {storm.requests:,} requests: {storm.receipts} counted with a receipt (201), "
        f"{storm.already} retries after a lost answer and {storm.resent_ok}/{storm.resent} resent acknowledged "
        f'casts answered "already counted" (200), {storm.failed_connections} failed connections retried, '
        f"{errors}; {rate:.1f} ballots/s while the server was up ({up:.0f} s), slowest acknowledged cast "
        f"{storm.slowest_ms:,.0f} ms; {db_note}) | {storm.seconds:.1f} s | — | {target} "
        f"| {report.check(storm.ok, 'ballot storm')} |"
    )
