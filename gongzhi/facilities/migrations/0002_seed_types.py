"""The catalogue of facility types the seed names as "九室七站五栏两场所两中心两网点", with a sensible default
standard (which community kinds must have each, the signage each needs: 颜色、标识、门头、挂牌 as the seed's
社区标识、导向标识、人员标识、机构挂牌、服务站牌、功能室门牌). Data the township edits (its own standard
replaces a default), never code."""

from django.db import migrations

CENTRE = ["统一色彩", "门头", "机构挂牌", "社区标识", "导向标识", "人员标识"]
ROOM = ["统一色彩", "功能室门牌"]
STATION = ["统一色彩", "服务站牌"]
BOARD = ["统一色彩", "标识"]
VENUE = ["社区标识", "导向标识"]
OUTLET = ["服务站牌"]

# (kind, name, required of a village, required of an urban community, signage)
TYPES = [
    ("centre", "党群服务中心", True, True, CENTRE),
    ("centre", "综治中心", True, True, CENTRE),
    ("room", "党员活动室", True, True, ROOM),
    ("room", "村(居)委会办公室", True, True, ROOM),
    ("room", "调解室", True, True, ROOM),
    ("room", "警务室", False, True, ROOM),
    ("room", "图书室（农家书屋）", True, True, ROOM),
    ("room", "文体活动室", True, True, ROOM),
    ("room", "老年活动室", True, True, ROOM),
    ("room", "儿童活动室", False, True, ROOM),
    ("room", "议事室", True, True, ROOM),
    ("station", "新时代文明实践站", True, True, STATION),
    ("station", "便民服务站", True, True, STATION),
    ("station", "居家养老服务站", True, True, STATION),
    ("station", "卫生服务站", True, True, STATION),
    ("station", "社会工作服务站", False, True, STATION),
    ("station", "志愿服务站", True, True, STATION),
    ("station", "退役军人服务站", True, True, STATION),
    ("board", "村(居)务公开栏", True, True, BOARD),
    ("board", "党务公开栏", True, True, BOARD),
    ("board", "财务公开栏", True, True, BOARD),
    ("board", "政策宣传栏", True, True, BOARD),
    ("board", "积德榜", True, False, BOARD),
    ("venue", "文体广场", True, True, VENUE),
    ("venue", "道德讲堂", True, False, VENUE),
    ("outlet", "电商快递服务网点", True, False, OUTLET),
    ("outlet", "便民金融服务网点", True, False, OUTLET),
]


def forwards(apps, schema_editor):
    FacilityType = apps.get_model("facilities", "FacilityType")
    for order, (kind, name, village, urban, signage) in enumerate(TYPES, start=1):
        FacilityType.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "required_village": village,
                "required_urban": urban,
                "signage": list(signage),
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
