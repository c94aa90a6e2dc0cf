"""manage.py hall_starter --township ID --user USERNAME: load the starter catalogue (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import DomainError

from ...actions.catalogue import catalogue_starter_load


class Command(BaseCommand):
    help = (
        "Load the starter catalogue of matters (事项目录范本) into a township; codes it has are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--township", type=int, required=True, help="the township's area id")
        parser.add_argument(
            "--user", required=True, help="a township admin of it (the audit trail names them)"
        )

    def handle(self, *args, **opts):
        township = Area.objects.filter(pk=opts["township"], kind=AreaKind.TOWNSHIP).first()
        if township is None:
            raise CommandError("没有这个镇(乡、街道)。")
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError("没有这个用户。")
        try:
            created = catalogue_starter_load(user, township)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已为{township.name}载入事项 {created} 项。")
