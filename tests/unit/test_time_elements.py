"""<time> elements: a block keeps every one's text, and its text keeps them apart."""

from __future__ import annotations

from datetime import date

from pipeline.nlp.blocks import html_blocks
from pipeline.nlp.metadata import extract_metadata
from pipeline.nlp.split import split_page

STORY = "<p>" + "The council said the new bus lines would open in the spring, officials added. " * 4
STORY += "</p>"


def _blocks(body: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    page = html_blocks(f"<html><body>{body}</body></html>")
    return [(block.text, block.time_texts, block.time_datetimes) for block in page.blocks]


def test_a_block_keeps_every_time_in_page_order() -> None:
    body = '<p>Posted <time datetime="2022-05-03">May 3</time> · <time>10:15</time></p>'
    assert _blocks(body) == [("Posted May 3 · 10:15", ("May 3", "10:15"), ())]


def test_a_time_showing_no_text_keeps_its_datetime() -> None:
    body = '<p><time datetime=" 2022-05-03T10:15 "></time>By Jane Doe <time>May 3</time></p>'
    assert _blocks(body) == [("By Jane Doe May 3", ("May 3",), ("2022-05-03T10:15",))]


def test_adjacent_times_do_not_glue_their_digits() -> None:
    assert _blocks("<div><time>2022</time><time>21:25</time></div>") == [
        ("2022 21:25", ("2022", "21:25"), ())
    ]
    # nor a word beside one; punctuation and spaces the markup has are kept as they are
    assert _blocks("<p>Updated<time>May 3</time>, 2022</p>")[0][0] == "Updated May 3, 2022"
    assert _blocks("<p>(<time>May 3</time>)</p>")[0][0] == "(May 3)"
    assert _blocks("<p>On <time>May 3</time> at noon</p>")[0][0] == "On May 3 at noon"
    # other inline elements join as the browser shows them
    assert _blocks("<p><b>Jane</b><i>Doe</i></p>")[0][0] == "JaneDoe"


def test_the_metadata_reads_a_date_split_over_two_times() -> None:
    # neither <time> is a date alone ("3 May", "2022"); the line they make is
    page = (
        "<html><body><article><h1>Bus lines extended</h1>"
        f"<p><time>3 May</time><time>2022</time></p>{STORY}</article></body></html>"
    )
    split = split_page(page, "text/html")
    assert any(block.text == "3 May 2022" for block in split.blocks)
    meta = extract_metadata(split, body=page, use_htmldate=False)
    assert meta.published_date == date(2022, 5, 3)
