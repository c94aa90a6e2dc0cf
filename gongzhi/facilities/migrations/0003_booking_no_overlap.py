"""On PostgreSQL, the database itself refuses two bookings of one facility that hold overlapping slots (pending or
approved): an exclusion constraint over the facility and the time range (btree_gist, a trusted extension a
database owner may create). SQLite has no such constraint; there the facility's row lock — every SQLite write
transaction is IMMEDIATE — serializes the bookings, as it does on PostgreSQL before the constraint is reached."""

from django.db import migrations

CONSTRAINT = "facilities_booking_no_overlap"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE facilities_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(facility_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (state IN ('pending', 'approved'))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE facilities_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("facilities", "0002_seed_types")]

    operations = [migrations.RunPython(forwards, backwards)]
