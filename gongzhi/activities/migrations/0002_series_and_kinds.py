"""The series and kinds of activities the township's guidance names (seed: 德治 and 法治 paragraphs)."""

from django.db import migrations

SERIES = [
    ("moral_lecture", "道德讲堂", "身边好人讲身边事，孝老爱亲、诚实守信"),
    ("law_six", "法治文化六进", "法治文化进机关、进乡村、进社区、进学校、进企业、进单位"),
    ("family_virtue", "新时代好家风", "好家风好家训，平安法治家庭"),
    ("qingming", "清明会", "清明时节缅怀先人，文明祭扫"),
    ("volunteer", "志愿服务", "党员、志愿者为居民服务"),
    ("poverty_relief", "扶贫帮困", "走访慰问困难群众"),
    ("anti_pyramid", "防范传销宣传", "识别和防范传销，打击传销"),
    ("five_hearts", "五心教育", "忠心、孝心、爱心、诚心、信心"),
    ("culture_sports", "文体活动", "文体广场、农家书屋的文体活动"),
]
KINDS = [
    ("lecture", "宣讲讲座"),
    ("volunteer_service", "志愿服务"),
    ("visit", "走访慰问"),
    ("publicity", "宣传活动"),
    ("commemoration", "纪念活动"),
    ("culture", "文体活动"),
    ("training", "培训"),
]


def seed(apps, schema_editor):
    Series = apps.get_model("activities", "Series")
    ActivityKind = apps.get_model("activities", "ActivityKind")
    for order, (code, name, description) in enumerate(SERIES, start=1):
        Series.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order * 10}
        )
    for order, (code, name) in enumerate(KINDS, start=1):
        ActivityKind.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})


def unseed(apps, schema_editor):
    Series = apps.get_model("activities", "Series")
    ActivityKind = apps.get_model("activities", "ActivityKind")
    Series.objects.filter(code__in=[c for c, _n, _d in SERIES], activities__isnull=True).delete()
    ActivityKind.objects.filter(code__in=[c for c, _n in KINDS], activities__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
