"""The fund kinds and income sources the township starts with (data it edits, never code): 专项经费, 办公经费,
公共服务资金 (村公资金, code "public_service", used by the participatory budget); 财政, 部门, 共驻共建, 捐赠, 其他."""

from django.db import migrations

KINDS = [
    ("special", "专项经费"),
    ("office", "办公经费"),
    ("public_service", "公共服务资金"),
]
SOURCES = [
    ("finance", "财政"),
    ("department", "部门"),
    ("partners", "共驻共建"),
    ("donation", "捐赠"),
    ("other", "其他"),
]


def seed(apps, schema_editor):
    FundKind = apps.get_model("funds", "FundKind")
    IncomeSource = apps.get_model("funds", "IncomeSource")
    for order, (code, name) in enumerate(KINDS, start=1):
        FundKind.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})
    for order, (code, name) in enumerate(SOURCES, start=1):
        IncomeSource.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})


def unseed(apps, schema_editor):
    apps.get_model("funds", "FundKind").objects.filter(code__in=[c for c, _ in KINDS]).delete()
    apps.get_model("funds", "IncomeSource").objects.filter(code__in=[c for c, _ in SOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
