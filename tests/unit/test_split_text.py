"""Page text: the story's run carried over a stretch of short lines, and the run under its
headline (pipeline/nlp/split_text.py), on small pages written for these tests."""

from __future__ import annotations

from pipeline.nlp.split import split_page
from tests.timing import growth

MENU = ["Home", "News", "Sport", "Weather", "Contact"]
OPENING = [
    "The city council voted on Tuesday to replace the old ticket machines at every tram "
    "stop, a project that officials said had been delayed for almost three years.",
    "The new machines take cards and phones as well as coins, and each of them reports to "
    "the depot when it runs out of paper, the council's transport office said.",
]
CLOSING = (
    "The council said the last of the old machines would go by the end of the summer, and "
    "that riders could send their views on the new ones to the transport office."
)


def _story(page: list[str]) -> list[str]:
    return split_page("\n".join(page), "text/plain").paragraphs


def test_the_story_goes_on_past_a_code_block_to_its_closing_paragraph() -> None:
    code = ["import machines", "for stop in stops:", "machine = stop.machine", "machine.ping()"]
    code += ["print(machine.paper)", "42", "17", "machine.reset()"]
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *code, CLOSING, "Leave a Reply"]
    story = _story(page)
    assert story[: len(OPENING)] == OPENING
    assert story[-1] == CLOSING


def test_a_list_of_teasers_after_the_story_is_not_carried_over() -> None:
    # each teaser's label shows again: the lines are another box's, not the story's list
    teasers = []
    for headline in (
        "Bridge works start in May",
        "Ferry adds a night crossing",
        "Bus lanes for the ring road",
        "Parking fees go up again",
    ):
        teasers += ["Transport", headline]
    blurb = (
        "The harbour ferry will run a night crossing from June, the operator said, and "
        "the fare will stay the same as during the day for all riders."
    )
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *teasers, blurb]
    assert _story(page) == OPENING


def test_a_label_over_a_box_ends_the_story() -> None:
    tags = ["Tagged as:", "trams", "tickets", "council", "machines", "depot", "city", "fares"]
    bio = (
        "The author has written about the city's transport for the paper since the tram "
        "lines reopened and lives near the depot with her family and two dogs."
    )
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *tags, bio]
    assert _story(page) == OPENING


SHORT_STORY = [
    "The village fair opens on Saturday with a market, a brass band and rides for children "
    "on the green behind the church.",
    "Organisers said the fair raised money for the school roof last year.",
]
# A longer box of prose far below the story, under the site's links (another text's
# teaser, a consent dialog's prose): not the page's story, though it outweighs it.
LONG_BOX = [
    "Rain will spread from the west during the night and reach the hills by the morning, "
    "when the wind will turn to the north and the temperature will fall by a few degrees.",
    "The afternoon will be dry in most places, although showers may linger near the coast "
    "until the evening, when the sky will clear and a cold night will follow in the valley.",
    "The weekend looks warmer, with sunny spells on both days and light winds, which should "
    "suit the walkers and the cyclists who come to the hills at this time of the year.",
]
FOOTER = ["Privacy", "Imprint", "Careers", "Advertise", "Archive", "Newsletter"] * 3


def test_a_short_story_under_its_headline_beats_a_longer_box_elsewhere() -> None:
    page = [
        "Village fair opens on Saturday - The Valley Times",
        *MENU,
        "Village fair opens on Saturday",
        "12 June 2024",
        *SHORT_STORY,
        "Share",
        "Print",
        *FOOTER,
        *LONG_BOX,
    ]
    assert _story(page) == SHORT_STORY


def test_a_headline_shown_twice_anchors_no_run() -> None:
    # shown in a list of teasers too, the title's line is a link, not the story's head
    page = [
        "Village fair opens on Saturday - The Valley Times",
        *MENU,
        "Village fair opens on Saturday",
        "12 June 2024",
        *SHORT_STORY,
        *FOOTER[:6],
        "Village fair opens on Saturday",
        *FOOTER[6:],
        *LONG_BOX,
    ]
    assert _story(page) == LONG_BOX


