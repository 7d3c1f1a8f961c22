"""The content pack's NQ 01-NQ/TV targets are Quảng Ninh's own, not national ones.

NQ 01-NQ/TV (12/11/2010) is a resolution of Quảng Ninh's provincial Party committee's
standing board; packs loaded before its `target_of` column stored its targets as
national. They become the targets of province 22, the record in force on or after the
resolution's date (as the loader now does).
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Q

PROVINCIAL = {"NQ 01-NQ/TV": "22"}  # the act → the GSO code of the province it binds


def to_the_province(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Target = apps.get_model("indicators", "Target")
    OrgUnit = apps.get_model("orgunits", "OrgUnit")
    for act, code in PROVINCIAL.items():
        for target in Target.objects.filter(source=act, province__isnull=True):
            province = (
                OrgUnit.objects.filter(level="province", code=code)
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=target.in_force_from))
                .order_by("valid_from")
                .first()
            )
            if province is not None:
                Target.objects.filter(pk=target.pk).update(province=province)


def to_national(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Target = apps.get_model("indicators", "Target")
    Target.objects.filter(source__in=list(PROVINCIAL)).update(province=None)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_indicator_owner"),
        ("orgunits", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_the_province, to_national)]
