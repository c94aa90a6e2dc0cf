"""Background jobs of the register (database-backed queue: `gongzhi db_worker`)."""

from django_tasks import task


@task()
def resident_import_task(job_id: int) -> None:
    from .imports import resident_import_execute

    resident_import_execute(job_id=job_id)
