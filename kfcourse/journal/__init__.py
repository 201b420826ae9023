"""The learner's journal: entries, a versioned store, import and export. Pure Python."""
