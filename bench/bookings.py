"""The booking storm: many residents book the same slot of one facility at once, slot after slot.

One community with P residents (64) in a small database of its own (`var/bench/bookings.sqlite3`, or the
PostgreSQL database `gongzhi_bench_bookings`), made fresh each run, and one bookable room (no approval needed)
recorded through the facilities' own action. S slots (200: one hour each, on the coming days within the opening
hours). One thread per resident, each with its own API token; for each slot in turn they are released together
(a barrier) and POST `/api/v1/facilities/<id>/bookings` for that hour, a new connection per request. The API
answers 201 to the booking made and 409 "overlap" to the rest; anything else — another status or code, a
socket error — is an error.

Passes when every slot got exactly one booking over HTTP and `inside.py booking-verify` finds in the database
exactly one booking per slot, no two holding bookings overlapping, one audit row per booking, and the person
HTTP answered 201 is the one who booked.
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

BOOKING_PEOPLE = 64
BOOKING_SLOTS = 200


@dataclass
class BookingStorm:
    people: int
    slots: int
    db: str = ""
    requests: int = 0
    refused: int = 0  # 409 "overlap"
    seconds: float = 0.0
    slowest_ms: float = 0.0
    booked: dict[str, list[str]] = field(default_factory=dict)  # slot index → usernames answered 201
    errors: list[str] = field(default_factory=list)
    verified: dict = field(default_factory=dict)

    @property
    def most_over_http(self) -> int:
        return max((len(v) for v in self.booked.values()), default=0)

    @property
    def ok(self) -> bool:
        return (
            len(self.booked) == self.slots
            and all(len(v) == 1 for v in self.booked.values())
            and not self.errors
            and bool(self.verified.get("ok"))
        )


def booking_database(kind: str) -> Database:
    if kind == "sqlite":
        path = BENCH_DIR / "bookings.sqlite3"
        return Database(kind, "bookings", f"sqlite:///{path}", path)
    return Database(kind, "gongzhi_bench_bookings", f"{PG_SERVER}/gongzhi_bench_bookings")


def booking_storm(kind: str, env: dict, *, people: int, slots: int, workers: int) -> BookingStorm:
    db = booking_database(kind)
    env = {**env, "DATABASE_URL": db.url}
    log(f"booking storm: a fresh database ({db.url.split('@')[-1]}), migrated")
    _fresh(db, env)
    prepared, _e, _p = inside(env, "booking-prepare", str(people), str(slots))
    storm = BookingStorm(people=people, slots=slots, db=kind)
    server = Server(env, workers)
    log(f"booking storm: {people} residents × {slots} slots of one room, gunicorn on {server.base}")
    server.start()
    try:
        _book(server, prepared, storm)
    finally:
        server.stop()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"facility_id": prepared["facility_id"], "slots": prepared["slots"], "booked": storm.booked},
                  handle)  # fmt: skip
    try:
        storm.verified, _e, _p = inside(env, "booking-verify", handle.name)
    finally:
        Path(handle.name).unlink(missing_ok=True)
    return storm


def _book(server: Server, prepared: dict, storm: BookingStorm) -> None:
    parsed = urllib.parse.urlsplit(server.base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    facility_id, slots, people = prepared["facility_id"], prepared["slots"], prepared["people"]
    barrier = threading.Barrier(len(people))
    lock = threading.Lock()
    path = f"/api/v1/facilities/{facility_id}/bookings"

    def post(slot: dict, token: str) -> tuple[int, str, float]:
        started = time.monotonic()
        body = json.dumps({**slot, "headcount": 5, "purpose": "基准测试"}).encode()
        conn = HTTPConnection(host, port, timeout=120)
        try:
            conn.request("POST", path, body=body, headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json",
                "Content-Length": str(len(body)),
            })  # fmt: skip
            response = conn.getresponse()
            answer = response.read()
        except (OSError, HTTPException) as exc:
            return 0, f"socket error: {exc.__class__.__name__}", time.monotonic() - started
        finally:
            conn.close()
        code = ""
        with contextlib.suppress(ValueError, AttributeError):
            code = json.loads(answer).get("code", "")
        return response.status, code, time.monotonic() - started

    def resident(username: str, token: str) -> None:
        for index, slot in enumerate(slots):
            try:
                barrier.wait(timeout=300)
            except threading.BrokenBarrierError:
                return
            status, code, took = post(slot, token)
            with lock:
                storm.requests += 1
                storm.slowest_ms = max(storm.slowest_ms, took * 1000)
                if status == 201:
                    storm.booked.setdefault(str(index), []).append(username)
                elif status == 409 and code == "overlap":
                    storm.refused += 1
                else:
                    storm.errors.append(f"slot {index}: {status} {code}".strip())

    threads = [
        threading.Thread(target=resident, args=(p["username"], p["token"]), daemon=True) for p in people
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3600)
    storm.seconds = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        barrier.abort()
        storm.errors.append("residents still booking after 60 min")


def booking_storm_line(storm: BookingStorm | None, report) -> str:
    """The storm's row of the results table (`report.check` records a failure)."""
    target = "exactly one booking per slot, never two overlapping; 0 errors"
    if storm is None:
        return f"| booking storm | skipped | — | {target} | — |"
    verified = storm.verified
    db_note = (
        f"database: {verified.get('bookings')} bookings for {storm.slots} slots, {verified.get('overlaps')} "
        f"overlapping pairs, {verified.get('audit_rows')} audit rows, the people HTTP answered 201 are the bookers"
        if verified.get("ok")
        else f"database: **{verified.get('problems') or verified}**"
    )
    errors = f"{len(storm.errors)} errors" + (f" (first: {storm.errors[:3]})" if storm.errors else "")
    return (
        f"| booking storm: {storm.people} residents on one room's slot at once, repeated over {storm.slots} slots "
        f"(API POST …/bookings; {storm.requests:,} requests: {sum(len(v) for v in storm.booked.values()):,} "
        f"bookings made (201), most on one slot {storm.most_over_http}, {storm.refused:,} told it overlaps (409), "
        f"{errors}; slowest answer {storm.slowest_ms:,.0f} ms; {db_note}) | {storm.seconds:.1f} s | — | {target} "
        f"| {report.check(storm.ok, 'booking storm')} |"
    )
