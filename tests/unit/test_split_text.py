"""Page text: the story's run carried over a stretch of short lines, and the run under its
headline (pipeline/nlp/split_text.py), on small pages written for these tests."""

from __future__ import annotations

import pytest

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

# a list of the story's own short lines, in sentence case
STOPS = ["Main square", "Old bridge", "The depot", "City hall", "Harbour gate", "The park"]


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


def test_the_story_goes_on_past_list_items_opening_in_lowercase() -> None:
    # title case after a lowercase first word: a list's item, as no headline opens
    items = ["prints Paper Tickets", "takes Bank Cards", "speaks Five Languages", "has a Screen"]
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *STOPS, *items, CLOSING]
    assert _story(page)[-len(items) - 1 :] == [*items, CLOSING]


def test_the_story_goes_on_past_a_sub_heading_over_its_next_part() -> None:
    # title case right over a paragraph: the story's sub-heading, not another's headline
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *STOPS]
    page += ["Where The Old Machines Go", CLOSING, "Leave a Reply"]
    assert _story(page)[-2:] == ["Where The Old Machines Go", CLOSING]


def test_headlines_over_a_blurb_after_the_story_are_not_carried_over() -> None:
    # another article's headline sits over a second headline (or a date, a kicker)
    teasers = ["Bridge Works Start In May", "Ferry Adds A Night Crossing"]
    blurb = (
        "The harbour ferry will run a night crossing from June, the operator said, and "
        "the fare will stay the same as during the day for all riders."
    )
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *STOPS, *teasers, blurb]
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


def test_a_headline_shown_again_in_recent_posts_below_keeps_the_story_opening() -> None:
    # the list of recent posts under the story shows the headline again: it is still the
    # story's head, and the opening over the table of contents is the story's
    sections = [f"{n}. Machine number {n} at the harbour stop" for n in range(1, 13)]
    body = [
        f"Machine {n} was installed on a windy morning by two engineers from the depot, who "
        "tested it with cards, phones and coins before they let the first riders use it."
        for n in range(1, 13)
    ]
    recent = ["Recent posts", "Bridge works start in May", "Twelve new ticket machines"]
    recent += ["Ferry adds a night crossing"]
    page = [
        "Twelve new ticket machines - The Valley Times",
        *MENU,
        "Twelve new ticket machines",
        "By Jane Doe",
        OPENING[0],
        "Contents",
        *sections,
        *body,
        *recent,
        *FOOTER,
    ]
    story = _story(page)
    assert story[0] == OPENING[0]
    assert story[-1] == body[-1]


def test_an_about_link_over_the_headline_heads_no_box() -> None:
    # the menu's last link is "About", right over the post's headline: the post is no
    # box about the blog, and its opening paragraphs are the story's
    paragraphs = [
        "When I sat down to write this post, I noticed that I had not written a single line "
        "here since the spring, and that the drafts folder had grown instead.",
        "Some of you asked me about it in the last weeks, and I owe you an answer, so here "
        "it is, a little late and a little longer than I planned.",
        *OPENING,
        CLOSING,
    ]
    page = [
        "A little lost, but still here! | Jane's Notebook",
        "Home",
        "Travel",
        "Recipes",
        "About",
        "Sunday thoughts: a little lost, but still here!",
        *paragraphs,
        *FOOTER,
    ]
    assert _story(page)[-len(paragraphs) :] == paragraphs


@pytest.mark.parametrize(
    ("line", "kept"),
    [("We all know the feeling!", True), ("Sign up for our newsletter!", False)],
)
def test_a_short_sentence_right_over_the_story_is_its_lead(line: str, kept: bool) -> None:
    # a one-line lead between the headline's byline and the story's first paragraph is the
    # story's; a pitch in its place is not
    page = [
        "Tram ticket machines replaced - The Valley Times",
        *MENU,
        "Tram ticket machines replaced",
        "By Jane Doe",
        line,
        *OPENING,
        CLOSING,
        *FOOTER,
    ]
    assert (line in _story(page)) is kept


def test_a_standfirst_under_a_headline_that_only_shares_the_titles_words_is_kept() -> None:
    # the headline says more than the page's title, so only headline_above finds it; the
    # standfirst under it, over a print button and a share bar, opens the story
    standfirst = (
        "Riders will be able to pay with cards and phones at every stop from the spring onwards."
    )
    page = ["New ticket machines for tram stops | City Paper", *MENU]
    page += ["New ticket machines at all the tram stops", "Print page", standfirst]
    page += ["Share", "Email", *OPENING, CLOSING, "Leave a Reply", "Imprint"]
    assert _story(page) == [standfirst, *OPENING, CLOSING]


