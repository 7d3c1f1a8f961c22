"""Copy the districts' commendation rules from campaigns, where they were kept before the
awards app, so that nothing a district entered is lost."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# Named through a variable: the old model exists only in the migrations' history.
RULE = "CommendationRule"
COLUMNS = (
    "campaign_id",
    "set_by_id",
    "conference_level",
    "criteria",
    "individuals",
    "collectives",
)


def _copy(apps: Apps, source: str, target: str) -> None:
    old = apps.get_model(source, RULE)._default_manager
    new = apps.get_model(target, RULE)
    new._default_manager.bulk_create(new(**row) for row in old.values(*COLUMNS))


def copy_rules(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _copy(apps, "campaigns", "awards")


def copy_back(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _copy(apps, "awards", "campaigns")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("campaigns", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_rules, copy_back)]
