"""`gongzhi create-api-token USERNAME NAME`: issue an API token from the server console.

The key is printed once and never stored (only its SHA-256); the issue is
audited as done by the server console.
"""

from django.core.management.base import BaseCommand, CommandError

from gongzhi.accounts.actions import CONSOLE, api_token_create
from gongzhi.accounts.models import User
from gongzhi.core.errors import DomainError


class Command(BaseCommand):
    help = "为指定用户创建接口令牌（Bearer），令牌只显示这一次。"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("name", help="令牌名称，如“区县数据对接”")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为“{options['username']}”的账号。")
        try:
            token, key = api_token_create(actor=CONSOLE, user=user, name=options["name"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已为 {user.username} 创建接口令牌“{token.name}”（{token.prefix}…）。")
        self.stdout.write("令牌只显示这一次，请立即妥善保存：")
        self.stdout.write(key)