def test_a_section_label_sharing_one_word_with_the_title_is_no_headline() -> None:
    # "Tram news" holds half its words in the title, but one shared word is chance
    page = ["New ticket machines for tram stops | City Paper", *MENU]
    page += ["New ticket machines for tram stops", "By Jane Doe", "Tram news", *OPENING, CLOSING]
    result = split_page("\n".join([*page, "Leave a Reply", "Imprint"]), "text/plain")
    assert result.title == "New ticket machines for tram stops"
    assert result.paragraphs == [*OPENING, CLOSING]


def test_stretches_of_short_lines_are_read_in_linear_time() -> None:
    # each line of a stretch is read once, however many stretches and prose lines follow
    stretch = ["a.b()", "x = 1", "y = 2", "Transport", "Tagged as:", "Transport"]
    stretch += ["prints Paper Tickets", "Where The Machines Go"]  # (the story's own title case)
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


@pytest.mark.parametrize(
    "pointer",
    [
        "Lesen Sie auch: Warum die Stadt ihre alten Bahnen an einen Verein im Osten verkauft hat",
        "ALSO READ: Why the city is selling all of its old trams to a museum in the east",
        "Lee también... Por qué la ciudad vende sus viejos tranvías a un museo del este",
        "Czytaj też: Dlaczego miasto sprzedaje stare tramwaje do muzeum na wschodzie kraju",
        ">> Ferry adds a night crossing from June <<",
    ],
)
def test_a_read_also_pointer_between_the_paragraphs_is_no_story_line(pointer: str) -> None:
    # a cue and another article's headline on one line, among the story's paragraphs
    page = ["Tram ticket machines replaced", *MENU, *OPENING, pointer, *MIDDLE, CLOSING]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_a_line_opening_with_a_cue_that_holds_sentences_stays() -> None:
    # a paragraph that opens with "Related:" tells the story on: no headline, two sentences
    line = (
        "Related: the council also plans new shelters. Work on them starts at the main "
        "square in the autumn, the transport office said."
    )
    page = ["Tram ticket machines replaced", *MENU, *OPENING, line, *MIDDLE, CLOSING]
    assert line in _story(page)


def test_a_multilingual_read_on_label_and_its_headline_are_no_story_lines() -> None:
    # the label alone on its line ("Lesen Sie auch"), the other article's headline under it
    page = ["Tram ticket machines replaced", *MENU, *OPENING, "Lesen Sie auch"]
    page += ["Warum die Stadt ihre alten Bahnen an einen Verein im Osten verkauft", *MIDDLE]
    page += [CLOSING]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


@pytest.mark.parametrize(
    "credit",
    [
        "Jane Roe/Getty Images",
        "picture alliance | Jane Roe",
        "Photo: Jane Roe / AFP",
        "(crédito: Jane Roe/Example Press)",
        "Bildrechte: IMAGO",
        "(Getty Images)",
    ],
)
def test_a_photo_credit_alone_on_its_line_is_no_story_line(credit: str) -> None:
    # over the story's first paragraph, and between two of its paragraphs
    for page in (
        ["Tram ticket machines replaced", *MENU, credit, *OPENING, *MIDDLE, CLOSING],
        ["Tram ticket machines replaced", *MENU, *OPENING, credit, *MIDDLE, CLOSING],
    ):
        assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_a_line_naming_an_agency_that_is_no_credit_stays() -> None:
    # a sentence, and a subhead with a slash whose parts are no name and agency
    line = "The figures, the council said, came from a Reuters survey of riders in March."
    for other in (line, "Trams / Buses"):
        page = ["Tram ticket machines replaced", *MENU, *OPENING, other, *MIDDLE, CLOSING]
        assert other in _story(page)


def test_a_caption_with_its_credit_bracketed_after_its_last_word_is_no_story_line() -> None:
    caption = "Die neue Straßenbahn am Depot (Foto: Privat)"
    page = ["Tram ticket machines replaced", *MENU, *OPENING, caption, *MIDDLE, CLOSING]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


TEASER = (
    "The harbour ferry will run a night crossing from June, the operator said, and the fare "
    "will stay the same as during the day for all of its riders."
)


