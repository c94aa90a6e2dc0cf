"""The party members' pioneer posts 党员先锋岗 the seed's work names (政策宣传, 环境卫生, 矛盾调解, 平安巡逻 for the
平安法治家庭 pairing, 志愿服务), as data the township's office may add to or retire."""

from django.db import migrations

POSTS = [
    ("政策宣传岗", "宣传党的政策和村(社区)的决定，解答群众的疑问"),
    ("环境卫生岗", "带头搞好房前屋后和公共区域的环境卫生"),
    ("矛盾调解岗", "协助调委会化解邻里和家庭矛盾纠纷"),
    ("平安巡逻岗", "参加治安巡逻，守护平安法治家庭"),
    ("志愿服务岗", "认领微心愿，提供微服务，参加志愿服务活动"),
    ("扶贫帮困岗", "关心帮助困难群众和三留守人员"),
]


def forwards(apps, schema_editor):
    VanguardPost = apps.get_model("pledges", "VanguardPost")
    for order, (name, description) in enumerate(POSTS, start=1):
        VanguardPost.objects.get_or_create(name=name, defaults={"description": description, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
