import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hall", "0002_open311"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReceiptCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("last", models.PositiveIntegerField(default=0)),
                (
                    "township",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="areas.area"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("township", "day"), name="receipt_counter_once")
                ],
            },
        ),
    ]
