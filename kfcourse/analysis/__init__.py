"""Summaries of journals with pandas: a learner's own, and an instructor's class report."""
