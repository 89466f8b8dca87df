"""A decision is the whole resolution as the minutes record it."""
from __future__ import annotations

from datetime import date

from indexer.models import Line, Section
from indexer.records.decisions import resolutions


def test_a_resolution_keeps_its_limbs_across_sub_headings() -> None:
    texts = ["(27) RESOLVED that:", "County Council is asked to agree the following:", "2025-35 Capital Programme",
             "(a) The 10-year Capital programme of £1,419m.", "(b) The directorate capital programmes.",
             "2025-26 Revenue Budget and Medium Term Financial Plan", "(c) The net revenue budget requirement of £1,530.9m.",
             "2025-26 Council Tax", "(e) To increase Council Tax band rates.", "(f) The total Council Tax requirement of £994,287,655.",
             "The Chairman thanked the officers for their work on the budget this year."]
    section = Section(date(2025, 2, 13), 6, "Budget", "minutes", "Minutes", [Line(t, i + 1) for i, t in enumerate(texts)])
    [(text, first)] = resolutions(section)
    assert first.number == 1
    assert "(a)" in text and "£1,530.9m" in text and "£994,287,655" in text
    assert "thanked" not in text  # the debate after it is not part of the decision
