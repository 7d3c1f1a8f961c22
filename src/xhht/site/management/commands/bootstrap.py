"""`xhht bootstrap`: load the reference data and create the first administrator."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from xhht.site.services import ADMIN_USERNAME, installation_bootstrap


class Command(BaseCommand):
    help = "Load Quảng Ninh's trees and agencies (idempotent) and create the first administrator."

    def handle(self, *args: Any, **options: Any) -> None:
        result = installation_bootstrap()
        for filename, load in result.loads:
            self.stdout.write(load.describe(filename))
        if result.admin_password:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Administrator created. User name: %(user)s  password: %(password)s "
                        "(shown only this once)"
                    )
                    % {"user": ADMIN_USERNAME, "password": result.admin_password}
                )
            )
