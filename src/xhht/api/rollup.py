"""API routes: rollup."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["rollup"])
