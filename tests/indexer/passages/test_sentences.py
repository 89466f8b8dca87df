"""Answer sentences are whole sentences, also where a paper keeps its page's line breaks."""
from __future__ import annotations

from indexer.passages.sentences import sentences_of


def test_sentences_are_whole_where_the_text_keeps_the_page_s_line_breaks() -> None:
    text = ("“That, in accordance with the provisions of Section 183 of the Local Government Act,\n"
            "2001 (as amended), the approval of the Council be and is hereby given to the disposal of 10 St.\n"
            "Lawrence Park.”\nFinancial Implications\n"
            "Household spending, the largest\ncomponent of demand, is forecast to grow by 3.3 per cent this year.")
    assert sentences_of(text) == [
        "“That, in accordance with the provisions of Section 183 of the Local Government Act, 2001 (as amended), "
        "the approval of the Council be and is hereby given to the disposal of 10 St. Lawrence Park.”",
        "Household spending, the largest component of demand, is forecast to grow by 3.3 per cent this year."]


def test_a_title_s_full_stop_does_not_end_the_sentence_and_table_rows_are_left_out() -> None:
    assert sentences_of("Mr. Smith said the new library would open in the spring of next year.") == [
        "Mr. Smith said the new library would open in the spring of next year."]
    assert sentences_of("Roads\t12.5\t13.1\nThe council will resurface forty roads in the next financial year.") == [
        "The council will resurface forty roads in the next financial year."]


def test_a_table_read_as_one_line_is_not_a_sentence() -> None:
    row = ("Schools Modernisation Programme improving and upgrading school buildings including removal of "
           "temporary classrooms 2,000 2,000 2,000 2,000 2,000 2,000 5 Total Rolling Programmes 19,500 19,500 19,500.")
    assert sentences_of(row) == []
    assert sentences_of("The council will spend £2,000 on 14 new benches in 2025.") != []
