"""A promise sent to another body is owed there: fulfilled by that body's item, overdue only
against that body's latest meeting; a date without a year is the next such date."""
from __future__ import annotations

from datetime import date

import pytest

from indexer.records.due import normalise_due
from indexer.records.followthrough import Item, fulfilment, promised_to, status

BODIES = ["Cabinet", "County Council", "Corporate Parenting Panel"]


@pytest.mark.parametrize("sentence,body", [
    ("The final figures will be reported to Cabinet in March.", "Cabinet"),
    ("This item was deferred to the next appropriate meeting of Full Council.", "County Council"),
    ("It would first be reconsidered by the next meeting of the Cabinet.", "Cabinet"),
    ("An update on these queries will be provided to the next CYPE Cabinet Committee meeting.", "Corporate Parenting Panel"),
])
def test_the_body_a_promise_is_owed_to(sentence: str, body: str) -> None:
    assert promised_to(sentence, "Corporate Parenting Panel", BODIES) == body


def test_a_referral_to_a_named_meeting_is_fulfilled_there_not_at_home() -> None:
    origin = Item("cab-6", "Cabinet", date(2025, 1, 30),
                  "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy")
    council = Item("cc-6", "County Council", date(2025, 2, 13),
                   "Capital Programme 2025-35 and Revenue Budget 2025-26 (including Council Tax Setting 2025/26)")
    cabinet = Item("cab2-5", "Cabinet", date(2025, 3, 4), "Draft Revenue Budget 2025-26 update")
    sentence = "Cabinet endorsed the draft budget to be presented to County Council on 13th February for final decisions."
    due = normalise_due(sentence, origin.meeting_date, None)
    assert due.end == date(2025, 2, 13)
    done = fulfilment(sentence, "referral", origin, due.end, [council, cabinet], promised_to(sentence, "Cabinet", BODIES))
    assert done is council and status(done, due.end, date(2025, 3, 13)) == "fulfilled"


def test_overdue_is_judged_by_the_body_promised_to() -> None:
    assert status(None, date(2025, 3, 1), date(2025, 2, 13)) == "open"  # that body has not met since
    assert status(None, date(2025, 3, 1), date(2025, 3, 13)) == "overdue"


def test_a_day_without_a_year_is_the_next_such_day_after_the_meeting() -> None:
    due = normalise_due("A report will come back on 15th January.", date(2024, 11, 27), None)
    assert (due.start, due.end) == (date(2025, 1, 15), date(2025, 1, 15))
