"""ServiceCredit moves from the wishes app to the kernel's hours app, rows and all.

Only Django's model state moves here: the table `wishes_servicecredit`
stays where it is (created by wishes 0001 on a new database). wishes 0003
then drops the model from the wishes state, and hours 0002 renames the
table to `hours_servicecredit`.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('areas', '0001_initial'),
        ('wishes', '0002_wish_contact'),  # the table it adopts
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ServiceCredit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('hours', models.DecimalField(decimal_places=1, max_digits=5)),
                        ('source', models.CharField(max_length=20)),
                        ('source_id', models.PositiveBigIntegerField()),
                        ('credited_at', models.DateTimeField(auto_now_add=True)),
                        ('community', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.area')),
                        ('helper', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='service_credits', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'wishes_servicecredit',
                        'constraints': [models.UniqueConstraint(fields=('source', 'source_id', 'helper'), name='service_credit_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
