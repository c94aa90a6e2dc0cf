"""Child processes of the harness: measured runs (wall time, peak memory), bench/inside.py, the gongzhi command."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

from bench.config import BIN, INSIDE, ROOT, BenchError


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_measured(
    cmd: list[str], env: dict, *, timeout: float, capture: bool = False
) -> tuple[float, int, str]:
    """Run `cmd`; (wall seconds, peak RSS in bytes of that process, stdout if captured).

    os.wait4 gives the rusage of exactly this child, so its peak memory is its own.
    stderr (progress bars) goes to the terminal; stdout goes to a file, never a pipe
    that could fill up while we wait.
    """
    with tempfile.TemporaryFile(mode="w+") as sink:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=sink if capture else None)
        deadline = started + timeout
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    raise BenchError(f"timed out after {timeout:.0f} s: {' '.join(cmd[:4])}")
                time.sleep(0.05)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        elapsed = time.monotonic() - started
        sink.seek(0)
        output = sink.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise BenchError(f"exit {proc.returncode}: {' '.join(cmd[:5])}")
    return elapsed, usage.ru_maxrss * 1024, output


def inside(env: dict, *args: str, timeout: float = 600) -> tuple[dict, float, int]:
    elapsed, peak, output = run_measured(
        [sys.executable, str(INSIDE), *args], env, timeout=timeout, capture=True
    )
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        raise BenchError(f"bench/inside.py {args[0]} printed no result")
    return json.loads(lines[-1]), elapsed, peak


def manage(env: dict, *args: str, timeout: float = 600) -> None:
    run_measured([str(BIN / "gongzhi"), *args], env, timeout=timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
