"""Locale formats the project sets itself (FORMAT_MODULE_PATH)."""
