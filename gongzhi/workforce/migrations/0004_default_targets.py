import django.db.models.deletion
"""The default staffing target per kind of community, as the township's guidance reads the seed (每个村(社区)专兼职
工作者达xx人以上; 选齐配强村(居)民小组长、网格组长、楼院门栋长): a village at least 8 full- and part-time workers, a
网格员 on every grid and a 组长 in every resident group; an urban community at least 10, a 网格员 on every grid and
a 楼院门栋长 for every building. Data the township office edits (workforce.set_defaults); idempotent."""

from django.conf import settings
from django.db import migrations, models

# (community type, at least N workers, the posts every area of their level must have)
DEFAULTS = [
    ("village", 8, ["网格员", "村(居)民小组长"]),
    ("urban", 10, ["网格员", "楼院门栋长"]),
]


def forwards(apps, schema_editor):
    DefaultTarget = apps.get_model("workforce", "DefaultTarget")
    PostType = apps.get_model("workforce", "PostType")
    for community_type, minimum, posts in DEFAULTS:
        default, made = DefaultTarget.objects.get_or_create(
            community_type=community_type, defaults={"min_workers": minimum}
        )
        if made:
            default.covered.set(PostType.objects.filter(name__in=posts))


class Migration(migrations.Migration):

    dependencies = [
        ('workforce', '0003_post_kept_in'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DefaultTarget',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('community_type', models.CharField(choices=[('village', '行政村'), ('urban', '城市社区')], max_length=10, unique=True, verbose_name='村/社区类别')),
                ('min_workers', models.PositiveIntegerField(default=0, verbose_name='专兼职工作者至少（人）')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('covered', models.ManyToManyField(blank=True, related_name='+', to='workforce.posttype', verbose_name='每个区域都要有人担任的岗位')),
                ('set_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['community_type'],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