@pytest.mark.parametrize(
    "bar",
    [
        ["Teilen", "Facebook", "Twitter", "Drucken"],
        ["twittern", "teilen 12", "E-Mail"],
        ["Compartir", "WhatsApp", "Imprimir"],
    ],
)
def test_a_share_bar_under_the_story_closes_it(bar: list[str]) -> None:
    # the buttons one a line, then another article's headline and blurb
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *MIDDLE, CLOSING]
    page += [*bar, "Ferry adds a night crossing", TEASER]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_a_share_bar_over_the_story_and_a_network_named_in_it_do_not_end_it() -> None:
    # over the story's opening the bar is the page's header; one network's name among the
    # story's lines is the story's own
    page = ["Tram ticket machines replaced", "Teilen", "Facebook", "Twitter", *OPENING]
    page += ["The office will post the timetable on:", "Facebook", *MIDDLE, CLOSING]
    assert _story(page)[-1] == CLOSING
    assert "Facebook" in _story(page)


@pytest.mark.parametrize("slot", ["Advertise | AdChoices", "AdChoices", "Anzeige schalten"])
def test_an_ad_slots_links_among_the_paragraphs_are_no_story_lines(slot: str) -> None:
    page = ["Tram ticket machines replaced", *MENU, *OPENING, slot, *MIDDLE, slot, CLOSING, slot]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_a_sentence_about_advertising_stays() -> None:
    # a story line that names ad choices in a sentence is no ad slot's link
    line = "Riders will get more ad choices on the screens, the office said on Monday evening."
    page = ["Tram ticket machines replaced", *MENU, *OPENING, line, *MIDDLE, CLOSING]
    assert line in _story(page)


@pytest.mark.parametrize(
    "closing",
    [
        "A tram that never comes is the slowest one of all (an old saying at the depot)",
        "Ich freue mich schon auf die erste Fahrt mit der neuen Karte 😉",
        "Bis bald in der neuen Linie vier am Markt :D",
    ],
)
def test_a_short_closing_line_ending_in_an_aside_or_an_emoticon_is_kept(closing: str) -> None:
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *MIDDLE, CLOSING, closing]
    page += ["Comments (0)", "Share on Facebook (opens in a new window)"]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING, closing]


@pytest.mark.parametrize("label", ["Tagged as:", "Tagged with", "Kategorien", "Categories"])
def test_a_bare_filing_label_under_the_story_closes_it(label: str) -> None:
    # the label alone on its line, the topics one a line under it, then another blurb
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *MIDDLE, CLOSING]
    page += [label, "Trams", "Tickets", "Ferry adds a night crossing", TEASER]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


@pytest.mark.parametrize(
    "link", ["« Ferry adds a night crossing", "<< Previous Post", "Next Page »", "More photos →"]
)
def test_a_link_to_the_previous_or_next_page_is_no_story_line(link: str) -> None:
    page = ["Tram ticket machines replaced", *MENU, *OPENING, *MIDDLE, link, CLOSING, link]
    assert _story(page) == [*OPENING, *MIDDLE, CLOSING]


def test_a_quote_in_guillemets_stays() -> None:
    # the guillemets hug a quote's words; an arrow stands apart from a link's
    quote = "«Die neuen Automaten nehmen endlich auch Karten», sagte die Sprecherin am Montag."
    page = ["Tram ticket machines replaced", *MENU, *OPENING, quote, *MIDDLE, CLOSING]
    assert quote in _story(page)


@pytest.mark.parametrize("label", ["Werbung", "Anzeige", "Advertisement"])
def test_an_ad_label_between_the_paragraphs_signs_no_comments(label: str) -> None:
    # an ad slot's label over one of the story's paragraphs and again in a box of teasers
    # under it, each teaser a section's name over a blurb: the label is not a commenter's
    # name, the thread of "signed" blurbs starts under the story, not inside it
    more = [
        "Riders in the northern districts will get the machines first, because the old ones "
        "there break down most often in the cold, the transport office said.",
        "Each machine costs about as much as a small car, and the money comes from the fares "
        "the council raised two years ago, a spokesman for the office said.",
    ]
    blurbs = [
        f"The {what} will be the subject of a public meeting at the town hall next week, "
        "where residents can put their questions to the council."
        for what in ("harbour ferry", "new bus lanes", "parking fees", "bridge works", "cycle path")
    ]
    teasers = ["Transport", blurbs[0], "Housing", blurbs[1], label, blurbs[2]]
    teasers += ["Transport", blurbs[3], "Housing", blurbs[4]]
    body = [OPENING[0], label, OPENING[1], *more, CLOSING]
    page = ["Tram ticket machines replaced", *MENU, *body, "More from the city", *teasers]
    assert _story(page) == [*OPENING, *more, CLOSING]


