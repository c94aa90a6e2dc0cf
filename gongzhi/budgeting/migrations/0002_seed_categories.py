"""The catalogue the township starts with (data it edits, never code): the priority list (优先支持), what the fund
may also pay for (可以支持), and the never-pay list (负面清单) of the 村公资金 (成都 model)."""

from django.db import migrations

CATEGORIES = [
    ("lighting", "道路照明", "priority", "路灯、太阳能灯的安装和维修"),
    ("environment", "环境整治", "priority", "沟渠清淤、垃圾收集点、绿化"),
    ("recreation", "文体设施", "priority", "健身器材、文化活动室、球场"),
    ("convenience", "便民服务", "priority", "便民服务点、休息座椅、公示栏"),
    ("safety", "安全隐患整治", "priority", "危桥护栏、消防设施、防滑处理"),
    ("care", "养老托幼", "priority", "老年活动室、儿童游乐设施"),
    ("roads", "道路和小型水利", "allowed", "入户路、便道、小型水利设施的修补"),
    ("other", "其他公共服务", "allowed", "惠及全体居民的其他小型公共服务"),
    ("handouts", "发放福利或补贴", "excluded", "不得向个人发放现金、实物福利或补贴"),
    ("debts", "偿还债务", "excluded", "不得偿还村(社区)债务"),
    ("wages", "人员工资和误工补贴", "excluded", "不得发放干部和工作人员的工资、误工补贴"),
    ("hospitality", "招待费", "excluded", "不得用于接待、宴请"),
    ("profit", "营利性项目", "excluded", "不得投资经营性、营利性项目"),
    ("religion", "宗教活动", "excluded", "不得用于宗教活动"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("budgeting", "Category")
    for order, (code, name, listing, note) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "listing": listing, "note": note, "sort_order": order * 10}
        )


def unseed(apps, schema_editor):
    apps.get_model("budgeting", "Category").objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("budgeting", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
