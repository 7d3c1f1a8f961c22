"""XHHT: review campaigns of a province's learning-society programme."""
