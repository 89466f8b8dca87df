"""Which agenda item each separately published paper of a meeting belongs to."""
from __future__ import annotations

from datetime import date

from indexer.models import Line, SourceDocument
from indexer.structure.appendices import _appendix_letter, _cited_letters
from indexer.structure.papers import UNPLACED, MeetingPapers

MEETING = date(2025, 2, 13)


def _doc(name: str, *lines: str, category: str = "") -> SourceDocument:
    return SourceDocument(source=f"council/2025-02-13/originals/{name}.pdf", sha256=name, category=category,
                          lines=[Line(t, i + 1) for i, t in enumerate(lines)], meeting_date=MEETING)


FRONT = _doc("Agenda frontsheet 13th-Feb-2025", "AGENDA", "1. Apologies for Absence", "2. Questions (Pages 1 - 4)",
             "3. Section 25 Report (Pages 5 - 20)",
             "4. Capital Programme 2025-35 and Revenue Budget 2025-26 (including Council Tax Setting 2025/26) (Pages 21 - 90)",
             category="agenda_frontsheet")
BUDGET = _doc("February 2025 Kent County Council Budget Report",
              "Draft Revenue Budget 2025-26 and 2025-28 MTFP, and Draft Capital Programme 2025-35 Section Page Executive Summary 1",
              "The detail is in appendices D to F; the reserves policy is Appendix G.",
              "List of Appendices Capital Investment Summary – A Reserves Policy – G Treasury Management Strategy – L "
              "Background documents")
SECTION_25 = _doc("Section 25 Report", "Section 25 Report", "The robustness of the estimates, see Appendix B.")


def _placed(*docs: SourceDocument) -> dict[str, tuple[int, str]]:
    sections = MeetingPapers([FRONT, *docs], MEETING).sections()
    return {src.split("/")[-1]: (s[0].item_number, s[0].item_title) for src, s in sections.items() if src != FRONT.source}


def test_a_report_named_for_readers_is_placed_by_its_opening_title_and_brings_its_appendices() -> None:
    placed = _placed(BUDGET, SECTION_25,
                     _doc("Appendix E - 2025-26 Budget by Directorate", "Directorate budgets"),
                     _doc("Appendix L - Treasury Management Strategy 2025-26", "Borrowing and investment"),
                     _doc("Appendix Q - Something nobody cites", "Unrelated tables"))
    assert placed["February 2025 Kent County Council Budget Report.pdf"][0] == 4
    assert placed["Appendix E - 2025-26 Budget by Directorate.pdf"][0] == 4  # "appendices D to F"
    assert placed["Appendix L - Treasury Management Strategy 2025-26.pdf"][0] == 4  # "… Strategy – L"
    assert placed["Appendix Q - Something nobody cites.pdf"] == (0, UNPLACED)


def test_an_opening_line_sharing_only_the_councils_name_places_nothing() -> None:
    placed = _placed(_doc("Annual letter", "Kent County Council budget report", "Some words."))
    assert placed["Annual letter.pdf"] == (0, UNPLACED)


def test_a_paper_named_after_a_procedural_item_goes_under_it() -> None:
    placed = _placed(_doc("Questions put and answers given - March 2025", "Question 1 from Mr Hood"))
    assert placed["Questions put and answers given - March 2025.pdf"] == (2, "Questions")


def test_with_one_report_at_the_meeting_its_appendices_are_its_own() -> None:
    placed = _placed(SECTION_25, _doc("Appendix A - 16.12.24 Ministerial Letter", "Dear Leader"))
    assert placed["Appendix A - 16.12.24 Ministerial Letter.pdf"][0] == 3


def test_appendix_1_goes_to_the_report_that_describes_it_not_the_first_that_cites_it() -> None:
    # Every report at a full Council meeting has an "Appendix 1"; the words decide.
    front = _doc("Agenda frontsheet 13th-Mar-2025", "AGENDA", "1. Armed Forces Covenant - Annual Report (Pages 1 - 30)",
                 "2. Treasury Management - Mid-Year Update 2024-25 (Pages 31 - 60)",
                 "3. Governance Updates (Pages 61 - 90)", category="agenda_frontsheet")
    armed = _doc("Item 1 Armed Forces Covenant report", "Armed Forces Covenant",
                 "The Kent Civil Military Partnership Board (CMPB) annual report is at Appendix 1.")
    treasury = _doc("Item 2 Treasury Management report", "Treasury Management Mid-Year Update",
                    "Investments are listed in Appendix 1, the glossary in Appendix 2.")
    governance = _doc("Item 3 Governance report", "Governance Updates",
                      "Appendix 1 is the minutes excerpt from the Selection and Member Services Committee.")
    cmpb = _doc("Appendix 1 - Kent CMPB 2024 Annual Report", "Kent Civil Military Partnership Board")
    selection = _doc("Appendix 1 - Selection and Member Services recommendations", "Minutes excerpt")
    bare = _doc("Appendix 1", "A table of figures")
    sections = MeetingPapers([front, armed, treasury, governance, cmpb, selection, bare], MEETING).sections()
    placed = {src.split("/")[-1]: s[0].item_number for src, s in sections.items()}
    assert placed["Appendix 1 - Kent CMPB 2024 Annual Report.pdf"] == 1
    assert placed["Appendix 1 - Selection and Member Services recommendations.pdf"] == 3
    assert placed["Appendix 1.pdf"] == 0  # nothing says whose it is: cited honestly as unplaced


def test_an_appendix_named_after_its_report_is_placed_by_its_letter() -> None:
    # "QPR Q3 Cabinet appendix 1": the letter is at the end of the name, not the start.
    front = _doc("Agenda frontsheet 04th-Mar-2025", "AGENDA", "1. Apologies", "2. Quarterly Performance Report, Q3 2024-2025",
                 "3. Budget Update", category="agenda_frontsheet")
    qpr = _doc("Cabinet QPR Q3 Cover", "Quarterly Performance Report, Q3 2024-2025", "The QPR is at Appendix 1.")
    budget = _doc("Item 3 - Cabinet Report 4 March 2025", "Budget Update", "Changes are listed in Appendix 1.")
    appendix = _doc("QPR Q3 Cabinet appendix 1", "Key performance indicators, third quarter", "QPR dashboard")
    sections = MeetingPapers([front, qpr, budget, appendix], MEETING).sections()
    assert sections[appendix.source][0].item_number == 2


def test_cited_appendix_letters() -> None:
    assert _cited_letters("appendices D to G and appendices A and B, Appendix H, at Appendix I") == set("ABDEFGHI")
    assert _cited_letters("appendices D and E) and Appendices J-L, appendices M, N & P") == set("DEJKLMNP")
    assert _cited_letters("appendices 2 to 4 and appendix 1") == {"1", "2", "3", "4"}
    assert _cited_letters("the appendices to this report") == set()


def test_an_appendix_files_own_letter() -> None:
    assert _appendix_letter("Appendix J - Government Grants in LGFS") == "J"
    assert _appendix_letter("QPR Q3 Cabinet appendix 1") == "1"
    # An amendment's annex that mirrors the budget's Appendix D is not the budget's Appendix D.
    assert _appendix_letter("1 - Annex 2 - Labour Group Alternative Budget 2025-28 - Appendix D") == ""
