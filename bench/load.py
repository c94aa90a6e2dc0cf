"""Load from wrk: each endpoint warmed up, then measured in interleaved rounds, its answers checked before and after."""

import json
import statistics
import subprocess
from dataclasses import dataclass, field

from bench.config import LUA, BenchError
from bench.processes import log
from bench.server import fetch


@dataclass
class Load:
    name: str
    path: str
    target_ratio: float | None = None  # None: the yardstick or a reference row, no target
    headers: dict[str, str] = field(default_factory=dict)
    # Connections of its own (None: --connections): a page that takes about a second is loaded by one client per
    # worker, so that no backlog of queued requests outlives its round and falls on the next endpoint's.
    connections: int | None = None
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    not_ok: int = 0
    socket_errors: int = 0
    rounds: list[dict] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(url: str, headers: dict[str, str], *, seconds: int, connections: int, threads: int) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA)]
    for key, value in headers.items():
        cmd += ["-H", f"{key}: {value}"]
    cmd.append(url)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    line = next((x for x in result.stdout.splitlines() if x.startswith("WRK_RESULT ")), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"wrk failed ({result.returncode}): {result.stderr.strip()[:300]}")
    return json.loads(line.removeprefix("WRK_RESULT "))


def measure(loads: list[Load], base: str, headers: list[dict], args) -> None:
    """Warm each endpoint up, then measure them in interleaved rounds.

    Other work on the machine comes and goes; running bare, page, API, bare,
    page, API, ... spreads it over all endpoints alike, so the ratios hold even
    when the absolute numbers drift. Requests and time add up over the rounds;
    p50 is the median of the rounds' p50, p99 the worst round's p99.
    """

    def run(load: Load) -> dict:
        connections = load.connections or args.connections
        return {"connections": connections, "threads": min(args.threads, connections)}

    for load, hdrs in zip(loads, headers, strict=True):
        if args.warmup:
            wrk(base + load.path, hdrs, seconds=args.warmup, **run(load))
    seconds = max(1, round(args.duration / args.rounds))
    for round_no in range(args.rounds):
        for load, hdrs in zip(loads, headers, strict=True):
            data = wrk(base + load.path, hdrs, seconds=seconds, **run(load))
            load.rounds.append(data)
            log(
                f"round {round_no + 1}/{args.rounds} {load.name}: "
                f"{data['requests'] / (data['duration_us'] / 1e6):.0f} req/s, p99 {data['p99_us'] / 1000:.1f} ms"
            )
    for load in loads:
        load.requests = sum(r["requests"] for r in load.rounds)
        load.seconds = sum(r["duration_us"] for r in load.rounds) / 1e6
        load.p50_ms = statistics.median(r["p50_us"] for r in load.rounds) / 1000
        load.p99_ms = max(r["p99_us"] for r in load.rounds) / 1000
        load.max_ms = max(r["max_us"] for r in load.rounds) / 1000
        load.not_ok = sum(r["not_2xx_3xx"] for r in load.rounds)
        load.socket_errors = sum(
            r[k] for r in load.rounds for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
        )


def check_answers(base: str, loads: list[Load], headers: list[dict], *, when: str) -> None:
    """Each URL answers 200 with what it should show: the load measures real pages."""
    bare = loads[0]
    for load, hdrs in zip(loads, headers, strict=True):
        status, body = fetch(base + load.path, hdrs)
        if status != 200:
            raise BenchError(f"{load.path} answered {status} {when} the load")
        if load.path.startswith("/residents/") and 'data-testid="resident-row"' not in body:
            raise BenchError(f"the residents page shows no residents {when} the load")
        if load.path.startswith("/api/v1/residents") and not json.loads(body).get("items"):
            raise BenchError(f"the residents API returned no items {when} the load")
        if load.path.startswith("/hall/queue/") and (
            'data-testid="queue-row"' not in body or "乡镇审批中" not in body
        ):
            raise BenchError(f"the back-office queue shows no applications {when} the load")
        if load.path.startswith("/api/v1/hall/applications/queue") and not json.loads(body).get("items"):
            raise BenchError(f"the applications queue API returned no items {when} the load")
        if load.path.startswith("/wishes/") and body.count('data-testid="wish-card"') < 20:
            raise BenchError(f"the wish wall shows fewer than 20 wishes {when} the load")
        if load.path.startswith("/oversight/") and "/export/" in load.path and not body.startswith("PK"):
            raise BenchError(f"the oversight export is not an .xlsx {when} the load")
        if (
            load.path.startswith("/oversight/")
            and "/export/" not in load.path
            and 'data-testid="oversight-row"' not in body
        ):
            raise BenchError(f"the oversight page lists no community {when} the load")
        if load.path.startswith("/bench/floor/") and "floor" not in body and body != "ok":
            raise BenchError(f"{load.path} did not answer as a signed-in page {when} the load")
        if load is bare and len(json.loads(body).get("rows", [])) != 20:
            raise BenchError(f"the bare view did not return 20 rows {when} the load")
