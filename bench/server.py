"""gunicorn on a free loopback port, and a client that logs in through the real form."""

import contextlib
import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import psutil

from bench.config import BENCH_DIR, BIN, ROOT, BenchError
from bench.processes import free_port


class Server:
    """gunicorn with 2 sync workers on a free loopback port, in its own process group."""

    def __init__(self, env: dict, workers: int):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = BENCH_DIR / "gunicorn.log"
        self.env = env
        self.workers = workers
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [
            str(BIN / "gunicorn"),
            "gongzhi.config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "sync",
            "--timeout", "60",
            "--graceful-timeout", "10",
            "--log-level", "warning",
            "--error-logfile", str(self.log_path),
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, env=self.env, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/bench/bare", timeout=5) as response:
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError("gunicorn did not answer within 60 s")

    def worker_pids(self) -> list[int]:
        if self.proc is None:
            return []
        try:
            return [child.pid for child in psutil.Process(self.proc.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def worker_rss(self) -> list[int]:
        sizes = []
        for pid in self.worker_pids():
            with contextlib.suppress(psutil.NoSuchProcess):
                sizes.append(psutil.Process(pid).memory_info().rss)
        return sizes

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass


def login(base: str, username: str, password: str) -> str:
    """Log in through the real form; returns the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/accounts/login/", timeout=10) as response:
        page = response.read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None:
        raise BenchError("login page has no CSRF token")
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=body, headers={"Referer": base + "/"})
    with opener.open(request, timeout=10):
        pass
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if session is None:
        raise BenchError(f"could not log in as {username}")
    return f"sessionid={session}"


def login_for_forms(base: str, username: str, password: str) -> tuple[str, str]:
    """Log in through the real form; returns the Cookie header (session and CSRF cookie) and the CSRF token
    a form of that session sends (the login rotates it: the one set with the login's answer)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/accounts/login/", timeout=10) as response:
        page = response.read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None:
        raise BenchError("login page has no CSRF token")
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=body, headers={"Referer": base + "/"})
    with opener.open(request, timeout=10):
        pass
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies or "csrftoken" not in cookies:
        raise BenchError(f"could not log in as {username}")
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}", cookies["csrftoken"]


def fetch(url: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(
                errors="replace"
            )  # an .xlsx too (checked by its "PK")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
