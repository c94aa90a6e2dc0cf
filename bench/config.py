"""Paths, targets and the benchmark's own error, shared by every step of `make bench`."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS_DIR = ROOT / "bench" / "results"
INSIDE = ROOT / "bench" / "inside.py"
LUA = ROOT / "bench" / "wrk_report.lua"
PG_SERVER = os.environ.get("GONGZHI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# The name of the county's PostgreSQL database (the others add a suffix to it): one per checkout that shares a server.
PG_NAME = os.environ.get("GONGZHI_BENCH_PG_NAME", "gongzhi_bench")
DEMO_PASSWORD = "Gongzhi@Demo2026"
COUNTY_RESIDENTS = 1_000_000
COUNTY_WISHES = 1_000_000
COUNTY_APPLICATIONS = 1_000_000
OVERSIGHT_YEAR = 2026  # the year of every module the oversight benchmark adds to the county
MIB = 1024 * 1024

# What the acceptance text asks for at a million residents.
PAGE_RATIO = 0.35
API_RATIO = 0.5
WALL_RATIO = 0.5
STORM_WISHES = 200
STORM_CLAIMERS = 64
STORM_APPLICATIONS = 200  # the decision storm: two officers decide each at once
P99_MS = 100.0
WORKER_RSS_MB = 250
IMPORT_SECONDS = 60
IMPORT_PEAK_MB = 1024
SEED_SECONDS = 600
SEED_PEAK_MB = 2048


class BenchError(Exception):
    """The benchmark could not run; the message says why."""
