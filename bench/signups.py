"""The sign-up storm: many residents sign up for the same activity at once, activity after activity.

One community with P residents (64) in a small database of its own (`var/bench/signups.sqlite3`, or the
PostgreSQL database `gongzhi_bench_signups`), made fresh each run, and A upcoming activities (100) of N places
each (20), published through the activities' own action. One thread per resident, each with its own API token;
for each activity in turn they are released together (a barrier) and POST `/api/v1/activities/<id>/signup`,
a new connection per request. The API answers 201 to a place taken and 409 "full" to the rest; anything else
— another status or code, a socket error — is an error.

Passes when every activity got exactly N sign-ups over HTTP and `inside.py signup-verify` finds in the
database at most N active sign-ups on every activity (the maximum ever booked is reported beside the places),
one audit row per sign-up, and the people HTTP said got a place are the ones signed up.
"""

import contextlib
import json
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from pathlib import Path

from bench.ballots import _fresh
from bench.config import BENCH_DIR, PG_SERVER
from bench.processes import inside, log
from bench.seed import Database
from bench.server import Server

SIGNUP_PEOPLE = 64
SIGNUP_PLACES = 20
SIGNUP_ACTIVITIES = 100


@dataclass
class SignupStorm:
    people: int
    places: int
    activities: int
    db: str = ""
    requests: int = 0
    full: int = 0  # 409 "full"
    seconds: float = 0.0
    slowest_ms: float = 0.0
    signed: dict[str, list[str]] = field(default_factory=dict)  # activity id → usernames answered 201
    errors: list[str] = field(default_factory=list)
    verified: dict = field(default_factory=dict)

    @property
    def most_over_http(self) -> int:
        return max((len(v) for v in self.signed.values()), default=0)

    @property
    def ok(self) -> bool:
        return (
            len(self.signed) == self.activities
            and all(len(v) == self.places for v in self.signed.values())
            and not self.errors
            and bool(self.verified.get("ok"))
        )


def signup_database(kind: str) -> Database:
    if kind == "sqlite":
        path = BENCH_DIR / "signups.sqlite3"
        return Database(kind, "signups", f"sqlite:///{path}", path)
    return Database(kind, "gongzhi_bench_signups", f"{PG_SERVER}/gongzhi_bench_signups")


def signup_storm(
    kind: str, env: dict, *, people: int, places: int, activities: int, workers: int
) -> SignupStorm:
    db = signup_database(kind)
    env = {**env, "DATABASE_URL": db.url}
    log(f"sign-up storm: a fresh database ({db.url.split('@')[-1]}), migrated")
    _fresh(db, env)
    prepared, _e, _p = inside(env, "signup-prepare", str(people), str(places), str(activities))
    storm = SignupStorm(people=people, places=places, activities=activities, db=kind)
    server = Server(env, workers)
    log(
        f"sign-up storm: {people} residents × {activities} activities of {places} places, gunicorn on {server.base}"
    )
    server.start()
    try:
        _sign_up(server, prepared, storm)
    finally:
        server.stop()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(
            {"activity_ids": prepared["activity_ids"], "signed": storm.signed, "places": places}, handle
        )
    try:
        storm.verified, _e, _p = inside(env, "signup-verify", handle.name)
    finally:
        Path(handle.name).unlink(missing_ok=True)
    return storm


def _sign_up(server: Server, prepared: dict, storm: SignupStorm) -> None:
    parsed = urllib.parse.urlsplit(server.base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    ids, people = prepared["activity_ids"], prepared["people"]
    barrier = threading.Barrier(len(people))
    lock = threading.Lock()

    def post(activity_id: int, token: str) -> tuple[int, str, float]:
        started = time.monotonic()
        conn = HTTPConnection(host, port, timeout=120)
        try:
            conn.request("POST", f"/api/v1/activities/{activity_id}/signup", body=b"",
                         headers={"Authorization": f"Bearer {token}", "Content-Length": "0"})  # fmt: skip
            response = conn.getresponse()
            body = response.read()
        except (OSError, HTTPException) as exc:
            return 0, f"socket error: {exc.__class__.__name__}", time.monotonic() - started
        finally:
            conn.close()
        code = ""
        with contextlib.suppress(ValueError, AttributeError):
            code = json.loads(body).get("code", "")
        return response.status, code, time.monotonic() - started

    def resident(username: str, token: str) -> None:
        for activity_id in ids:
            try:
                barrier.wait(timeout=300)
            except threading.BrokenBarrierError:
                return
            status, code, took = post(activity_id, token)
            with lock:
                storm.requests += 1
                storm.slowest_ms = max(storm.slowest_ms, took * 1000)
                if status == 201:
                    storm.signed.setdefault(str(activity_id), []).append(username)
                elif status == 409 and code == "full":
                    storm.full += 1
                else:
                    storm.errors.append(f"activity {activity_id}: {status} {code}".strip())

    threads = [
        threading.Thread(target=resident, args=(p["username"], p["token"]), daemon=True) for p in people
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    storm.seconds = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        barrier.abort()
        storm.errors.append("residents still signing up after 30 min")


def signup_storm_line(storm: SignupStorm | None, report) -> str:
    """The storm's row of the results table (`report.check` records a failure)."""
    target = "never more sign-ups than places, on every activity; 0 errors"
    if storm is None:
        return f"| sign-up storm | skipped | — | {target} | — |"
    verified = storm.verified
    db_note = (
        f"database: at most {verified.get('most')} active sign-ups on any activity for {storm.places} places "
        f"({verified.get('overbooked')} overbooked, {verified.get('audit_rows')} audit rows for "
        f"{verified.get('signups')} sign-ups, the people HTTP answered 201 are the ones signed up)"
        if verified.get("ok")
        else f"database: **{verified.get('problems') or verified}**"
    )
    errors = f"{len(storm.errors)} errors" + (f" (first: {storm.errors[:3]})" if storm.errors else "")
    return (
        f"| sign-up storm: {storm.people} residents on {storm.places} places at once, repeated over "
        f"{storm.activities} activities (API POST …/signup; {storm.requests:,} requests: "
        f"{sum(len(v) for v in storm.signed.values()):,} places taken (201), most on one activity "
        f"{storm.most_over_http}, {storm.full:,} told it is full (409), {errors}; slowest answer "
        f"{storm.slowest_ms:,.0f} ms; {db_note}) | {storm.seconds:.1f} s | — | {target} "
        f"| {report.check(storm.ok, 'sign-up storm')} |"
    )
