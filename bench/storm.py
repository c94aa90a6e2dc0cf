"""The storms: many claimers POST the claim of the same wish at once, two officers decide the same
application at once; exactly one may win each."""

import contextlib
import json
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

from bench.processes import inside


@dataclass
class Storm:
    wishes: int
    claimers: int
    requests: int = 0
    already: int = 0
    seconds: float = 0.0
    slowest_ms: float = 0.0
    winners: dict[str, str] = field(default_factory=dict)  # wish id → the username answered 200
    extra_winners: int = 0  # a second 200 for one wish
    other: list[str] = field(default_factory=list)  # anything but 200 or 409 already_claimed
    verified: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (
            len(self.winners) == self.wishes
            and not self.extra_winners
            and not self.other
            and bool(self.verified.get("ok"))
        )


def claim_storm(base: str, prepared: dict) -> Storm:
    """Every claimer POSTs the claim of the same wish at once (a barrier), wish after wish.

    One thread per claimer, each with its own API token and a new connection
    per request (gunicorn's sync workers close each one). The API answers the
    winner 200 and everyone else 409 with code "already_claimed"; anything
    else — another status, another code, a socket error — counts as an error.
    """
    parsed = urllib.parse.urlsplit(base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    claimers, ids = prepared["claimers"], prepared["wish_ids"]
    storm = Storm(wishes=len(ids), claimers=len(claimers))
    barrier = threading.Barrier(len(claimers))
    lock = threading.Lock()

    def claim(wish_id: int, token: str) -> tuple[int, str, float]:
        started = time.monotonic()
        conn = HTTPConnection(host, port, timeout=60)
        try:
            conn.request("POST", f"/api/v1/wishes/{wish_id}/claim", body=b"",
                         headers={"Authorization": f"Bearer {token}", "Content-Length": "0"})  # fmt: skip
            response = conn.getresponse()
            body = response.read()
        except OSError as exc:
            return 0, f"socket error: {exc.__class__.__name__}", time.monotonic() - started
        finally:
            conn.close()
        code = ""
        with contextlib.suppress(ValueError, AttributeError):
            code = json.loads(body).get("code", "")
        return response.status, code, time.monotonic() - started

    def claimer(username: str, token: str) -> None:
        for wish_id in ids:
            try:
                barrier.wait(timeout=300)
            except threading.BrokenBarrierError:
                return
            status, code, took = claim(wish_id, token)
            with lock:
                storm.requests += 1
                storm.slowest_ms = max(storm.slowest_ms, took * 1000)
                if status == 200:
                    if str(wish_id) in storm.winners:
                        storm.extra_winners += 1
                    else:
                        storm.winners[str(wish_id)] = username
                elif status == 409 and code == "already_claimed":
                    storm.already += 1
                else:
                    storm.other.append(f"wish {wish_id}: {status} {code}".strip())

    threads = [
        threading.Thread(target=claimer, args=(c["username"], c["token"]), daemon=True) for c in claimers
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    storm.seconds = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        barrier.abort()
        storm.other.append("claimers still running after 30 min")
    return storm


def storm_verify(env: dict, storm: Storm, ids: list[int]) -> None:
    """The database's view: one claimer and one 'claim' event per wish, the one HTTP said won."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"wish_ids": ids, "winners": storm.winners}, handle)
    try:
        storm.verified, _e, _p = inside(env, "storm-verify", handle.name)
    finally:
        Path(handle.name).unlink(missing_ok=True)


@dataclass
class DecisionStorm:
    applications: int
    officers: int
    requests: int = 0
    refused: int = 0  # the page's refusal: 409, "已由…处理…无需重复办理"
    seconds: float = 0.0
    slowest_ms: float = 0.0
    winners: dict[str, str] = field(
        default_factory=dict
    )  # application id → the officer whose POST decided it
    extra_winners: int = 0
    other: list[str] = field(default_factory=list)
    verified: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (
            len(self.winners) == self.applications
            and not self.extra_winners
            and not self.other
            and bool(self.verified.get("ok"))
        )


def decision_storm(base: str, prepared: dict, sessions: dict[str, tuple[str, str]]) -> DecisionStorm:
    """Two officers of the deciding department approve the same application at once, one after the other.

    Drives the back-office page (`POST /hall/a/<id>/office/approve/` with an opinion and the CSRF token
    of the officer's session, as the browser form sends it): the hall has no API for decisions yet.
    The winner is answered with the redirect to the application (302); the other with the page's
    refusal, 409 "…无需重复办理". Anything else — another status, a socket error — is an error.
    `sessions`: username → (Cookie header, CSRF token), logged in through the form.
    """
    parsed = urllib.parse.urlsplit(base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    ids, officers = prepared["application_ids"], prepared["officers"]
    storm = DecisionStorm(applications=len(ids), officers=len(officers))
    barrier = threading.Barrier(len(officers))
    lock = threading.Lock()

    def decide(application_id: int, cookie: str, csrf: str) -> tuple[int, str, float]:
        started = time.monotonic()
        body = urllib.parse.urlencode(
            {"opinion": "经审核，符合条件，准予。", "csrfmiddlewaretoken": csrf}
        ).encode()
        conn = HTTPConnection(host, port, timeout=60)
        try:
            conn.request("POST", f"/hall/a/{application_id}/office/approve/", body=body, headers={
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Referer": base + "/",
                "Content-Length": str(len(body)),
            })  # fmt: skip
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            location = response.getheader("Location") or ""
        except OSError as exc:
            return 0, f"socket error: {exc.__class__.__name__}", time.monotonic() - started
        finally:
            conn.close()
        if response.status == 302 and location.rstrip("/").endswith(f"/hall/a/{application_id}"):
            return 302, "decided", time.monotonic() - started
        if response.status == 409 and "无需重复办理" in text:
            return 409, "already_handled", time.monotonic() - started
        return response.status, location or text[:80], time.monotonic() - started

    def officer(username: str) -> None:
        cookie, csrf = sessions[username]
        for application_id in ids:
            try:
                barrier.wait(timeout=300)
            except threading.BrokenBarrierError:
                return
            status, code, took = decide(application_id, cookie, csrf)
            with lock:
                storm.requests += 1
                storm.slowest_ms = max(storm.slowest_ms, took * 1000)
                if code == "decided":
                    if str(application_id) in storm.winners:
                        storm.extra_winners += 1
                    else:
                        storm.winners[str(application_id)] = username
                elif code == "already_handled":
                    storm.refused += 1
                else:
                    storm.other.append(f"application {application_id}: {status} {code}".strip())

    threads = [threading.Thread(target=officer, args=(name,), daemon=True) for name in officers]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    storm.seconds = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        barrier.abort()
        storm.other.append("officers still deciding after 30 min")
    return storm


def decide_verify(env: dict, storm: DecisionStorm, ids: list[int]) -> None:
    """The database's view: one decision event per application, approved, by the officer HTTP said decided."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"application_ids": ids, "winners": storm.winners}, handle)
    try:
        storm.verified, _e, _p = inside(env, "decide-verify", handle.name)
    finally:
        Path(handle.name).unlink(missing_ok=True)
