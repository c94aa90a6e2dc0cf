"""The roles that work in self-governance, by half (decisions, proposals): data that rules and selectors read."""
