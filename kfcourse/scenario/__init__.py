"""Scenarios: the role-play domain (model, loading, lint, engine). Pure Python, no widgets."""
