"""*My requests*, one module per panel: list, conversation, timeline, reply box, window."""
