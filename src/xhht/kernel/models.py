"""A generation per kind of rarely changed data: a number raised in the transaction of each
change, so that what is drawn from that data and kept between requests (kernel.kept) is
keyed by it without reading the data again."""

from __future__ import annotations

from django.db import models


class Generation(models.Model):
    name = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
