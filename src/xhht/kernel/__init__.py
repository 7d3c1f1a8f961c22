"""The bottom layer: the one clock, text, Vietnamese dates and numbers, settings readers, shared tags."""
