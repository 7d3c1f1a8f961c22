"""API routes: reports."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reports"])
