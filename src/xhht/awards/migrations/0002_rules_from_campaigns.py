"""Copy the districts' commendation rules from campaigns, where they were kept before the
awards app, so that nothing a district entered is lost."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def copy_rules(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    old = apps.get_model("campaigns", "CommendationRule")
    new = apps.get_model("awards", "CommendationRule")
    new.objects.bulk_create(
        new(
            campaign_id=rule.campaign_id,
            set_by_id=rule.set_by_id,
            conference_level=rule.conference_level,
            criteria=rule.criteria,
            individuals=rule.individuals,
            collectives=rule.collectives,
        )
        for rule in old.objects.all()
    )


def copy_back(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    old = apps.get_model("campaigns", "CommendationRule")
    new = apps.get_model("awards", "CommendationRule")
    old.objects.bulk_create(
        old(
            campaign_id=rule.campaign_id,
            set_by_id=rule.set_by_id,
            conference_level=rule.conference_level,
            criteria=rule.criteria,
            individuals=rule.individuals,
            collectives=rule.collectives,
        )
        for rule in new.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("campaigns", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_rules, copy_back)]