def test_the_story_opening_above_its_table_of_contents_is_kept() -> None:
    sections = [f"{n}. Machine number {n} at the harbour stop" for n in range(1, 13)]
    body = [
        f"Machine {n} was installed on a windy morning by two engineers from the depot, who "
        "tested it with cards, phones and coins before they let the first riders use it."
        for n in range(1, 13)
    ]
    page = [
        "Twelve new ticket machines in pictures - The Valley Times",
        *MENU,
        "Twelve new ticket machines in pictures",
        "By Jane Doe",
        OPENING[0],
        "Contents",
        *sections,
        *body,
    ]
    story = _story(page)
    assert story[0] == OPENING[0]
    assert story[-1] == body[-1]


def test_stretches_of_short_lines_are_read_in_linear_time() -> None:
    # each line of a stretch is read once, however many stretches and prose lines follow
    stretch = ["a.b()", "x = 1", "y = 2", "Transport", "Tagged as:", "Transport"]
    growth(
        lambda n: "\n".join(["Tram ticket machines replaced", *((OPENING + stretch) * n)]),
        lambda body: split_page(body, "text/plain"),
        300,
    )


def test_the_run_under_a_headline_is_found_in_linear_time() -> None:
    # the headline's run is one pass over prefix sums; the title's line is counted once
    growth(
        lambda n: "\n".join(
            [
                "Village fair opens on Saturday - The Valley Times",
                "Village fair opens on Saturday",
                *SHORT_STORY,
                *(MENU * n),
                *(LONG_BOX * n),
            ]
        ),
        lambda body: split_page(body, "text/plain"),
        300,
    )


MIDDLE = [
    "Riders at the busiest stops had complained for years that the old machines took only "
    "coins and often ran out of tickets during the morning rush, the office said.",
    "The contract for the new machines went to a firm from the north of the country, which "
    "will also service them for the next ten years under the same agreement.",
]
AUTHOR_NOTE = (
    "Covering the city's trams and buses since the lines reopened, she also writes the "
    "paper's weekly column on cycling and walking in the old town and its parks."
)


def test_the_byline_shown_again_under_the_story_opens_the_authors_box() -> None:
    # the name over the story and again over a paragraph about its author: that is a box
    page = ["Tram ticket machines replaced", *MENU, "Jane Moreno", *OPENING, *MIDDLE, CLOSING]
    page += ["Jane Moreno", AUTHOR_NOTE, "Contact"]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_a_name_shown_again_inside_the_story_does_not_end_it() -> None:
    # with most of the story after it, the name is a photo's credit or a quote's speaker
    page = ["Tram ticket machines replaced", *MENU, "Jane Moreno", OPENING[0]]
    page += ["Jane Moreno", OPENING[1], *MIDDLE, CLOSING]
    assert _story(page)[-1] == CLOSING


def test_a_bare_tag_label_under_the_story_closes_it() -> None:
    # "Tags" alone on its line, the tags one a line under it, then another article's blurb
    teaser = (
        "The harbour ferry will run a night crossing from June, the operator said, and the "
        "fare will stay the same as during the day for all of its riders."
    )
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *MIDDLE, CLOSING]
    page += ["Tags", "Trams", "Tickets", "Ferry adds a night crossing", teaser]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_bylines_and_tag_labels_are_read_in_linear_time() -> None:
    # the names over the story are gathered once; the kept lines are read once for each
    growth(
        lambda n: "\n".join(
            [
                "Tram ticket machines replaced",
                *(["Jane Moreno", "Tom Alder Reyes"] * n),
                *([*OPENING, "Jane Moreno", "Tags", CLOSING] * n),
            ]
        ),
        lambda body: split_page(body, "text/plain"),
        300,
    )
