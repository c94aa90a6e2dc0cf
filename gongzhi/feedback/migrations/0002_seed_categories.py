"""The categories a suggestion or complaint about gongzhi is filed under (data the township office edits)."""

from django.db import migrations

CATEGORIES = [
    "功能建议",
    "使用不方便",
    "页面出错",
    "信息有误",
    "适老化和无障碍",
    "个人信息保护",
    "办理不及时",
    "其他",
]


def seed(apps, schema_editor):
    Category = apps.get_model("feedback", "Category")
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("feedback", "Category").objects.filter(name__in=CATEGORIES).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
