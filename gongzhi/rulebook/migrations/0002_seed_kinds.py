"""The catalogue of governing documents (一章二约十制度六职责, the 二约 being the conventions app's) and a model
text for each, which a community adopts and adapts. Data the township edits, never code."""

from django.db import migrations

CHARTER = [("自治章程", "村(居)民自治章程")]
RULES = [
    "村(居)务公开制度",
    "民主理财制度",
    "财务管理制度",
    "村(居)民会议议事规则",
    "民主决策制度",
    "民主评议制度",
    "档案管理制度",
    "重大事项报告制度",
    "矛盾纠纷调解制度",
    "值班坐班制度",
]
DUTIES = [
    "村(社区)党组织职责",
    "村(居)民委员会职责",
    "村(居)务监督委员会职责",
    "村(居)民小组长职责",
    "网格员职责",
    "集体经济组织职责",
]

CHARTER_BODY = """第一章 总则
第一条 为保障村(居)民依法实行自治，根据《中华人民共和国村民委员会组织法》《中华人民共和国城市居民委员会组织法》等法律法规，结合本村(社区)实际，制定本章程。
第二条 本村(社区)在党组织领导下，实行民主选举、民主协商、民主决策、民主管理、民主监督。
第二章 村(居)民会议和村(居)民代表会议
第三条 村(居)民会议是本村(社区)的最高议事决策机构。
第四条 村(居)民代表会议在村(居)民会议授权范围内讨论决定本村(社区)事项。
第三章 附则
第五条 本章程经村(居)民会议讨论通过后施行。"""

RULE_BODY = """第一条 为规范本村(社区){name}，根据有关法律法规和本村(社区)自治章程，制定本制度。
第二条 本制度适用于本村(社区)。
第三条 （具体内容由本村(社区)根据实际补充。）
第四条 本制度经村(居)民代表会议讨论通过后施行。"""

DUTY_BODY = """一、在村(社区)党组织领导下开展工作，执行{name}。
二、（具体职责由本村(社区)根据实际补充。）
三、接受村(居)民监督，定期报告履职情况。"""


def seed(apps, schema_editor):
    Kind = apps.get_model("rulebook", "DocumentKind")
    Template = apps.get_model("rulebook", "Template")
    order = 0
    for group, names in (("charter", [c[0] for c in CHARTER]), ("rules", RULES), ("duties", DUTIES)):
        for name in names:
            order += 1
            kind, made = Kind.objects.get_or_create(name=name, defaults={"group": group, "sort_order": order})
            if not made:
                continue
            if group == "charter":
                Template.objects.create(kind=kind, title=CHARTER[0][1], body=CHARTER_BODY)
            elif group == "rules":
                Template.objects.create(kind=kind, title=name, body=RULE_BODY.format(name=name))
            else:
                Template.objects.create(kind=kind, title=name, body=DUTY_BODY.format(name=name))


def unseed(apps, schema_editor):
    apps.get_model("rulebook", "Template").objects.filter(township__isnull=True).delete()
    apps.get_model("rulebook", "DocumentKind").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("rulebook", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
