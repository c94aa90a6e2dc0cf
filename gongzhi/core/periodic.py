"""Jobs that run by the clock: claim reminders, staff digests, cleaning up orphaned files.

Each app registers its jobs when it starts (AppConfig.ready); `gongzhi
periodic` runs them all every few minutes. Every job is idempotent — it
decides from the data what is due and records what it did — so running it
twice, or on two machines, does no harm, and a stopped runner catches up on
its next round.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], object]
    description: str


_JOBS: dict[str, PeriodicJob] = {}


def periodic_job_register(name: str, run: Callable[[], object], description: str) -> None:
    _JOBS[name] = PeriodicJob(name, run, description)


def periodic_jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def periodic_jobs_run() -> dict[str, object]:
    """Run every job once; one failing job does not stop the others."""
    results: dict[str, object] = {}
    for job in periodic_jobs():
        try:
            results[job.name] = job.run()
        except Exception:
            logger.exception("periodic job %s failed", job.name)
            results[job.name] = "failed"
    return results
