"""The rest of a walked campaign, done by the units the browser walk does not play.

`python -m tests.e2e.others_act TITLE`, run beside a `make run` site with its environment
(XHHT_VAR_DIR, XHHT_SECRET_KEY, the clock), works on that site's database: every commune,
district and agency of the campaign titled TITLE that still owes something does it today,
through the services the pages call. Conferences are recorded; reports arrive on paper and
the unit above registers them with a signed scan; a district with nobody to put forward
sends its nominations empty, with the note that says so. Prints how many of each it did.
"""

from __future__ import annotations

import io
import os
import sys
from collections import Counter


def others_act(title: str) -> Counter[str]:
    from tests.directives.pdfmaker import pdf_with_text
    from xhht.awards.services import nominations_send
    from xhht.campaigns.models import Campaign, Deliverable
    from xhht.campaigns.services import conference_record
    from xhht.kernel.clock import today
    from xhht.orgunits.models import Level
    from xhht.reports.models import Channel
    from xhht.reports.services import Signature, SignedFile, report_register

    campaign = Campaign.objects.get(title=title)
    on = today()
    scan = pdf_with_text(["Bao cao (ban giay, da ky)"])
    done: Counter[str] = Counter()
    owed = (
        campaign.obligations.filter(fulfilled_on__isnull=True)
        .exclude(unit__level=Level.PROVINCE)
        .select_related("unit", "campaign")
        .order_by("unit__path", "deliverable")  # a unit's conference before its report
    )
    for number, obligation in enumerate(owed, start=1):
        unit = obligation.unit
        if obligation.deliverable == Deliverable.CONFERENCE:
            conference_record(
                obligation=obligation,
                user=None,
                held_on=on,
                venue=f"Hội trường {unit.display_name}",
                chair=f"Chủ tịch UBND {unit.display_name}",
                participants=60,
            )
        elif obligation.deliverable == Deliverable.REPORT:
            report_register(
                obligation=obligation,
                user=None,
                channel=Channel.PAPER,
                received_number=f"{number}/VT",
                received_on=on,
                signature=Signature(
                    number=f"{number}/BC",
                    signed_on=on,
                    signer_name="Trần Văn An",
                    signer_capacity="CHỦ TỊCH",
                ),
                scan=SignedFile(name="bao-cao.pdf", stream=io.BytesIO(scan), size=len(scan)),
            )
        elif obligation.deliverable == Deliverable.NOMINATION:
            nominations_send(
                campaign=campaign, unit=unit, note="Đơn vị không có đề nghị khen thưởng.", user=None
            )
        else:
            raise AssertionError(f"{obligation.deliverable} of {unit} is not walked")
        done[str(obligation.deliverable)] += 1
    return done


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
    import django

    django.setup()
    print(dict(others_act(sys.argv[1])))
