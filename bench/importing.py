"""The import benchmark: a generated Excel file validated and imported into a throwaway copy of the database."""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from bench.config import MIB, PG_SERVER
from bench.processes import inside, log
from bench.seed import Database, pg_admin, pg_exists


def import_benchmark(db: Database, env: dict, rows: int) -> dict:
    """Validate + import `rows` rows into a throwaway copy of the bench database."""
    work = Path(tempfile.mkdtemp(prefix="gongzhi-bench-import-"))
    xlsx = work / "residents.xlsx"
    copy_env = dict(env)
    copy_name = f"{db.name}_import"
    try:
        log(f"generating a {rows:,}-row import file")
        info, made_s, _peak = inside(env, "make-xlsx", str(xlsx), str(rows), timeout=900)
        log(f"  {info['rows']:,} rows, {info['households']:,} new households, {info['bytes'] / MIB:.1f} MiB")
        log("copying the database for the import")
        if db.kind == "sqlite":
            assert db.path is not None
            target = work / "copy.sqlite3"
            source = sqlite3.connect(db.path)
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            source.close()
            dest.close()
            copy_env["DATABASE_URL"] = f"sqlite:///{target}"
        else:
            if pg_exists(copy_name):
                pg_admin(f'DROP DATABASE "{copy_name}" WITH (FORCE)')
            pg_admin(f'CREATE DATABASE "{copy_name}" TEMPLATE "{db.name}"')
            copy_env["DATABASE_URL"] = f"{PG_SERVER}/{copy_name}"
        log("importing (validate, then insert in one transaction)")
        result, wall, peak = inside(copy_env, "import", str(xlsx), timeout=1800)
        result.update({"wall_s": wall, "peak_rss_bytes": peak, "file_bytes": info["bytes"]})
        result["households"] = info["households"]
        log(f"  import: {wall:.1f} s, peak RSS {peak / MIB:.0f} MiB, ok={result.get('ok')}")
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if db.kind == "postgres" and pg_exists(copy_name):
            pg_admin(f'DROP DATABASE "{copy_name}" WITH (FORCE)')
