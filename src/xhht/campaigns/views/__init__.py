"""Pages of the campaigns app, one module per area (dashboards, feeds, work)."""