@pytest.mark.parametrize(
    "items",
    [
        ["Ann Baker, Head of the Transport Office", "Cy Dunn, Chair of the Riders' Union"],
        ["Neue Automaten: Karte und Handy", "Alte Automaten: Nur Münzen"],
    ],
)
def test_a_list_of_names_and_roles_the_story_announces_is_kept(items: list[str]) -> None:
    # title case as headlines are, but each in two parts, a name and a role or a label and a
    # value, under the story's line that announces them with a colon
    lead = "The council thanked the people who led the project over the three years:"
    page = ["Tram ticket machines replaced", *MENU, *OPENING, lead, *items, "Contact", "Imprint"]
    assert _story(page) == [*OPENING, lead, *items]


def test_a_list_of_headlines_the_story_points_to_stays_out() -> None:
    # other articles' headlines in title case, in one part, or with a menu's separators
    lead = "The council has written about its transport plans before:"
    teasers = ["Bridge Works Start In May", "More: Ferry Times | Bus Lanes"]
    page = ["Tram ticket machines replaced", *MENU, *OPENING, lead, *teasers, "Contact"]
    assert _story(page) == [*OPENING, lead]


STEPS = [
    "Sift the flour and the baking powder into a large bowl, then rub in the cold butter "
    "with your fingertips until the mixture looks like fine crumbs.",
    "Stir in the sugar and the egg, knead briefly to a smooth dough and leave it to rest in "
    "a cool place for half an hour before you roll it out.",
    "Cut out the biscuits, lay them on a lined tray and bake them for twelve minutes until "
    "the edges turn golden, then let them cool on a rack.",
]


@pytest.mark.parametrize(
    ("label", "items"),
    [
        ("Ingredients:", ["250 g flour", "1 Tsp Baking Powder", "125 g cold butter", "1 Egg"]),
        ("Zutaten (für 20 Stück)", ["250 g Mehl", "1 TL Backpulver", "1 Ei", "Zucker"]),
        ("Table of contents", ["The dough", "Baking", "Storing Them"]),
    ],
)
def test_a_recipes_ingredients_or_a_table_of_contents_over_the_run_are_the_storys(
    label: str, items: list[str]
) -> None:
    # the label and its short items cost the run as a menu's lines do (an item in title case
    # reads as another article's headline): the story starts at the label
    page = ["Butter biscuits", *MENU, "Butter biscuits", label, *items, "Method:", *STEPS]
    page += ["Leave a Reply", "Imprint"]
    assert _story(page) == [label, *items, "Method:", *STEPS]


REVIEW = [
    "The new kettle boils a full litre in under three minutes and stays quiet while it does, "
    "which made it a pleasant companion on early mornings during our weeks of testing.",
    "Its lid opens with one press of a button, and the scale on the side is easy to read "
    "even when the kitchen light is dim, though the handle does get warm after a while.",
]


@pytest.mark.parametrize(
    ("pros", "cons"), [("Pros", "Cons"), ("Vorteile:", "Nachteile:"), ("Ventajas", "Desventajas")]
)
def test_a_reviews_pros_and_cons_over_the_run_are_the_storys(pros: str, cons: str) -> None:
    # the verdict's lists under their bare labels cost the run as a menu's lines do
    items = ["Boils quickly", "Quiet", "Handle gets warm"]
    page = ["Kettle review", *MENU, "Kettle review", pros, *items[:2], cons, items[2], *REVIEW]
    page += ["Leave a Reply", "Imprint"]
    assert _story(page) == [pros, *items[:2], cons, items[2], *REVIEW]


def test_a_menu_over_the_run_with_no_lists_label_stays_out() -> None:
    page = ["Butter biscuits", *MENU, "Butter biscuits", "Recipes", "Baking", *STEPS]
    assert _story(page) == STEPS


def test_lists_over_runs_are_read_in_linear_time() -> None:
    # each run's start looks up at most LIST_ABOVE_REACH lines
    block = ["Ingredients", "250 g flour", "1 Egg", *STEPS, "Menu", "Contact", "Imprint"]
    growth(lambda n: ["Butter biscuits", *block * n], _story, 300)
