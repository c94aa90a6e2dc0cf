"""The adopted table takes the hours app's name (the rows stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('hours', '0001_servicecredit_from_wishes'),
        ('wishes', '0003_servicecredit_to_hours'),  # the wishes state no longer holds the model
    ]

    operations = [
        migrations.AlterModelTable(name='servicecredit', table=None),
    ]
