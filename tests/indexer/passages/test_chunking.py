"""Passages fit the model, keep table headers with their rows, and never cross items."""
from __future__ import annotations

from pathlib import Path

from indexer.passages.chunking import Chunker
from indexer.store.embedder import HashingEmbedder
from indexer.models import Line, Section, SourceDocument
from indexer.passages.citations import make_passages

from tests.conftest import export_rows


def _section(lines: list[str]) -> Section:
    return Section(None, 4, "Customer Access", "report", "Customer Access",
                   [Line(t, i + 1) for i, t in enumerate(lines)])


def test_table_split_across_passages_repeats_its_header_row() -> None:
    header = "Area\t2015 - 2016\t2016 - 2017\tIncrease"
    rows = [f"Service number {i} with a long descriptive name\t{i}.1%\t{i}.2%\t+0.{i}%" for i in range(60)]
    chunks = Chunker(HashingEmbedder().count_tokens, max_tokens=80).chunk(_section(["Intro paragraph.", header, *rows]))
    table_chunks = [c for c in chunks if "Service number" in c.text]
    assert len(table_chunks) > 2
    for c in table_chunks:
        lines = c.text.splitlines()
        first_row = next(i for i, t in enumerate(lines) if t.startswith("Service number"))
        assert header in lines[:first_row], "each piece of the table starts with its header row"
    assert sum(c.text.count("Service number") for c in table_chunks) == 60, "every row exactly once"


def test_long_paragraph_is_cut_to_fit() -> None:
    para = " ".join(f"Sentence {i} says something about delayed transfers of care." for i in range(200))
    counter = HashingEmbedder().count_tokens
    chunks = Chunker(counter, max_tokens=120).chunk(_section([para]))
    assert len(chunks) > 5
    assert all(counter(c.text) <= 120 for c in chunks)
    assert all(c.lines[0].number == 1 for c in chunks)


def test_no_passage_crosses_an_item(seed_index_fake: Path) -> None:
    by_section: dict[int, set] = {}
    for row in export_rows(seed_index_fake):
        by_section.setdefault(row["section_id"], set()).add(row["item_id"])
    assert all(len(items) == 1 for items in by_section.values())


def test_markup_tags_are_not_passage_text(seed_index_fake: Path) -> None:
    assert not any("<AI" in r["text"] for r in export_rows(seed_index_fake))


def test_a_heading_goes_with_the_table_it_heads() -> None:
    counter = HashingEmbedder().count_tokens
    header = "Project\tTotal cost\t2025-26\t2026-27"
    rows = [f"Scheme {i} improving village halls\t{i},000\t{i}00\t{i}0" for i in range(40)]
    chunks = Chunker(counter, max_tokens=80).chunk(
        _section(["Some opening words about the capital programme.", "Growth, Environment & Transport (GET)", header, *rows]))
    assert not any(c.text == "Growth, Environment & Transport (GET)" for c in chunks)
    heading_chunk = next(c for c in chunks if "Growth, Environment & Transport (GET)" in c.text)
    assert "Scheme 0 improving village halls" in heading_chunk.text
    assert all(counter(c.text) <= 80 + 80 // 9 for c in chunks)


def test_rows_of_figures_are_not_headings() -> None:
    # One district a line, no tabs: each line is short and capitalised, but a row of figures
    # never opens a passage, so the total is not left alone in a passage of its own.
    rows = [f"District {n} {n}0,874.50 {n}2,119.72 {n}1,232.4 +3.0{n}%" for n in range(1, 7)]
    counter = HashingEmbedder().count_tokens
    chunks = Chunker(counter, max_tokens=180).chunk(
        _section(["Council tax base by district, in band D equivalents.", *rows, "Total 580,864.03 587,921.91 +1.22%"]))
    assert len(chunks) == 1 and chunks[0].text.endswith("+1.22%")


QUESTIONS = [
    "Questions put and answers given",
    "Question by Paul Stepto to Rory Love,",
    "Cabinet Member for Education and Skills",
    "Would the Cabinet Member set out what the council does to keep home educated children safe?",
    "Answer",
    "Under current legislation, nearly all families are free to decide to educate their child at home.",
    *[f"Elective home education officers visit family number {i} and review the education received." for i in range(12)],
    "Question by Susan Carey to Neil Baker,",
    "Cabinet Member for Highways and Transport",
    "Will the council ask satnav providers to warn drivers about the weak bridge at Hythe?",
    "Answer",
    "Thank you for requesting an update. I can confirm that this remains work in progress.",
]


def test_each_question_and_its_answer_are_passages_of_their_own_that_know_the_question() -> None:
    section = Section(None, 6, "Questions", "report", "Questions put and answers given - March 2025",
                      [Line(t, i + 1) for i, t in enumerate(QUESTIONS)])
    doc = SourceDocument("questions.pdf", "0" * 64, section.lines, council="Kent", committee="County Council")
    passages = make_passages(doc, section, Chunker(HashingEmbedder().count_tokens, max_tokens=120), "Questions")
    # the second question opens a passage: it never ends the first answer's last passage
    starts = [p for p in passages if "Question by Susan Carey" in p.text]
    assert len(starts) == 1 and starts[0].text.startswith("Question by Susan Carey")
    first_answer = [p for p in passages if "home education officers" in p.text and "Would the" not in p.text]
    assert first_answer, "a long answer runs on past its question's passage"
    # every later passage of an answer carries its question (for the embedding and the keyword
    # index), without who asked whom
    for p in first_answer:
        assert "Answering: Would the Cabinet Member set out what the council does" in p.about
        assert "keep home educated children safe" in p.context and "Paul Stepto" not in p.about
    bridge = next(p for p in passages if "work in progress" in p.text)
    # a short question and its answer are one passage, and nothing of the first question's
    assert "weak bridge at Hythe" in bridge.text and "home educated" not in bridge.about + bridge.text


def test_a_report_without_questions_and_answers_is_chunked_as_before() -> None:
    lines = ["Question 4 of the consultation asked about bus fares.", "Officers propose no change."]
    section = _section(lines)
    doc = SourceDocument("r.pdf", "0" * 64, section.lines)
    passages = make_passages(doc, section, Chunker(HashingEmbedder().count_tokens), "Customer Access")
    assert len(passages) == 1 and "Answering" not in passages[0].about
