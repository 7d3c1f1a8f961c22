"""What campaigns tell the layers above them, which they cannot import."""

from django.dispatch import Signal

# Sent once a campaign is published (campaign=), after its transaction: the reports app
# makes the member bodies' report template, whose sections are the directive's tasks.
campaign_published = Signal()
