"""ServiceCredit now belongs to the kernel's hours app (hours 0001 adopted its table): drop it from this
app's state only; the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('wishes', '0002_wish_contact'),
        ('hours', '0001_servicecredit_from_wishes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ServiceCredit')],
            database_operations=[],
        ),
    ]
