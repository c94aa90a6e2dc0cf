from django.db import migrations

TAGS = [
    ("party_member", "党员", False),
    ("left_behind_elderly", "留守老人", True),
    ("left_behind_child", "留守儿童", True),
    ("left_behind_woman", "留守妇女", True),
    ("dibao", "低保", True),
    ("disabled", "残疾", True),
    ("veteran", "退役军人", False),
    ("legal_literate", "法律明白人", False),
    ("volunteer", "志愿者", False),
    ("living_alone_elderly", "独居老人", True),
    ("special_group", "特殊人群", True),
]


def forwards(apps, schema_editor):
    Tag = apps.get_model("residents", "Tag")
    for order, (code, name, sensitive) in enumerate(TAGS):
        Tag.objects.get_or_create(code=code, defaults={"name": name, "is_sensitive": sensitive, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
