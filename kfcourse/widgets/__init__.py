"""Jupyter faces of the exercises. They call the core and hold no rules of their own."""
