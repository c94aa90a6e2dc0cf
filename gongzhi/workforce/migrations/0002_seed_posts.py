"""The default post catalogue, as this township's guidance reads the seed: the community's full- and part-time
workers (配备社区专职干部 … 每个村(社区)专兼职工作者达xx人以上), the leaders of its places (选齐配强村(居)民小组长、
网格组长、楼院门栋长), the 法律明白人 (培养家庭法律明白人), and the "五员二队" self-governance team — the seed names
the team but not its members, so the five 员 and the two 队 here are the common reading (信息员、调解员、宣传员、
安全员、服务员; 志愿服务队、治安巡逻队), data the township office edits. The "五组八会" are bodies of the
self-governance module (gongzhi.bodies): their members are shown from there, never typed again as posts."""

from django.db import migrations

# (name, group, level, duty, counts toward 专兼职工作者)
POSTS = [
    ("专职社区工作者", "专兼职工作者", "community", "full_time", True),
    ("兼职社区工作者", "专兼职工作者", "community", "part_time", True),
    ("网格长", "网格", "community", "part_time", True),
    ("网格员", "网格", "grid", "part_time", True),
    ("村(居)民小组长", "小组", "resident_group", "part_time", True),
    ("楼院门栋长", "楼院", "building", "volunteer", False),
    ("法律明白人", "法治", "community", "volunteer", False),
    ("信息员", "五员", "community", "volunteer", False),
    ("调解员", "五员", "community", "volunteer", False),
    ("宣传员", "五员", "community", "volunteer", False),
    ("安全员", "五员", "community", "volunteer", False),
    ("服务员", "五员", "community", "volunteer", False),
    ("志愿服务队", "二队", "community", "volunteer", False),
    ("治安巡逻队", "二队", "community", "volunteer", False),
]


def forwards(apps, schema_editor):
    PostType = apps.get_model("workforce", "PostType")
    for order, (name, group, level, duty, counts) in enumerate(POSTS, start=1):
        PostType.objects.get_or_create(
            name=name,
            defaults={
                "group": group,
                "level": level,
                "duty": duty,
                "counts_as_worker": counts,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
