"""What reports tell the layers above them, which they cannot import."""

from django.dispatch import Signal

# Sent once, when a unit's report is created as a draft (report=, user=), inside no
# transaction: a receiver may write to it through report_save, and returns how many rows it
# wrote (the report is read again when any did).
report_opened = Signal()
