"""`xhht load_demo`: the seed campaign, published, with a labelled demo mix and demo users."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from xhht.kernel.clock import today
from xhht.site.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo campaign (the seed directive, published) on the date XHHT_TODAY pins."

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load()
        if result.created:
            self.stdout.write(
                _("Demo campaign #%(id)d published, standing on %(date)s.")
                % {"id": result.campaign.pk, "date": f"{today():%d/%m/%Y}"}
            )
        for username, password in result.passwords.items():
            self.stdout.write(
                self.style.WARNING(
                    _("Demo user %(user)s  password: %(password)s (shown only this once)")
                    % {"user": username, "password": password}
                )
            )
