"""Which resolution a question about a decision leads with."""
from __future__ import annotations

from api.search.decision_lead import Recorded, leading_decision, matter

COMMITTEES = ["Cabinet", "County Council", "Corporate Parenting Panel"]
BUDGET = Recorded("d1", "cc-2025-02-13-6", "County Council", "Capital Programme 2025-35 and Revenue Budget 2025-26",
                  "RESOLVED that: County Council … (c) The net revenue budget requirement of £1,530.9m", "2025-02-13")
GOVERNANCE = Recorded("d2", "cc-2025-03-13-15", "County Council", "Governance Updates",
                      "RESOLVED that Council: 1. Notes with thanks … an Annual State of the County item", "2025-03-13")
CABINET_DEVOLUTION = Recorded("d3", "cab-2025-01-09-8", "Cabinet", "English Devolution White Paper",
                              "RESOLVED that Cabinet: 1. Agree to submit a request to Government", "2025-01-09")
COUNCIL_DEVOLUTION = Recorded("d4", "cc-2025-01-09-3", "County Council", "English Devolution White Paper",
                              "RESOLVED that the County Council: (1) Endorses the joint work to respond to the "
                              "English Devolution White Paper", "2025-01-09")
MARCH_DEVOLUTION = Recorded("d5", "cc-2025-03-13-11", "County Council", "Devolution Update",
                            "RESOLVED that Council notes the update on devolution", "2025-03-13")


def test_the_matter_is_what_is_asked_about_not_the_body_the_verb_or_the_date() -> None:
    assert matter("what did County Council decide about the budget in February", COMMITTEES) == {"budget"}
    assert matter("what was agreed on the Hicks Gate masterplan", COMMITTEES) == {"hick", "gate", "masterplan"}


def test_the_resolution_on_the_matter_leads_though_another_item_ranked_first() -> None:
    # the governance item was the search's first hit; the budget is what was asked about
    lead = leading_decision("what did County Council decide about the budget",
                            [GOVERNANCE.item_id, BUDGET.item_id], [GOVERNANCE, BUDGET], COMMITTEES)
    assert lead == BUDGET


def test_the_body_named_comes_first() -> None:
    items = [COUNCIL_DEVOLUTION.item_id, CABINET_DEVOLUTION.item_id]
    both = [COUNCIL_DEVOLUTION, CABINET_DEVOLUTION]
    assert leading_decision("what did Cabinet resolve about the devolution white paper", items, both,
                            COMMITTEES) == CABINET_DEVOLUTION
    assert leading_decision("what did County Council resolve about the devolution white paper", items, both,
                            COMMITTEES) == COUNCIL_DEVOLUTION


def test_the_month_named_comes_first_but_may_the_verb_is_not_a_month() -> None:
    items = [MARCH_DEVOLUTION.item_id, COUNCIL_DEVOLUTION.item_id]
    both = [MARCH_DEVOLUTION, COUNCIL_DEVOLUTION]
    assert leading_decision("what did full council decide about devolution in January", items, both,
                            COMMITTEES) == COUNCIL_DEVOLUTION
    assert leading_decision("what did full council decide about devolution in March", items, both,
                            COMMITTEES) == MARCH_DEVOLUTION
    may = Recorded("d6", "cc-2025-05-01-1", "County Council", "Devolution", "RESOLVED devolution", "2025-05-01")
    order = [MARCH_DEVOLUTION.item_id, may.item_id]
    assert leading_decision("what may the council decide about devolution", order, [may, MARCH_DEVOLUTION],
                            COMMITTEES) == MARCH_DEVOLUTION  # the search's order: no month was named
    assert leading_decision("what did the council decide about devolution in May", order, [may, MARCH_DEVOLUTION],
                            COMMITTEES) == may


def test_no_lead_when_no_resolution_is_on_the_matter_or_the_question_is_not_about_a_decision() -> None:
    assert leading_decision("what did County Council decide about potholes", [BUDGET.item_id], [BUDGET],
                            COMMITTEES) is None
    assert leading_decision("how big is the budget", [BUDGET.item_id], [BUDGET], COMMITTEES) is None
    assert leading_decision("what did Cabinet decide", [BUDGET.item_id], [BUDGET], COMMITTEES) is None
