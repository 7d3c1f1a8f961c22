"""National-size data for benchmarks and the demo's figures; no page uses it."""
