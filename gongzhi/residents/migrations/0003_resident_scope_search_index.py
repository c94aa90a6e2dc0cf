"""A covering index for the scoped, searched resident lists (page and API).

It extends resident_scope_initials (area_path, name_initials) with status and
name_pinyin, so the list's COUNT and its filter run on the index alone; the
old index is a prefix of the new one and goes.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0002_default_tags"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(
                fields=["area_path", "name_initials", "status", "name_pinyin"], name="resident_scope_search"
            ),
        ),
        migrations.RemoveIndex(
            model_name="resident",
            name="resident_scope_initials",
        ),
    ]
