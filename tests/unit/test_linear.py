"""Every scan over an input is linear in it: the hostile records of issue 23, each at x1, x2 and
x4 size, and the parser shapes the markup bound (pipeline/nlp/markup.py) takes out.

Each test times the worst-case input of one fixed case; before its fix each grew
exponentially or quadratically, and the check after the x2 size failed (tests/timing.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from contextlib import suppress

import pytest

from pipeline.decode import starts_as_html
from pipeline.errors import StageError
from pipeline.models import Entity, Mention
from pipeline.nlp import canonical, entity_shapes, entity_sports, entity_words
from pipeline.nlp.blocks import html_blocks
from pipeline.nlp.countries import tag_countries
from pipeline.nlp.entity_spans import RawMention, line_matches, trim_name, trim_names
from pipeline.nlp.markup import MAX_NESTING_DEPTH, bound_markup
from pipeline.nlp.metadata import extract_metadata
from pipeline.nlp.split import PageSplit, split_page
from tests.timing import best_time, growth


def test_empty_comments_before_a_word_are_skipped_in_linear_time() -> None:
    # was: a regex repeating <!--.*?--> (22 s at 26 comments, exponential)
    growth(lambda n: "<!---->" * n + "word", starts_as_html, 20_000)
    assert starts_as_html("<!-- a --> <!----><!DOCTYPE html><p>")
    assert not starts_as_html("<!-- a --> junk --> <html>")  # the first --> ends a comment


def _marker_like(words: int, dashes: int) -> str:
    return ("a" + "-" * dashes) * words + "1"


def test_lines_that_look_like_comment_markers_cost_what_other_lines_cost() -> None:
    # was: \W runs split between the repeats of the time form: ~10 s for one 78-char line
    hostile = [_marker_like(11, 6), _marker_like(8, 8), _marker_like(10, 7)]
    plain = ["The minister said on Monday that talks would resume in spring 12"] * 3

    def page(lines: list[str], n: int) -> str:
        return "\n".join(lines * n)

    growth(lambda n: page(hostile, n), lambda body: split_page(body, "text/plain"), 300)
    hostile_time = best_time(lambda: split_page(page(hostile, 300), "text/plain"), 3)
    plain_time = best_time(lambda: split_page(page(plain, 300), "text/plain"), 3)
    assert hostile_time < 5 * plain_time


def test_a_capitalised_word_of_any_length_is_read_in_linear_time() -> None:
    # was: the team-pair regex tried a team name at every capital of the word (33 s)
    growth(lambda n: "A" * n + " said", entity_sports.team_spans, 20_000)
    growth(lambda n: "Word " + " " * n + "x", lambda text: trim_name(text, "ORG"), 20_000)
    assert entity_sports.team_spans("Essex beat Kent") == {(0, 5), (11, 15)}


def test_long_capitalised_phrases_that_name_nothing_are_read_in_linear_time() -> None:
    # each phrase's tokens are looked at once to see whether any can start a name
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "the " + "Quarterly Widget Review " * n + "said.", tag, 1_000)
    assert tag_countries("", "The Quarterly Widget Review Of Kenya said.")  # the name is found


def entity_growth(make: Callable[[int], str], run: Callable[[str], object], base: int) -> None:
    """`growth` with 3 repeats: this test's ~40 checks made it the suite's slowest, and a pair
    past the limit is timed again in turns anyway (tests/timing.py)."""
    growth(make, run, base, repeats=3)


def _entities_of(text: str) -> object:
    """The document pass over `text` with no model mentions: only its own scans run."""
    return canonical.build_entities([], "", text)


def test_the_entity_rules_read_hostile_text_in_linear_time() -> None:
    # one check per scan of the entity pass (datelines, results lines, teams, short forms...);
    # bases give 2-15 ms runs: larger ones only made this the suite's slowest unit test
    entity_growth(lambda n: "A" * n + " , B 1996", entity_words.dateline_spans, 20_000)
    entity_growth(lambda n: "AB " * n + "1996", entity_words.dateline_spans, 20_000)
    entity_growth(lambda n: "AB , " + "Cd " * n + "1996", entity_words.dateline_spans, 40_000)
    assert entity_words.dateline_spans("LIMA 1996-08-30") == [(0, 4)]
    entity_growth(lambda n: "Lima" + " 1" * n + " x", entity_sports.team_spans, 20_000)
    entity_growth(lambda n: "Lima 1 ( " + "A 1 " * n, entity_sports.team_spans, 20_000)
    entity_growth(lambda n: "Ab AT " * n + "Cd", entity_sports.team_spans, 20_000)
    entity_growth(lambda n: "Ab ( C ) " * n + "1", entity_sports.team_spans, 20_000)
    entity_growth(lambda n: "1. A ( B ) " + "Ab " * n + "1", entity_sports.team_spans, 20_000)
    entity_growth(lambda n: "1. A ( B ) Cd\n" * n, entity_sports.team_spans, 5_000)
    entity_growth(
        lambda n: ", Ab " + "de " * n + "( 1st", lambda t: entity_sports.with_scorers([], t), 20_000
    )
    entity_growth(lambda n: "( Ab de " * n, lambda t: entity_sports.with_scorers([], t), 20_000)
    entity_growth(
        lambda n: "- Ab ( 1st )\n" * n,
        lambda text: entity_sports.with_scorers(
            [RawMention("story", 13 * i + 2, 13 * i + 4, "Ab", "ORG") for i in range(0, 99, 2)],
            text,
        ),
        5_000,
    )
    entity_growth(
        lambda n: "Ab " * n,
        lambda text: canonical.build_entities(
            [RawMention("story", 3 * i, 3 * i + 2, "Ab", "ORG") for i in range(0, 3000, 30)],
            "",
            text,
        ),
        4_000,
    )
    entity_growth(
        lambda n: "Ab 1 Cd 2\n" + "Ef League " * n,
        lambda text: canonical.build_entities(
            [RawMention("story", 10 + 10 * i, 12 + 10 * i, "Ef", "ORG") for i in range(99)],
            "",
            text,
        ),
        1_000,
    )
    entity_growth(
        lambda n: "Ab AT Cd\n" * n,
        lambda text: canonical.build_entities(
            [RawMention("story", 9 * i, 9 * i + 8, "Ab AT Cd", "ORG") for i in range(99)],
            "",
            text,
        ),
        500,
    )
    entity_growth(lambda n: "A" * n + " captain", entity_sports.team_cue_spans, 20_000)
    entity_growth(lambda n: "A" * n + " stock", entity_sports.company_cue_spans, 20_000)
    entity_growth(lambda n: "shares of " + "A" * n, entity_sports.company_cue_spans, 20_000)
    entity_growth(lambda n: "Ab 's " * n + "x", entity_sports.company_cue_spans, 20_000)
    # the document pass's bases give ~10 ms runs: a regex search to the text's end from each
    # word still reads 3.2-3.9x per doubling at them, and the pass takes 0.2 s at 20,000
    entity_growth(
        lambda n: "ABCD " * n + "\nabcd",
        lambda text: canonical.build_entities(
            [RawMention("story", 5 * i, 5 * i + 4, "ABCD", "ORG") for i in range(99)],
            "",
            text,
        ),
        1_000,
    )
    entity_growth(lambda n: "club " + "A" * n, entity_sports.team_cue_spans, 20_000)
    entity_growth(
        lambda n: "U.S. " + "Ab " * n + "Cup",
        lambda text: canonical.build_entities(
            [RawMention("story", i, i + 2, "Ab", "ORG") for i in range(5, 500, 3)],
            "",
            text,
        ),
        1_000,
    )
    entity_growth(lambda n: "Cup " * n + "final", lambda text: trim_name(text, "EVENT"), 20_000)
    entity_growth(lambda n: "Ab " + "( " * n, lambda text: trim_name(text, "ORG"), 20_000)
    entity_growth(lambda n: '" ' * n + "Ab", lambda text: trim_name(text, "ORG"), 20_000)
    entity_growth(lambda n: "\n" * n + "Ab" + "\n" * n, lambda t: trim_names(t, "ORG"), 20_000)
    entity_growth(lambda n: "AB ( C" * n, entity_shapes.find_acronym_definitions, 20_000)
    entity_growth(lambda n: "AB ( " + "C" * n, entity_shapes.find_acronym_definitions, 20_000)
    entity_growth(lambda n: "daily " * n + "Ab", _entities_of, 4_000)
    entity_growth(
        lambda n: "Olympic " * n,
        lambda text: canonical.build_entities(
            [RawMention("story", 8 * i, 8 * i + 7, "Olympic", "FAC") for i in range(99)],
            "",
            text,
        ),
        500,
    )
    entity_growth(lambda n: '" Ab ' * n, _entities_of, 4_000)
    entity_growth(lambda n: '" ' + "Ab " * n, _entities_of, 4_000)
    entity_growth(
        lambda n: "Ab , " * n + "Ab",
        lambda text: canonical.build_entities(
            [RawMention("story", 0, len(text), text, "ORG")], "", text
        ),
        1_000,
    )
    entity_growth(lambda n: "Welsh-" * n + "x", _entities_of, 1_000)
    entity_growth(lambda n: "W" * n + "elsh", _entities_of, 20_000)
    entity_growth(lambda n: "1 - Ab Cd , " * n, _entities_of, 2_000)
    entity_growth(lambda n: "- " * n + "Ab ,", _entities_of, 20_000)
    entity_growth(
        lambda n: "Ab Inc of " + "A" * n + "1",
        lambda text: canonical.build_entities(
            [RawMention("story", 0, len(text), text, "ORG")], "", text
        ),
        20_000,
    )
    entity_growth(
        lambda n: "Ann Lee ( Lima ) " + "A" * n + " Lima (",
        lambda text: canonical.build_entities(
            [RawMention("story", 10, 14, "Lima", "GPE")], "", text
        ),
        20_000,
    )


def _tagged_items(item: str, spans: list[tuple[int, int, str]], n: int) -> list[RawMention]:
    """The mentions of `item` repeated n times: each of `spans` (start, end, label) in each."""
    return [
        RawMention("story", i * len(item) + s, i * len(item) + e, item[s:e], label)
        for i in range(n)
        for s, e, label in spans
    ]


@pytest.mark.parametrize(
    ("item", "spans", "entity"),
    [
        # a "Name ( Place )" list, quoted titles, press names, results lines' missed teams,
        # datelines, spans across a results line
        ("Ann Lee ( Lima ) , ", [(0, 7, "PERSON"), (10, 14, "GPE")], ("Lima", "GPE")),
        ('said " Viva Zapata " and ', [(7, 11, "PERSON")], ("Viva Zapata", "WORK_OF_ART")),
        ("the news agency Tanjug said . ", [(16, 22, "PERSON")], ("Tanjug", "ORG")),
        ("Leeds 2 Chelsea 1\n", [(0, 5, "ORG")], ("Chelsea", "ORG")),  # results lines
        ("LIMA 1996-08-30 Ann said\n", [(16, 19, "PERSON")], ("LIMA", "GPE")),  # datelines
        ("Atlanta 5 PITTSBURGH 3\n", [(0, 20, "ORG")], ("Atlanta", "ORG")),  # score slips
        # acronym definitions, the long form tagged or not
        ("the Alpha Beta Corp ( ABC ) said . ", [(4, 9, "PERSON")], ("Alpha Beta Corp", "ORG")),
        # nouns for places: a tagged name after one, and one the model missed
        ("the town of Zell said . ", [(12, 16, "PERSON")], ("Zell", "GPE")),
        ("in the village of Ain Oula . ", [], ("Ain Oula", "GPE")),
        # the ends of names the model cut off
        (
            "Kim Dae-jung met Pedro I . ",
            [(0, 3, "PERSON"), (17, 22, "PERSON")],
            ("Kim Dae-jung", "PERSON"),
        ),
    ],
)
def test_rules_reading_the_mentions_at_each_match_run_in_linear_time(
    item: str, spans: list[tuple[int, int, str]], entity: tuple[str, str]
) -> None:
    # was: each match scanned every mention, those added for earlier matches too (quadratic:
    # a list of 1,000 items 0.24 s, of 500 0.07 s)
    growth(
        lambda n: (item * n, _tagged_items(item, spans, n)),
        lambda made: canonical.build_entities(made[1], "", made[0]),
        500,
    )
    text = item * 3
    names = [
        (e.name, e.label) for e in canonical.build_entities(_tagged_items(item, spans, 3), "", text)
    ]
    assert entity in names


def test_a_long_run_of_capitals_is_read_in_linear_time() -> None:
    # was: the defined-acronym search read the rest of the run from each capital (1.4 s at 8,000)
    # (a shouted town name, ALMA, makes the stage look for the acronyms the text defines; each
    # run's text is new, as the stage keeps its last scans)
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "A" * n + " said ALMA met.", tag, 4_000)


def test_a_long_list_before_counties_is_read_in_linear_time() -> None:
    # each place looks ahead for "counties" through a bounded number of bounded list items
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "Bergen, " * n + "Essex" + "x" * n + " counties", tag, 2_000)


def test_demonyms_among_words_of_language_are_read_in_linear_time() -> None:
    # each demonym looks back and ahead a bounded stretch for a word of language
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "speaks fluently in " * n + "learn French or Japanese man " * n, tag, 2_000)


def test_demonyms_among_words_of_cooking_are_read_in_linear_time() -> None:
    # each demonym looks ahead a bounded stretch for a word of cooking or a time zone
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "Thai food " * n + "Thai restaurant, 6pm British time " * n, tag, 2_000)


def test_credit_lines_are_read_in_linear_time() -> None:
    # each credit line runs a bounded stretch, to its parenthesis or line end
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "Reporting by " * n + "Jane in Amman " * n, tag, 2_000)


def test_caption_credits_in_page_text_are_read_in_linear_time() -> None:
    # each credit's label or copyright sign reads a bounded stretch to the line's end
    growth(
        lambda n: "\n".join(["A caption, photo: " + ", (c) x" * n, "Foto " + "/ ©" * n]),
        lambda body: split_page(body, "text/plain"),
        2_000,
    )


def test_pointers_and_credits_in_page_text_are_read_in_linear_time() -> None:
    # a long line that nearly reads as a pointer or a credit, and many of each among a
    # story's lines: each line is read once, and a credit's next few lines once more
    line = "The minister said on Monday that talks would resume in spring after the vote."
    growth(
        lambda n: "\n".join(
            [
                "Lesen Sie auch: " + "x. " * n,
                "Jane Roe/" * n + "Getty Images",
                "A caption (Foto: " + "(" * n,
                *(["Lesen Sie auch: Talks resume", "Jane Roe/AFP", line] * n),
            ]
        ),
        lambda body: split_page(body, "text/plain"),
        300,
    )


def test_form_lines_in_page_text_are_read_in_linear_time() -> None:
    # a long line that nearly reads as a form's field, and many forms under a story: each
    # line is read once, and the kept lines once more (text_form_end)
    line = "The minister said on Monday that talks would resume in spring after the vote."
    growth(
        lambda n: "\n".join(
            ["Name " * n + "*", "Leave this field " * n, *([line, line, "Name *"] * n)]
        ),
        lambda body: split_page(body, "text/plain"),
        300,
    )


def test_pitches_in_page_text_are_read_in_linear_time() -> None:
    # many pitches that tell of others among a story's lines: the kept lines are read once
    # (text_pitch_end), each pitch's words once
    line = "The minister said on Monday that talks would resume in spring after the vote."
    pitch = "Thousands of readers signed up for the newsletter of the city's transport office."
    growth(
        lambda n: "\n".join([line, pitch] * n),
        lambda body: split_page(body, "text/plain"),
        300,
    )


def test_share_bars_and_ad_slots_in_page_text_are_read_in_linear_time() -> None:
    # many share bars, ad slots' links and arrow links among a story's lines, and long lines
    # of each: the kept lines are read once (text_share_bar_end), each line once
    line = "The minister said on Monday that talks would resume in spring after the vote."
    bar = [line, line, "Teilen", "Facebook", "Advertise | AdChoices", "Next Page »"]
    growth(
        lambda n: "\n".join(["teilen " * n, "Advertise |" * n, "« x" * n, *(bar * n)]),
        lambda body: split_page(body, "text/plain"),
        300,
    )


def test_bio_boxes_in_page_text_are_found_in_linear_time() -> None:
    # each run of prose lines asks the sorted prose lines for its neighbours by bisection
    bio = "Sam Carter is a blogger and a bus driver who lives in the north with two cats."
    line = "The minister said on Monday that talks would resume in spring after the vote."
    growth(
        lambda n: "\n".join([bio, "Contact", line, line, "Menu"] * n),
        lambda body: split_page(body, "text/plain"),
        300,
    )


def test_names_us_towns_share_abroad_are_read_in_linear_time() -> None:
    # the states a story names and the names it places in them: one pass over the matches
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "Lebanon, Ohio and Berlin, MD near Paris, Texas. " * n, tag, 1_000)


def test_state_organisations_are_read_in_linear_time() -> None:
    # one pass of STATE_BODY_RE over the text, each hit looked up in the states' names
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(
        lambda n: "Ohio University and the Kentucky State Police Highway in Athens. " * n,
        tag,
        1_000,
    )


def test_local_papers_counties_lists_and_districts_are_read_in_linear_time() -> None:
    # the counties' names gathered once, each list read once, each district's words matched
    # once after its town, an age's residence looked for in a bounded window
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(
        lambda n: (
            (
                "Lebanon and Mt. Juliet in Lebanon County; Warsaw Community Schools, Berlin "
                "Township; Jane Doe, 87, of Peru. "
            )
            * n
        ),
        tag,
        1_000,
    )


def test_results_tables_with_namesake_teams_are_read_in_linear_time() -> None:
    # the table's teams found once, each match looked up among them by bisection
    runs = itertools.count()
    table = "Leeds 2 Wigan 1\nPreston 0 Burnley 3\nRoss County 1 Montrose 1\n"

    def tag(text: str) -> None:
        tag_countries("", f"{text}{next(runs)}", [])

    growth(lambda n: table * n, tag, 500)


def _page(markup: str) -> str:
    # nothing after the markup: a ">" there would close an unclosed tag, as a real end would
    return f"<html><body><p>{'A story line of some length. ' * 3}</p>{markup}"


def _split_html(body: str) -> None:
    with suppress(StageError):  # refusing is fine too: only the time matters here
        html_blocks(body)


# Shapes the HTML parser spent superlinear time on, at a size that takes milliseconds.
PARSER_SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    # the tag regex past the nesting guard scanned to the end from each "<b" (23 s, 200 kB)
    "unclosed tag openers": (lambda n: "<b " * n, 40_000),
    # the depth count went negative, then the parser's own quadratic case (80 s, 1.2 MB)
    "stray closers, then nesting": (lambda n: "</div>" * n + "<div>" * n + "x", 10_000),
    "closers of other tags": (lambda n: "<div></span>" * n, 10_000),
    "nesting": (lambda n: "<div>" * n + "x" + "</div>" * n, 10_000),
    "cells nesting inside svg": (lambda n: "<svg>" + "<td>" * n + "</x>" * n, 10_000),
    "unknown names that start like <p>": (lambda n: "<p¤>" * n + "<div></div>" * n, 5_000),
    "formatting elements reopened": (lambda n: "<b><div></b>" * n, 5_000),
    "attributes of one tag": (lambda n: "<b " + " ".join(f"a{i}" for i in range(n)) + ">", 40_000),
    # (from 20,000 up, all past the fast check: the step to the exact scan is a constant)
    "distinct attribute names": (lambda n: "".join(f"<i a{i}>x</i>" for i in range(n)), 20_000),
    "distinct tag names": (lambda n: "".join(f"<x{i}>y</x{i}>" for i in range(n)), 10_000),
    "attributes merged into <body>": (lambda n: "".join(f"<body a{i}>" for i in range(n)), 5_000),
    "a tag open to the end": (lambda n: "<b " + " ".join(f"a{i}" for i in range(n)), 40_000),
    "attributes after a quoted >": (
        lambda n: '<i t=">" ' + " ".join(f"a{i}" for i in range(n)) + ">x",
        40_000,
    ),
}


@pytest.mark.parametrize("shape", sorted(PARSER_SHAPES))
def test_hostile_markup_is_parsed_in_linear_time(shape: str) -> None:
    make, base = PARSER_SHAPES[shape]
    growth(lambda n: _page(make(n)), _split_html, base)


def test_stray_closers_do_not_hide_depth() -> None:
    deep = "</div>" * 1_000 + "<div>" * 1_000 + "x"
    bounded = bound_markup(deep)
    assert bounded.count("<div>") == MAX_NESTING_DEPTH


# Closers the parser never sees: in a comment, in a bogus comment, in raw text that only its
# own closer ends. Counted as closers, they hid the depth of the <div>s around them.
HIDDEN_CLOSERS = {
    "in comments": "<div><!--</div>-->",
    "in bogus comments": "<div><?</div>",
    "in a textarea": "<div><textarea></div></textarea>",
    "in a title": "<div><title></div></title>",
    "in a script, after another raw-text closer": "<div><script></style></div></script>",
    # with <svg> or <math> on the page, raw text is read as tags (inside them it is markup)
    "in a script, on a page with svg": "<svg></svg><div><script></div></script>",
    "in an iframe, on a page with math": "<math></math><div><iframe></div></iframe>",
}


@pytest.mark.parametrize("shape", sorted(HIDDEN_CLOSERS))
def test_closers_the_parser_never_sees_do_not_hide_depth(shape: str) -> None:
    deep = HIDDEN_CLOSERS[shape] * 1_000 + "x"
    assert bound_markup(deep).count("<div>") == MAX_NESTING_DEPTH
    growth(lambda n: _page(HIDDEN_CLOSERS[shape] * n), _split_html, 2_500)


def test_real_markup_passes_unchanged() -> None:
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>T</title><script>if (a<b && c>"d")'
        " {}</script></head><body><div class=\"x\" data-a='1'><p>One<p>Two<br/>"
        '<svg viewBox="0 0 1 1"><path d="M0"/><g><circle r="1"/></g></svg>'
        "<!-- <div> --><ul><li>a<li>b</ul></div></body></html>"
    )
    assert bound_markup(page) == page


def _metadata_of(page: PageSplit) -> None:
    extract_metadata(page, url="https://example.com/a", use_htmldate=False)


# The metadata stage's inputs: bylines inside bylines (each would read the text of all the
# ones inside it: at most MAX_ELEMENT_TEXTS are read), JSON-LD of deep lists and many objects.
METADATA_SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "nested byline elements": (
        lambda n: ('<div class="byline">' * 20 + "By Jane Doe" + "</div>" * 20) * n,
        2_000,
    ),
    "byline elements": (lambda n: '<span class="author">Jane Doe</span>' * n, 20_000),
    "JSON-LD of nested lists": (
        lambda n: '<script type="application/ld+json">' + "[" * n + "]" * n + "</script>",
        20_000,
    ),
    "JSON-LD objects": (
        lambda n: (
            '<script type="application/ld+json">['
            + ",".join('{"@type": "NewsArticle", "author": {"@id": "x"}}' for _ in range(n))
            + "]</script>"
        ),
        2_000,
    ),
}


@pytest.mark.parametrize("shape", sorted(METADATA_SHAPES))
def test_metadata_is_read_in_linear_time(shape: str) -> None:
    make, base = METADATA_SHAPES[shape]  # the split is timed above; the stage alone here
    growth(lambda n: split_page(_page(make(n)), "text/html"), _metadata_of, base)


def test_eras_after_years_are_read_in_linear_time() -> None:
    # each "BC" looks back a bounded stretch for a year or a century
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "in 30 BC and " * n + "century B.C. " * n, tag, 2_000)


def _story_with_link_lists(n: int) -> str:
    # a story whose paragraphs alternate with lists of other articles' links and date lines:
    # the passes over the story's lines that take them out (headline_lists, meta_tail,
    # bare_dates) read each line once
    item = "<li><a href='/news/other'>Another article's headline of a few words</a></li>"
    part = (
        "<p>The council voted to expand the bus network to the northern suburbs today.</p>"
        f"<p>More from the city desk:</p><ul>{item * 3}</ul><p>12.03.2024</p>"
    )
    return f"<html><body><h1>Council expands bus network</h1><div class='post'>{part * n}</div>"


def test_lists_of_links_and_date_lines_in_a_story_are_read_in_linear_time() -> None:
    growth(_story_with_link_lists, lambda body: split_page(body, "text/html"), 100)


def _story_with_notices(n: int) -> str:
    # a story whose paragraphs alternate with plugin notices and follow lines, some in
    # boxes of their own, some in the story's element: page_notices reads each line once
    part = (
        "<p>The council voted to expand the bus network to the northern suburbs today.</p>"
        "<div class='warning'><p>Media requires JavaScript and Adobe Flash to play.</p>"
        "<p>Please turn them on.</p></div><p>Follow @citydesk on Twitter!</p>"
    )
    return f"<html><body><h1>Council expands bus network</h1><div class='post'>{part * n}</div>"


def test_notices_in_a_story_are_read_in_linear_time() -> None:
    growth(_story_with_notices, lambda body: split_page(body, "text/html"), 100)


def _story_with_contact_labels(n: int) -> str:
    # a story whose paragraphs alternate with contact labels, contact lines and dated meta
    # lines: tail_notes reads each line once from either end, bare_dates each line once
    part = (
        "<p>The council voted to expand the bus network to the northern suburbs today.</p>"
        "<p>Kontakt:</p><p>Jane Doe, E-Mail: jane@example.org</p><p>12.03.2024 | City desk</p>"
    )
    return f"<html><body><h1>Council expands bus network</h1><div class='post'>{part * n}</div>"


def test_contact_labels_and_dated_lines_in_a_story_are_read_in_linear_time() -> None:
    growth(_story_with_contact_labels, lambda body: split_page(body, "text/html"), 100)


def test_types_of_many_town_names_the_model_called_people_are_settled_in_linear_time() -> None:
    # Each suspect entity asked which countries the others placed, and whether a place ends
    # before it, by a pass over every placed mention: quadratic in a list of towns.
    from pipeline.models import Entity, Mention
    from pipeline.nlp.entity_types import settle
    from pipeline.nlp.gazetteer import load_gazetteer

    towns = sorted(
        name
        for name, found in load_gazetteer().names.items()
        if name.isalpha() and name.istitle() and len(found) == 1 and found[0].kind == "t"
    )

    def make(n: int) -> tuple[str, list[Entity]]:
        story, entities = "", []
        for town in towns[:n]:
            start = len(story) + len("Crews reached ")
            story += f"Crews reached {town}. "
            mention = Mention(section="story", start=start, end=start + len(town), text=town)
            entities.append(Entity(name=town, label="PERSON", salience=0.5, mentions=[mention]))
        return story, entities

    assert len(towns) >= 2000
    growth(make, lambda made: settle("", *made), 500, repeats=3)


def _headline_under_boxes(n: int) -> str:
    # blurbs and menus above the headline, plain lines of the article's markup under it and
    # a short post: the lines between the headline and the post are read once
    box = (
        "<div class='intro'><p>I write about gardens, old railways and the small towns of the"
        " north, and I answer every letter that readers send me.</p></div>"
        "<ul class='menu'><li><a href='/a'>Gardens</a></li><li><a href='/b'>Rails</a></li></ul>"
    )
    lines = "<p>Serves four, ready in forty minutes</p>" * n
    return (
        f"<html><head><title>Onion risotto</title></head><body>{box * n}"
        f"<div class='post'><h1>Onion risotto</h1>{lines}"
        "<p>Chop the onions finely and soften them in a wide pan with a little oil.</p></div>"
    )


def test_a_headline_under_boxes_and_over_plain_lines_is_read_in_linear_time() -> None:
    growth(_headline_under_boxes, lambda body: split_page(body, "text/html"), 100)


def _story_with_galleries(n: int) -> str:
    # a story whose paragraphs alternate with galleries of captions: the pass that finds the
    # galleries (split_runs._galleries_apart) reads each caption once
    caption = "<figure><img src='a.jpg'><figcaption>Commuters wait for the first bus of the new"
    caption += " route at the hospital stop on a cold Monday morning.</figcaption></figure>"
    part = (
        "<p>The council voted to expand the bus network to the northern suburbs today, and"
        " officials said the first routes would open in spring.</p>"
        f"<div class='gallery'>{caption * 4}</div>"
    )
    return f"<html><body><h1>Council expands bus network</h1><div class='post'>{part * n}</div>"


def test_galleries_in_a_story_are_read_in_linear_time() -> None:
    growth(_story_with_galleries, lambda body: split_page(body, "text/html"), 100)


def _invented_word(i: int) -> str:
    """A distinct capitalised word no gazetteer knows: "Zqa", "Zqb", ... "Zqba"."""
    letters = ""
    while True:
        letters = chr(ord("a") + i % 26) + letters
        i //= 26
        if not i:
            return "Zq" + letters


def _bodies_and_short_forms(n: int) -> tuple[str, list[RawMention]]:
    """n firms named in full, then by their first word; n courts and a lone "Court"; and a
    hashtag the model called a person, each mention tagged as the model might."""
    story, mentions = "", []
    for i in range(n):
        word = _invented_word(i)
        for text, label in (
            (f"{word} Trust", "ORG"),
            (word, "GPE"),
            (f"Court of {word}", "ORG"),
            ("Court", "ORG"),
            (f"WeLove{word}", "PERSON"),
        ):
            mentions.append(RawMention("story", len(story), len(story) + len(text), text, label))
            story += text + " said . "
    return story, mentions


def test_short_forms_and_lone_nouns_of_bodies_are_read_in_linear_time() -> None:
    # each short name and lone noun finds its organisations in an index by name part, not by
    # a pass over every organisation
    growth(
        _bodies_and_short_forms, lambda made: canonical.build_entities(made[1], "", made[0]), 300
    )
    story, mentions = _bodies_and_short_forms(3)
    found = {
        e.name: {m.text for m in e.mentions} for e in canonical.build_entities(mentions, "", story)
    }
    assert found["Zqa Trust"] == {"Zqa Trust", "Zqa"}
    assert "Court" not in found
    assert "WeLoveZqa" not in found


def test_names_before_local_bodies_are_read_in_linear_time() -> None:
    # each mention is checked once for a local body after it; the held mentions are grouped
    # by name, and the story's places counted once
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(
        lambda n: "Lebanon Fire Department crews from Mason, Morrow and Peru police. " * n, tag, 100
    )


def test_a_picture_post_under_a_long_comment_thread_is_split_in_linear_time() -> None:
    # the run of comments beside the post's headline is read once, whatever its length
    comment = (
        "<dd class='comment-body'><p>What a lovely picture of the old depot, I used to take"
        " the bus from there every morning when I was at school.</p></dd>"
    )

    def page(n: int) -> str:
        return (
            "<html><head><title>Dawn at the depot</title></head><body><nav><a href='/'>Home</a>"
            "</nav><div class='post'><h1>Dawn at the depot</h1><img src='a.jpg'></div>"
            "<div id='comments'><dl>" + comment * n + "</dl></div></body></html>"
        )

    growth(page, lambda body: split_page(body, "text/html"), 200)
    assert split_page(page(3), "text/html").paragraphs == []


def test_places_cued_by_a_compass_point_or_their_region_are_settled_in_linear_time() -> None:
    # Each mention asks the few characters around it and a set of place starts: no pass over
    # all places per mention.
    from pipeline.models import Entity, Mention, Section
    from pipeline.nlp.entity_types import cued_places

    def make(n: int) -> tuple[list[Entity], dict[Section, str]]:
        story, entities = "", []
        for i in range(n):
            name, region = f"Orrin{i:05}", f"Leeward{i:05}"
            start = len(story) + len("Camps in eastern ")
            story += f"Camps in eastern {name} and in {name}, {region}. "
            second = start + len(name) + len(" and in ")
            mentions = [
                Mention(section="story", start=at, end=at + len(name), text=name)
                for at in (start, second)
            ]
            at = second + len(name) + 2
            region_mention = Mention(section="story", start=at, end=at + len(region), text=region)
            entities.append(Entity(name=name, label="ORG", salience=0.5, mentions=mentions))
            entities.append(
                Entity(name=region, label="GPE", salience=0.5, mentions=[region_mention])
            )
        texts: dict[Section, str] = {"title": "", "story": story}
        return entities, texts

    growth(make, lambda made: cued_places(*made), 2000, repeats=3)


def test_names_written_as_towns_are_read_in_linear_time() -> None:
    # each mention is checked once for a town's writing before and after it (bounded windows);
    # the possessive names are gathered in the same pass
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(
        lambda n: "Crews near Lebanon, a Peru man and Mexico residents met in Mason's hall. " * n,
        tag,
        100,
    )


def test_countries_inside_peoples_names_are_read_in_linear_time() -> None:
    # each country's name is checked once in bounded windows before and after it; the story's
    # lower-case words are read once, at the first given name before a country
    runs = itertools.count()
    person = Entity(
        name="Katie Jones",
        label="PERSON",
        salience=0.5,
        mentions=[Mention(section="story", start=0, end=11, text="Katie Jones")],
    )

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [person])

    growth(
        lambda n: "Katie Jones met Katie Peru, Chad le Roux and Taiwan Jones in Kenya. " * n,
        tag,
        100,
    )


def test_title_parts_shown_as_headings_are_found_in_linear_time() -> None:
    # many headings and a title of many parts: each heading is looked up once among the
    # title's parts (html_masthead_headline)
    parts = " | ".join(f"Part {i} of the title" for i in range(20))
    growth(
        lambda n: (
            f"<html><head><title>Notes: {parts}</title></head><body><h1>Notes</h1>"
            + "<h2>Part 3 of the title, not quite</h2><p>A line of the post, short.</p>" * n
            + "</body></html>"
        ),
        lambda body: split_page(body, "text/html"),
        300,
    )


def test_stories_of_local_places_are_read_in_linear_time() -> None:
    # the setting that all places share: one pass over the matches
    runs = itertools.count()

    def tag(text: str) -> None:
        tag_countries("", f"{text} {next(runs)}", [])

    growth(lambda n: "Florence and Burlington near Boone County and Merrimack. " * n, tag, 1_000)


def _line_up(text: str) -> object:
    """The line-up rule over lines "Ab Cd , Ef Gh", both names tagged on every other line."""
    lines = range(0, len(text) // 14, 2)
    mentions = [RawMention("story", 14 * i, 14 * i + 5, "Ab Cd", "PERSON") for i in lines]
    mentions += [RawMention("story", 14 * i + 8, 14 * i + 13, "Ef Gh", "PERSON") for i in lines]
    return entity_sports.with_lineup_names(mentions, text)


def test_line_anchored_scans_and_line_ups_are_read_in_linear_time() -> None:
    # each line's start tried once by the line-anchored patterns; a line-up's persons looked up
    # by bisection per line, not counted over all the mentions
    growth(
        lambda n: "Ab 1 Cd\n" * n, lambda text: line_matches(entity_sports.SCORE_LINE, text), 5_000
    )
    growth(lambda n: "Ab Cd , Ef Gh\n" * n, _line_up, 2_000)


def test_posts_printed_in_full_are_told_apart_in_linear_time() -> None:
    # other_posts reads each kept block's ancestors once, and the blocks around them once
    def page(n: int) -> str:
        post = (
            "<div class='post'><h2><a href='/p'>A post of the blog about the town</a></h2>"
            "<div class='entry'><p>The council met on Tuesday and voted to open the library on"
            " Sundays, after a survey found that most readers wanted longer hours.</p></div></div>"
        )
        return f"<html><body><div id='content'>{post * n}</div></body></html>"

    growth(page, lambda body: split_page(body, "text/html"), 200)
