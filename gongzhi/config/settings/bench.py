"""Benchmark settings (`make bench`): the dev overlay run like production.

DEBUG off (no query log, templates cached), plain HTTP on loopback, the
benchmark's URL configuration with the bare yardstick view, and devtools
installed for it. The data directory and the database come from
GONGZHI_DATA_DIR and DATABASE_URL, which bench/run.py sets.
"""

from .dev import *  # noqa: F403
from .dev import INSTALLED_APPS

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "gongzhi.devtools.urls"
if "gongzhi.devtools" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "gongzhi.devtools"]
