"""`gongzhi periodic`: run the clock-driven jobs every few minutes (or once, with --once)."""

import time

from django.core.management.base import BaseCommand

from gongzhi.core.periodic import periodic_jobs, periodic_jobs_run


class Command(BaseCommand):
    help = "定时任务：认领到期提醒、工作人员每日汇总、清理孤立文件。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every job once and exit")
        parser.add_argument("--every", type=int, default=300, help="seconds between rounds (default 300)")

    def handle(self, *args, once: bool, every: int, **options):
        names = ", ".join(job.name for job in periodic_jobs())
        self.stdout.write(f"定时任务：{names}")
        while True:
            results = periodic_jobs_run()
            if options["verbosity"] > 1 or once:
                for name, result in results.items():
                    self.stdout.write(f"{name}: {result}")
            if once:
                return
            time.sleep(max(30, every))
