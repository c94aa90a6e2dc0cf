"""The categories of good deeds the seed names (五心教育: 忠、孝、爱、诚、信; 新时代好家风), as data the township's
office may add to or retire."""

from django.db import migrations

CATEGORIES = [
    ("孝老爱亲", "孝敬老人、关爱家人、照顾病残亲属"),
    ("诚实守信", "诚信经营、拾金不昧、守约践诺"),
    ("助人为乐", "帮扶邻里、扶贫帮困、热心公益"),
    ("见义勇为", "危难时挺身而出、救人于危急"),
    ("敬业奉献", "爱岗敬业、志愿服务、为集体出力"),
    ("好家风", "家风良好、邻里和睦、教子有方的家庭"),
]


def forwards(apps, schema_editor):
    MeritCategory = apps.get_model("merit", "MeritCategory")
    for order, (name, description) in enumerate(CATEGORIES, start=1):
        MeritCategory.objects.get_or_create(name=name, defaults={"description": description, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("merit", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
