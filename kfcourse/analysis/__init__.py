"""Summaries of journals with pandas: a learner's own, and an instructor's class report.

pandas and matplotlib are imported only when a summary or chart is made.
"""

from kfcourse.analysis.class_reading import class_report_from_files
from kfcourse.analysis.class_report import ClassReport, class_report
from kfcourse.analysis.summary import LearnerSummary, summarise

__all__ = ["ClassReport", "LearnerSummary", "class_report", "class_report_from_files", "summarise"]
