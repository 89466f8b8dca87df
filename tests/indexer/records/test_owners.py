"""The owner a reader sees on a commitment: named doers kept, the council's short names written
out, and the body that bound itself where the record names no one."""
from __future__ import annotations

from indexer.records.owners import initials, owner

KENT = "Kent County Council"


def test_a_named_doer_is_kept() -> None:
    assert owner("Mrs Chandler", "Mrs Chandler offered to circulate links.", "minutes", "Corporate Parenting Panel", KENT) \
        == "Mrs Chandler"


def test_the_councils_initials_and_the_council_are_written_out() -> None:
    assert owner("KCC", "KCC will be submitting a response in due course.", "minutes", "Cabinet", KENT) == KENT
    assert owner("the Council", "the Council will respond.", "report", "Cabinet", KENT) == KENT
    assert owner("MCA", "the MCA will consult.", "report", "Cabinet", KENT) == "MCA"  # another body's initials stay


def test_a_motion_that_the_council_write_is_the_councils_not_the_ministers() -> None:
    sentence = "I will move at the next Meeting that the Council write to the Minister for Housing asking the Minister to act."
    assert owner("Minister", sentence, "agenda", "Full Council", "Limerick City and County Council") \
        == "Limerick City and County Council"


def test_an_authority_speaking_as_we_owns_what_it_promises() -> None:
    assert owner("", "Once the review is complete we will share the final costs.", "questions", "",
                 "West of England Combined Authority") == "West of England Combined Authority"


def test_a_resolution_binds_the_body_that_met() -> None:
    assert owner("", "RESOLVED that the item be deferred to the next meeting.", "minutes", "Cabinet", KENT) == "Cabinet"
    assert owner("", "This item was deferred to the next appropriate meeting of Full Council.", "minutes",
                 "County Council", KENT) == KENT  # a meeting of the whole council acts as the council


def test_nobody_is_invented_where_the_papers_leave_it_open() -> None:
    assert owner("", "A leaflet detailing housing options would be produced.", "minutes", "Cabinet", KENT) == ""
    assert owner("", "It was agreed that this would be brought back.", "report", "Cabinet", KENT) == ""  # a report proposes


def test_initials() -> None:
    assert initials(KENT) == "KCC"
    assert initials("Limerick City and County Council") == "LCCC"
