"""HTML splitting: boxes inside a story's markup that hold prose but are not the story (the
publisher's pitch, ...), on small pages written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.split import split_page
from pipeline.nlp.split_cues import BARE_ADDRESS
from tests.unit.test_split import PARAGRAPHS, _html, _post_ending_with

HEADLINE = "<h1>Council expands bus network to northern suburbs</h1>"


def _story_around(box: str) -> str:
    """A post of PARAGRAPHS with `box` between its second and third paragraph."""
    return _html(
        f"{HEADLINE}<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{box}"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )


# A publisher's pitch for its guide: the prose of a box after the story.
GUIDE = (
    "Our free guide explains every pass, discount and transfer rule in plain words, in ten"
    " short chapters."
)


@pytest.mark.parametrize(
    "box",
    [
        # a heading over the pitch
        "<div class='kasten'><h3>While you are here</h3><p>If you enjoyed reading this story,"
        " would you consider supporting our work? Every contribution keeps it free.</p></div>",
        # the pitch opens the box, a paragraph about the newsroom follows
        "<div class='box'><div class='inner'><p>Become a member and enjoy exclusive benefits.</p>"
        "<p>We have reported on this city for over a hundred years, and we will go on doing it"
        " with the help of our readers.</p></div></div>",
    ],
)
def test_a_pitch_in_a_box_of_its_own_inside_the_story_is_not_story(box: str) -> None:
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


def test_a_box_of_story_that_mentions_subscribing_stays() -> None:
    # the box opens with story prose, not a heading or a pitch: a quote box, a fact box
    quote = (
        "Riders can sign up for the new monthly pass online, the operator said, and the first"
        " month will be free for everyone who registers before June."
    )
    box = f"<div class='factbox'><p>{quote}</p><p>{PARAGRAPHS[0]}</p></div>"
    page = _html(
        f"{HEADLINE}<div class='post'><p>{PARAGRAPHS[1]}</p>{box}"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    paragraphs = split_page(page, "text/html").paragraphs
    assert quote in paragraphs
    assert PARAGRAPHS[3] in paragraphs


def test_a_box_after_the_storys_element_that_opens_with_a_heading_is_not_story() -> None:
    page = _html(
        f"{HEADLINE}<article><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"</div><div class='box'><h4>Learn how to ride for less</h4><p>{GUIDE}</p></div>"
        "</article>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


@pytest.mark.parametrize("subhead", ["", "<h4>What happens next</h4>"])
def test_a_story_that_goes_on_past_its_element_keeps_its_last_part(subhead: str) -> None:
    # plain paragraphs after the element, or a part under a subhead too long to be a box
    page = _html(
        f"{HEADLINE}<article><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[:3])
        + f"</div>{subhead}<p>{PARAGRAPHS[3]}</p></article>"
    )
    assert split_page(page, "text/html").paragraphs[-1] == PARAGRAPHS[3]


def test_a_gallerys_captions_outnumbering_a_short_storys_words_are_not_story() -> None:
    captions = "".join(
        f"<div class='gallery-photo'><img src='{n}.jpg'><p>Riders wait at stop number {n} on"
        " Monday morning, the first day of the new northern routes.</p></div>"
        for n in range(8)
    )
    page = _html(
        f"{HEADLINE}<article><div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"</div><div class='gallery'>{captions}</div></article>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS[:2]


def test_a_consent_placeholder_of_an_embed_inside_the_story_is_not_story() -> None:
    placeholder = (
        "<div class='consent-blocker'><p>Click the button below to load the content of the map"
        " service, which is served to you by an external provider.</p></div>"
    )
    assert split_page(_story_around(placeholder), "text/html").paragraphs == PARAGRAPHS


_BLURBS = [
    "The county will open two more cooling centres this weekend as temperatures climb.",
    "A new school year starts with three hundred more pupils than the district planned for.",
    "Volunteers planted four hundred trees along the river path over the long weekend.",
]


def _teasers(linked_heading: bool) -> str:
    """A list of other articles after a story: each a headline (a linked heading, or plain
    text with a "read more" link) and a blurb, side by side in their own elements."""
    items = []
    for n, blurb in enumerate(_BLURBS):
        if linked_heading:
            item = f"<h3><a href='/news/{n}'>Other headline number {n} today</a></h3><p>{blurb}</p>"
        else:
            item = (
                f"<div class='title'>Other headline number {n} today</div><div>{blurb}</div>"
                f"<div class='more'><a href='/news/{n}'>Continue</a></div>"
            )
        items.append(f"<div class='item'><div class='inner'>{item}</div></div>")
    return "<div class='list'>" + "".join(items) + "</div>"


@pytest.mark.parametrize("linked_heading", [True, False])
def test_a_list_of_teasers_the_story_runs_into_is_not_story(linked_heading: bool) -> None:
    page = _html(
        f"{HEADLINE}<div class='main'><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"</div><h2>Top stories</h2>{_teasers(linked_heading)}</div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def test_a_story_told_in_linked_items_keeps_them() -> None:
    # a round-up whose items are its story: a short intro, then the items, each a linked
    # heading and a paragraph, hold most of its words
    intro = "Here are the week's three most read stories from around the county, in short."
    page = _html(f"{HEADLINE}<div class='post'><p>{intro}</p>{_teasers(linked_heading=True)}</div>")
    paragraphs = split_page(page, "text/html").paragraphs
    assert all(blurb in paragraphs for blurb in _BLURBS)


def test_prose_above_the_storys_headline_is_not_story() -> None:
    # a box above the headline (a sign-up blurb, a gallery's captions) that the run of prose
    # takes in: the story starts under its headline
    above = (
        "<div class='box'><p>Stay on top of the most important local news each day, delivered"
        " to your inbox every morning before breakfast, for free.</p></div>"
    )
    page = _html(
        f"{above}<div class='story'>{HEADLINE}"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


@pytest.mark.parametrize("utility", ["text-center", "d-flex justify-content-between"])
def test_a_css_utility_class_does_not_make_a_box_the_storys(utility: str) -> None:
    # "text-center", "justify-content-*" style the box; they do not say it is an article's
    # text, so the box stays a newsletter box
    box = (
        f"<div class='newsletter'><div class='{utility}'><p>Every morning our editors pick the"
        " five stories that matter most to the city and send them out before seven.</p>"
        "</div></div>"
    )
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


@pytest.mark.parametrize("where", ["above", "inside"])
def test_a_disclosure_box_is_not_story(where: str) -> None:
    box = (
        "<div class='editorial-disclosure'><p>The products in this guide were chosen by our"
        " editors on their own merits, and the shops named in it pay the publisher a share of"
        " every sale that readers make after following the links in this story.</p></div>"
    )
    if where == "inside":
        page = _story_around(box)
    else:
        page = _html(
            f"{HEADLINE}<div class='post'>{box}"
            + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
            + "</div>"
        )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def test_boxes_of_lists_with_a_link_each_that_open_the_story_stay() -> None:
    # two boxes side by side, each a heading, a list of several items and a link button:
    # the story's own lists, not teasers (a teaser has a line or three besides its link)
    features = [
        "Buses every ten minutes at peak hours",
        "Low floors at every door of every bus",
        "Free transfers to the tram within an hour",
        "Live arrival times at every stop",
    ]
    boxes = "".join(
        f"<div class='box'><div class='inner'><h3>What route {n} offers</h3><ul>"
        + "".join(f"<li>{feature} on route {n}</li>" for feature in features)
        + f"</ul><div class='button'><a href='/route/{n}'>Plan a trip</a></div></div></div>"
        for n in (41, 42)
    )
    page = _html(
        f"{HEADLINE}<div class='post'>{boxes}"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    paragraphs = split_page(page, "text/html").paragraphs
    assert f"{features[0]} on route 41" in paragraphs
    assert paragraphs[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_many_captions_beside_a_long_story_are_not_story() -> None:
    # more captions than ASIDE_MAX_BLOCKS, each in its own figure among the paragraphs, but
    # a small share of the words: the photos' captions, not a photo blog told in them
    more = [
        "Drivers for the new routes start their training next month, the operator said, and"
        f" the first group of {n} drivers will finish it before the end of the winter."
        for n in (20, 30, 40, 50)
    ]
    figures = [
        f"<figure><img src='{n}.jpg'><figcaption>A bus waits at the new stop number {n} in"
        " town.</figcaption></figure>"
        for n in range(6)
    ]
    paragraphs = PARAGRAPHS + more
    body = "".join(
        f"<p>{paragraph}</p>{figures[n] if n < len(figures) else ''}"
        for n, paragraph in enumerate(paragraphs)
    )
    page = _html(f"{HEADLINE}<div class='post'>{body}</div>")
    assert split_page(page, "text/html").paragraphs == paragraphs


def test_a_box_after_the_storys_element_whose_heading_the_story_left_out_is_not_story() -> None:
    # the box's heading sits in its own <header> (navigation markup), so it is no story line
    # and the box's first kept block is its prose: the heading still opens the box
    page = _html(
        f"{HEADLINE}<article><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div><div class='box'><header><h4>Learn how to ride for less</h4></header>"
        f"<p>{GUIDE}</p></div></article>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "<p><a href='/flats'>Looking for a flat near the new routes? See the offers on"
        " our property portal.</a></p>",
        "<p>Now digital! <a href='/register'>Just click here and register for the digital"
        " edition today!</a></p>",
    ],
)
def test_a_linked_pitch_among_the_storys_paragraphs_is_not_story(line: str) -> None:
    # a line of links in the story's own element that asks the reader and goes on
    assert split_page(_story_around(line), "text/html").paragraphs == PARAGRAPHS


def test_a_linked_sentence_of_the_story_stays() -> None:
    # it states, or quotes a title with an exclamation: the story's own line of links
    lines = [
        "The plan is <a href='/plan'>published on the council's website with every route.</a>",
        "<a href='/s'>View the story \"Buses at last! Or not?\" on the council's page.</a>",
    ]
    paragraphs = split_page(_story_around("".join(f"<p>{x}</p>" for x in lines)), "text/html")
    assert len(paragraphs.paragraphs) == len(PARAGRAPHS) + 2


@pytest.mark.parametrize("tag", ["div", "section"])
def test_a_box_that_a_button_closes_inside_the_story_is_not_story(tag: str) -> None:
    # an offer in a box of its own: a paragraph and a button ("Learn more"), no call to action
    box = (
        f"<{tag} class='cta3'><p>In our two-day seminar you plan the bus routes of your own"
        f" town with the engineers who drew these.</p><a href='/seminar'>Learn more</a></{tag}>"
    )
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


def test_the_storys_items_each_with_a_button_stay() -> None:
    # a list of places, each a heading, a paragraph and its "More info" button: the story
    items = "".join(
        f"<div class='card'><h3>Stop {n}</h3><p>{paragraph}</p><a href='/s{n}'>More info</a></div>"
        for n, paragraph in enumerate(PARAGRAPHS)
    )
    page = _html(f"{HEADLINE}<div class='post'>{items}</div>")
    paragraphs = split_page(page, "text/html").paragraphs
    assert all(paragraph in paragraphs for paragraph in PARAGRAPHS)


@pytest.mark.parametrize(
    "box",
    [
        "<div class='asset'><div class='img'><img src='/bus.jpg'></div>"
        "<div class='info'>The new route 12 bus at the depot, photo: city transport office</div>"
        "</div>",
        "<div class='inline'><img src='/map.png'>Map: the four new routes and the hospital"
        " district they will serve from next spring.</div>",
        # an embedded teaser: a label, a picture and a blurb
        "<div class='callout'><div>Keep on reading</div><img src='/bus.jpg'><div>The latest"
        " on <a href='/buses'>the city's buses</a>, from routes and fares to night service</div>"
        "</div>",
    ],
)
def test_an_images_caption_without_a_caption_class_is_not_story(box: str) -> None:
    # a line alone with an image in its element, no <figcaption> and no caption class
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


def test_a_paragraph_beside_an_image_and_a_picture_posts_caption_stay() -> None:
    beside = f"<div class='asset'><img src='/bus.jpg'><p>{PARAGRAPHS[0]}</p></div>"
    page = _html(f"{HEADLINE}<div class='post'>{beside}<p>{PARAGRAPHS[1]}</p></div>")
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS[:2]
    # a post that is a picture and its caption: the caption is the story
    caption = "Snow on the new bus routes this morning, as the first riders waited at the stop."
    page = _html(f"{HEADLINE}<div class='post'><div><img src='/snow.jpg'>{caption}</div></div>")
    assert split_page(page, "text/html").paragraphs == [caption]


@pytest.mark.parametrize("name", ["entryfooter", "entry-utility", "postfooter"])
def test_the_line_under_a_blog_post_in_its_footer_box_is_not_story(name: str) -> None:
    # a short post, and a blog theme's box under it whose class is a compound no word of
    # which says "footer"
    story = [
        "A small surprise on the way home: the new bus stop has a bench and a roof.",
        "Twenty cents well spent!",
    ]
    page = _html(
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        "<div class='entry'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in story)
        + f"<div class='{name}'><p><a href='/feed'>Comment feed</a> | Comments closed |"
        " <a href='/tb'>Trackback</a></p></div></div></div>"
    )
    assert split_page(page, "text/html").paragraphs == story


def test_a_table_of_contents_in_the_story_is_not_story() -> None:
    # jump links to the story's own subheads, announced under its lead, inside its element
    heads = ["The new routes", "What it costs"]
    contents = "".join(f"<li><a href='#s{n}'>{head}</a></li>" for n, head in enumerate(heads))
    page = _html(
        f"{HEADLINE}<div class='post'><p>{PARAGRAPHS[0]}</p><p>In this story:</p>"
        f"<ul>{contents}</ul>"
        f"<h2 id='s0'>{heads[0]}</h2><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
        f"<h2 id='s1'>{heads[1]}</h2><p>{PARAGRAPHS[3]}</p></div>"
    )
    story = [PARAGRAPHS[0], heads[0], PARAGRAPHS[1], PARAGRAPHS[2], heads[1], PARAGRAPHS[3]]
    assert split_page(page, "text/html").paragraphs == story


@pytest.mark.parametrize("line", ["(Alle Angaben ohne Gewähr)", "Unterstützen Sie unsere Arbeit"])
def test_a_pitch_or_disclaimer_line_inside_the_story_is_not_story(line: str) -> None:
    # a short line, no sentence, that asks for support or disclaims, among the paragraphs
    assert split_page(_story_around(f"<p>{line}</p>"), "text/html").paragraphs == PARAGRAPHS


def test_a_quoted_pitch_inside_the_story_stays() -> None:
    line = '"Kein Abonnement erforderlich", schrieb der Betreiber'
    paragraphs = split_page(_story_around(f"<p>{line}</p>"), "text/html").paragraphs
    assert line in paragraphs


def test_an_authors_box_under_a_bare_author_heading_is_not_story() -> None:
    # no bio or author class: the bare "Autor" heading tells the box
    box = (
        "<div class='highlight'><div class='header'>Autor</div><h3>Jane Doe</h3><p>has"
        " reported on transport in the region for twenty years, first in Leeds and now in the"
        " city.</p></div>"
    )
    page = _html(
        f"{HEADLINE}<div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"{box}</div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def test_a_pitch_under_its_heading_after_a_list_of_links_under_the_story_is_not_story() -> None:
    related = "".join(
        f"<li><a href='/a{n}'>{title}</a></li>"
        for n, title in enumerate(
            ["Tram line to close for a month", "Ten tips for a cheaper commute"]
        )
    )
    page = _html(
        f"{HEADLINE}<div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"<ul>{related}</ul><h3>Your job board</h3><p>We do what we love, every day. You"
        " can too: thousands of jobs in transport wait for you on our board.</p></div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "<a href='/plan.pdf'>The council's decision of 12 March</a> PDF | 38 KB | not accessible",
        "Timetable for the new routes <a href='/t.pdf'>(PDF, 1,2 MB)</a>",
    ],
)
def test_a_downloads_link_inside_the_story_is_not_story(line: str) -> None:
    # a file's type and size: a link to download it, not a line of the story
    assert split_page(_story_around(f"<p>{line}</p>"), "text/html").paragraphs == PARAGRAPHS


def test_a_teaser_box_inside_the_storys_element_is_not_story() -> None:
    # a box of its own under the story's element: its label, another piece's linked
    # headline in teaser markup, and that piece's blurb
    box = (
        "<div class='contentbox'><div class='boxhead'>Podcast: the bus hour</div>"
        "<div class='teaser'><h2><a href='/podcast'>The bus hour: the council explains</a></h2>"
        "<p>What is new on the buses? Every week the transport chief answers your questions"
        " and explains the background.</p></div></div>"
    )
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


# A standfirst too short to count as prose, in an element of its own over the story's body.
SHORT_STANDFIRST = "What had been rumoured for weeks has now been confirmed by the council"


@pytest.mark.parametrize(
    "between",
    [
        "",  # right under the headline
        "<p class='date'>01.02.2022 News</p>",  # under the headline's date line
    ],
)
@pytest.mark.parametrize("tag", ["p", "div"])
def test_a_short_standfirst_under_the_headline_is_the_storys_lead(between: str, tag: str) -> None:
    page = _html(
        f"<nav><a href='/'>Home</a></nav><div class='news'>{HEADLINE}{between}"
        f"<div class='intro'><{tag}>{SHORT_STANDFIRST}</{tag}></div><div class='body'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div></div>"
    )
    assert split_page(page, "text/html").paragraphs == [SHORT_STANDFIRST, *PARAGRAPHS]


def test_a_subtitle_in_the_headlines_header_is_the_storys_lead() -> None:
    # the <header> around both reads as the site's, but the headline carries it too
    subtitle = (
        "Four new routes will link the northern suburbs with the hospital district, and the"
        " first buses will run in the spring."
    )
    page = _html(
        "<nav><a href='/'>Home</a></nav><div class='article'><header>"
        f"<h1>Council expands bus network to northern suburbs</h1><h2>{subtitle}</h2></header>"
        "<p class='author'>By Jane Doe</p><p class='date'>24 April 2020</p><div class='body'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div></div>"
    )
    assert split_page(page, "text/html").paragraphs == [subtitle, *PARAGRAPHS]


# Other articles' headlines, each item of a list wholly a link to its page.
_HEADLINE_LINKS = [
    "Library opening hours extended over the winter holidays",
    "New cycle lanes planned along the river embankment",
    "School board approves the budget for next year",
    "Harbour ferry returns after two months of repairs",
]


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("label", ["Elsewhere in the news today:", "Here is more to read on it:"])
def test_a_list_of_other_articles_headlines_inside_the_story_is_not_story(
    where: str, label: str
) -> None:
    # a list whose every item is a link to another page, each a headline's words: the
    # publisher's list of other articles set into the story, with its label
    box = (
        f"<p>{label}</p><ul>"
        + "".join(
            f"<li><a href='/news/{n}'>{headline}</a></li>"
            for n, headline in enumerate(_HEADLINE_LINKS)
        )
        + "</ul>"
    )
    if where == "middle":
        page = _story_around(box)
    else:
        page = _html(
            f"{HEADLINE}<div class='post'>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
            + f"{box}</div>"
        )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def test_a_list_of_the_storys_items_with_links_stays() -> None:
    # the story's own list: items with a link in them among words of their own, or links
    # of a name or two (places, people), are story
    items = [
        "<a href='/route/41'>Route 41</a> runs from the hospital to the northern terminal",
        "<a href='/route/42'>Route 42</a> serves the three new estates on the hill",
        "<a href='/route/43'>Route 43</a> links both schools with the station",
    ]
    names = [
        "<a href='/p/1'>Northgate</a>",
        "<a href='/p/2'>Hillside</a>",
        "<a href='/p/3'>Elm Park</a>",
    ]
    for listed in (items, names):
        box = "<p>The new routes:</p><ul>" + "".join(f"<li>{i}</li>" for i in listed) + "</ul>"
        paragraphs = split_page(_story_around(box), "text/html").paragraphs
        assert "The new routes:" in paragraphs
        assert len(paragraphs) == len(PARAGRAPHS) + 1 + len(listed)


@pytest.mark.parametrize(
    "footer",
    [
        "<div class='entry-meta'><p>This entry was posted on Tuesday, May 7, 2024 at 9:15 am by"
        " Jane Doe and filed under City, Transport.</p></div>",
        "<div class='author-line'><p>Sam Roe contributed reporting from the northern suburbs, and"
        " Kim Lee from the city hall.</p></div>",
    ],
)
def test_the_post_footer_line_in_meta_markup_closing_the_story_is_not_story(footer: str) -> None:
    # a line in byline, date or tag markup under the story's last paragraph: the post's
    # footer, not its prose
    assert _post_ending_with_box(footer) == PARAGRAPHS


def test_a_story_set_whole_in_meta_markup_keeps_its_last_lines() -> None:
    # a theme that puts the whole post in a "post-meta" element: its lines are all the story
    page = _html(
        f"{HEADLINE}<div class='post-meta'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def _post_ending_with_box(box: str) -> list[str]:
    """The paragraphs kept from a post of PARAGRAPHS with `box` after them, inside the post."""
    page = _html(
        f"{HEADLINE}<div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"{box}</div>"
    )
    return split_page(page, "text/html").paragraphs


@pytest.mark.parametrize(
    "date",
    [
        *("Published: 12.03.2024, 10:45", "Tuesday, March 12, 2024 10:45 AM", "12.03.2024"),
        # a dated meta line: the date with its author or section beside it
        *("12.03.2024, 10:45 | Jane Doe", "2024-03-12 | Transport", "12 March 2024 · City desk"),
    ],
)
def test_a_date_line_at_the_storys_edge_is_not_story(date: str) -> None:
    # the post's date on a line of its own in the story's element, alone or with its author or
    # section, over its first paragraph or under its last: the metadata's, not the story's text
    for page in (
        _story_around("").replace("<div class='post'>", f"<div class='post'><p>{date}</p>"),
        _post_ending_with_box(f"<p>{date}</p>"),
    ):
        paragraphs = page if isinstance(page, list) else split_page(page, "text/html").paragraphs
        assert paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "box",
    [
        # a plugin's notice over an embedded player, with the box's other short line
        "<div class='player-warning'><p>This clip needs JavaScript and Adobe Flash to play.</p>"
        "<p>If they are turned off, please switch them on to watch it.</p></div>",
        # the same notice alone, as a paragraph of the story's element
        "<p>Please enable JavaScript in your browser to view this video.</p>",
    ],
)
def test_a_plugin_notice_in_the_story_is_not_story(box: str) -> None:
    # the page's word on what the reader's browser lacks, not the story's text
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "Follow @citydesk on Twitter!",
        "Follow the city desk on Twitter and Facebook",
        "Like us on Facebook for more transport news.",
    ],
)
def test_a_social_follow_line_closing_the_story_is_not_story(line: str) -> None:
    # the publisher's ask to follow it on a social network, under the last paragraph
    assert _post_ending_with_box(f"<p>{line}</p>") == PARAGRAPHS


def test_a_follow_line_in_an_inline_box_takes_the_boxs_short_lines() -> None:
    # a floated box in the story that asks to follow a handle and links a list of reporters
    box = (
        "<div class='inline-box'><p>Follow @citydesk for the latest from the city.</p>"
        "<p><a href='/lists/reporters'>Our reporters on Twitter</a></p></div>"
    )
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


def test_story_sentences_on_plugins_and_followers_stay() -> None:
    # a story's own sentence about a plugin (too long for a notice) and one that opens with
    # "Follow" but asks nothing of the reader stay with the story
    lines = [
        "The council's new journey planner needs no plugin at all: it runs in any browser, and"
        " officials said that older phones that cannot run JavaScript will get a text version"
        " of the timetable by the end of the year.",
        "Following the vote, the mayor thanked the drivers' union.",
    ]
    box = "".join(f"<p>{line}</p>" for line in lines)
    assert split_page(_story_around(box), "text/html").paragraphs == [
        *PARAGRAPHS[:2],
        *lines,
        *PARAGRAPHS[2:],
    ]


def test_a_pull_out_box_in_the_story_is_not_story() -> None:
    # a box floated beside the story's paragraphs, inside its element, holding a list of
    # dates: its class names its role, the story's prose is around it
    items = "".join(f"<li>{day} May: Route {n} opens</li>" for n, day in enumerate((2, 9, 16)))
    box = f"<div class='pull-out'><h2>Opening dates</h2><ul>{items}</ul></div>"
    assert split_page(_story_around(box), "text/html").paragraphs == PARAGRAPHS


def test_a_this_was_written_by_footer_line_closes_the_story() -> None:
    # a blog theme's footer line, without "entry" or "post": "This was written by ...
    # Posted on ... Filed under ... Bookmark the permalink."
    footer = (
        "<p>This was written by Jane Doe. Posted on Tuesday, May 7, 2024, at 9:15 am. Filed"
        " under City, Transport. Bookmark the permalink.</p>"
    )
    assert _post_ending_with_box(footer) == PARAGRAPHS


def test_plain_lines_between_the_headline_and_the_first_paragraph_are_the_storys() -> None:
    # a recipe: its yield and ingredients are short lines in the article's markup between the
    # headline and the method's first paragraph; they open the story, like a list inside it
    lines = ["Serves four, ready in forty minutes", "Ingredients: two onions, rice, stock"]
    method = [
        "Chop the onions finely and soften them in a wide pan with a little oil for about ten"
        " minutes, stirring now and then so that they do not brown.",
        "Add the rice and stir until every grain is coated, then pour in the hot stock a ladle"
        " at a time, waiting until each is absorbed before adding the next one.",
    ]
    page = _html(
        "<ul class='menu'><li><a href='/'>Recipes</a></li></ul>"
        "<div class='post'><h1>Onion risotto</h1>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + "<ol>"
        + "".join(f"<li>{step}</li>" for step in method)
        + "</ol></div>",
        title="Onion risotto",
    )
    assert split_page(page, "text/html").paragraphs == lines + method


def test_a_kicker_over_the_headline_shown_again_is_not_story() -> None:
    # a section label, then the headline told again in other words, between the title's
    # heading and the story: the story starts under the last heading, not over the label
    page = _html(
        "<ul class='menu'><li><a href='/'>News</a></li></ul>"
        f"<div class='article'>{HEADLINE}<div>Local transport</div>"
        "<h2>Bus network grows: four new routes for the northern suburbs</h2>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    paragraphs = split_page(page, "text/html").paragraphs
    assert "Local transport" not in paragraphs
    assert paragraphs[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_teasers_under_a_related_heading_go_though_they_outweigh_a_short_story() -> None:
    # the story ended over the "More on this" heading it left out: the teasers under it are
    # other articles, however many words they hold beside a short story
    items = "".join(
        f"<div class='item'><h3><a href='/news/{n}'>Other headline number {n} today</a></h3>"
        f"<p>{blurb}</p></div>"
        for n, blurb in enumerate(_BLURBS + _BLURBS[:1])
    )
    page = _html(
        f"{HEADLINE}<div class='main'><div class='post'><p>{PARAGRAPHS[0]}</p>"
        f"<p>{PARAGRAPHS[1]}</p></div><h2>More on this topic</h2>{items}</div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS[:2]


_CAPTIONS = [
    "Commuters wait for the first bus of the new northern route at the hospital stop on Monday.",
    "A driver checks the timetable at the depot before the morning shift begins on the route.",
    "Passengers board a crowded bus on the high street during the evening rush hour this week.",
    "Workers paint the new bus lane along the ring road ahead of the opening of the routes.",
]


def test_two_galleries_of_captions_in_a_story_are_not_story() -> None:
    # each gallery is a box of captions in a row, with the story's paragraphs between them:
    # their captions outweigh the story's prose, yet they are the photos', not the story
    def gallery(captions: list[str]) -> str:
        figures = "".join(
            f"<figure><img src='{n}.jpg'><figcaption>{caption}</figcaption></figure>"
            for n, caption in enumerate(captions)
        )
        return f"<div class='gallery'>{figures}</div>"

    page = _html(
        f"{HEADLINE}<div class='post'><p>{PARAGRAPHS[0]}</p>{gallery(_CAPTIONS)}"
        f"<p>{PARAGRAPHS[1]}</p>{gallery(_CAPTIONS[:3])}</div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS[:2]


def test_a_line_with_a_date_and_a_sentence_beside_it_stays() -> None:
    # a field that is a sentence is the story's, date or no date
    line = "12.03.2024 | The council met again to vote on the plan."
    assert _post_ending_with_box(f"<p>{line}</p>") == [*PARAGRAPHS, line]


@pytest.mark.parametrize(
    "notes",
    [
        # how to cite the post, under its last paragraph
        "<p>Suggested citation: Doe, Jane: Buses for the north, City Blog, 2024/3/12.</p>",
        "<p>Zitiervorschlag: Doe, Jane: Busse für den Norden, Stadtblog, 12.03.2024.</p>",
        # a contact label over contact lines only
        "<p>Kontakt:</p><p>Dr. Jane Doe, Stadtwerke E-Mail: jane.doe@example.org</p>"
        "<p>Sam Roe, Pressestelle Tel. +49 30 1234 5678</p>",
        "<p>Media contact</p><p>Sam Roe, press office, sam.roe@example.org</p>",
    ],
)
def test_citation_and_contact_notes_closing_the_story_are_not_story(notes: str) -> None:
    # notes about the story under its last paragraph, not its text
    assert _post_ending_with_box(notes) == PARAGRAPHS


@pytest.mark.parametrize(
    "notes",
    [
        # the post's filing line, with its date only
        "<p>This entry was posted on Tuesday, March 12th, 2024 at 10:45 am.</p>",
        # the thread's feed and the invitation to answer
        "<p>You can follow any responses to this entry through the RSS feed. You can leave a"
        " response, or trackback from your own site.</p>",
        # an ask opening on the reader's liking the post, and what it points to
        "<p>If you found this article helpful, check out...</p><p>No related posts.</p>",
        "<p>If you enjoyed this post, enter your email below to get our free updates!</p>",
        "<p>Wenn dir dieser Beitrag gefallen hat, teile ihn mit deinen Freunden.</p>",
    ],
)
def test_lines_speaking_of_the_post_to_its_reader_are_not_story(notes: str) -> None:
    # under the story's last paragraph: the post spoken of as a page of the site, not its text
    assert _post_ending_with_box(notes) == PARAGRAPHS


def test_a_story_that_goes_on_after_a_post_note_keeps_its_words() -> None:
    # the same words with more of the story under them than above are not its closing note
    line = "If you enjoyed this article, you will enjoy the rest of the series, which we open here."
    rest = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    kept = _post_ending_with_box(f"<p>{line}</p>" + "".join(f"<p>{p}</p>" for p in rest))
    assert line in kept


def test_a_contact_label_over_prose_stays() -> None:
    # a "Contact" subhead over a paragraph of the story is the story's
    prose = (
        "Riders who want to comment on the new routes can write to the council, which says it"
        " will answer every letter before the summer."
    )
    kept = _post_ending_with_box(f"<h3>Contact</h3><p>{prose}</p>")
    assert kept == [*PARAGRAPHS, "Contact", prose]


@pytest.mark.parametrize("line", ["CITYNEWS.COM", "http://www.example.org/"])
def test_a_web_address_alone_closing_the_story_is_not_story(line: str) -> None:
    # the source's or the site's credit under the last paragraph, not a sentence of it
    assert _post_ending_with_box(f"<p>{line}</p>") == PARAGRAPHS


def test_a_number_is_no_web_address() -> None:
    # a figure with decimal points (a version, a score) is not the site's credit
    assert BARE_ADDRESS.fullmatch("3.5") is None
    assert BARE_ADDRESS.fullmatch("1.000.000") is None
    assert BARE_ADDRESS.fullmatch("CITYNEWS.COM") is not None


# A reader's long comment under a post: prose enough to outweigh the post's own few lines.
LONG_COMMENT = (
    "What a lovely picture of the old depot. I used to take the number nine bus from there "
    "every morning when I was at school, and the drivers always waited for us when we were "
    "late. It is good to see that the building is still standing after all these years, and "
    "I hope the council keeps it that way for a long time."
)


def test_a_picture_posts_story_is_no_long_comment_under_it() -> None:
    # the post is a picture, its headline and the comment thread's heading right under it:
    # the story is the headline alone, not the thread's longest comment
    body = (
        "<nav><a href='/'>Home</a></nav><div class='post'><h1>Dawn at the depot</h1>"
        "<img src='depot.jpg'></div><div id='comments'><h4>2 comments:</h4>"
        f"<dl><dt>Jane said...</dt><dd class='comment-body'><p>{LONG_COMMENT}</p></dd></dl>"
        "</div>"
    )
    result = split_page(_html(body, "Dawn at the depot"), "text/html")
    assert result.title == "Dawn at the depot"
    assert result.paragraphs == []


def test_a_short_posts_story_is_no_authors_bio_above_its_headline() -> None:
    # the author's box over the post tells more than the post: a line under the headline
    bio = (
        "Jane Doe is a senior editor, where she writes about transport, housing and the city's"
        " politics. She grew up in the northern suburbs and has covered the council for ten"
        " years, before which she was a reporter at a regional paper for a decade."
    )
    body = (
        f"<nav><a href='/'>Home</a></nav><div class='author-bio'><p>{bio}</p></div>"
        "<div class='post'><h1>Dawn at the depot</h1><div>Photos by John Roe at the depot</div>"
        "<img src='depot.jpg'></div>"
    )
    result = split_page(_html(body, "Dawn at the depot"), "text/html")
    assert result.paragraphs == ["Photos by John Roe at the depot"]


def test_a_story_in_comment_markup_under_its_own_headline_stays() -> None:
    # (an opinion column whose element's class says "comment": the run starts right under
    # the headline, which it does not lie past)
    body = (
        "<div class='comment-piece'><h1>Council expands bus network to northern suburbs</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_tiny_posts_byline_under_its_headline_is_kept_not_its_filing_line() -> None:
    # a picture post: the lines under its headline up to its first story line (its byline,
    # its date, its source) are the post's; its filing line after them is not
    blurb = "We post pictures of the city's buses and trams, old and new, every week."
    body = (
        f"<nav><a href='/'>Home</a></nav><div class='about'><p>{blurb}</p></div>"
        "<div class='post'><h2>Dawn at the depot</h2>"
        "<p class='byline'>Posted by Jane Roe on a Monday morning</p><img src='a.jpg'>"
        "<p>The depot at dawn from the bridge</p>"
        "<p class='byline'>Filed under buses and trams</p></div>"
    )
    result = split_page(_html(body, "Dawn at the depot"), "text/html")
    assert result.paragraphs == [
        "Posted by Jane Roe on a Monday morning",
        "The depot at dawn from the bridge",
    ]


def _blog_page(title: str, masthead: str, post_heading: str) -> str:
    """A blog's page: its name in a masthead heading, a picture post under its own heading
    (a photo and a line)."""
    body = (
        f"<nav><a href='/'>Home</a></nav><div class='header'>{masthead}</div>"
        f"<article><h2>{post_heading}</h2><img src='frost.jpg'><p>Taken this morning.</p>"
        "</article>"
    )
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("title", "masthead"),
    [
        # "Site: Post", the site's name in the h1 over every post
        ("Mill Lane Notes: Frost on the allotment", "<h1>Mill Lane Notes</h1>"),
        # "Post | Site", the site's name the title's longest part, shown as no line
        ("Frost | The Mill Lane Allotment Society Notes", "<p>Welcome</p>"),
    ],
)
def test_the_posts_heading_is_the_headline_where_the_title_finds_the_sites_name(
    title: str, masthead: str
) -> None:
    post = title.split(": ")[-1].split(" | ")[0]
    result = split_page(_blog_page(title, masthead, post), "text/html")
    assert result.title == post
    assert result.paragraphs == ["Taken this morning."]


def test_a_section_heading_over_the_posts_heading_is_not_the_headline() -> None:
    # "Site - Section » Post": the section's name and the post's both show, one over the other
    page = _blog_page(
        "The Mill Lane Allotment Society - News » Frost", "<p>Welcome</p>", "News</h2><h2>Frost"
    )
    assert split_page(page, "text/html").title == "Frost"


def test_a_heading_that_shares_only_the_titles_site_part_is_not_the_headline() -> None:
    # a box in the story headed by the site's own name ("Example Offers" for "... | Example
    # Radio"), nearer the story than its headline
    body = (
        "<article><h1>Council expands bus network to northern suburbs</h1>"
        "<p>By Jane Doe</p><p>Published: 4 May</p><p>Share</p><p>Print</p><p>Email</p>"
        "<h3>Example Offers</h3><p>Win tickets today</p>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</article>"
    )
    page = _html(body, "Council expands bus network to northern suburbs | Local News").replace(
        "| Example News", "| Example Radio"
    )
    assert split_page(page, "text/html").title == "Council expands bus network to northern suburbs"


@pytest.mark.parametrize(
    "tail",
    [
        # a plea to keep the site going, a short line in the post's own element
        "<p class='rightbox'>Help us continue to bring local news to readers everywhere</p>",
        # the print magazine's pitch: its app, or a subscription ("als Abo")
        "<h3>Lesen Sie das Stadtmagazin. Einfach digital oder bestellen Sie es im Shop als Abo"
        " oder Einzelheft:</h3>",
        "<p>Helfen Sie mit, unabhängigen Lokaljournalismus zu sichern.</p>",
        # "follow us" in other languages, a social post's embed shown as its link
        "<p>Folgen Sie uns auf Twitter Liken Sie uns auf Facebook</p>",
        "<p>Suivez-nous</p>",
        "<blockquote class='embed'><p>Sieh dir diesen Beitrag auf Instagram an</p></blockquote>",
    ],
)
def test_the_publishers_plea_at_the_storys_end_is_not_story(tail: str) -> None:
    assert _post_ending_with(tail) == PARAGRAPHS


def test_an_ask_that_opens_on_liking_the_magazine_inside_the_story_is_not_story() -> None:
    # as long as a paragraph, between the story's paragraphs
    ask = (
        "<p>Gefällt dir unser Stadtmagazin? Als wir es gegründet haben, haben wir entschieden,"
        " keine Bezahlschranke einzuführen, und das wird auch so bleiben, wenn genug Leser uns"
        " mit einem kleinen Beitrag helfen.</p>"
    )
    assert split_page(_story_around(ask), "text/html").paragraphs == PARAGRAPHS


def test_a_story_paragraph_that_opens_on_liking_without_a_plea_stays() -> None:
    # the reader's liking, but no call to action: a question of the story's own
    line = (
        "Gefällt Ihnen dieser Plan? Die Stadt fragt die Anwohner bis Ende Mai nach ihrer Meinung."
    )
    assert _post_ending_with(f"<p>{line}</p>")[-1] == line


@pytest.mark.parametrize(
    "label", ["CONTINUA DEPOIS DA PUBLICIDADE", "Anzeige", "Story continues below advertisement"]
)
def test_an_ad_slots_label_between_the_storys_paragraphs_is_not_story(label: str) -> None:
    assert split_page(_story_around(f"<p>{label}</p>"), "text/html").paragraphs == PARAGRAPHS


OTHER_POST = [
    "The library will open on Sundays from next month, the county said, after a survey found "
    "that most readers wanted longer hours at the weekend rather than later evenings.",
    "Staff will work the new shifts on a voluntary basis, and the county expects to hire two "
    "more assistants before the summer holidays begin in July.",
]
THIRD_POST = [
    "A new footbridge over the river will close for two weeks in March while workers replace "
    "the lights along its deck and repaint the railings on both banks.",
    "Cyclists are asked to use the old road bridge in the meantime, where a temporary lane "
    "will be marked out with cones and signs at each end of the crossing.",
]


def _blog_home(title: str, dated: bool = False) -> str:
    """A blog's home page printing three posts in full, each under its linked title (under
    its date's heading, if `dated`)."""
    posts = (
        ("Council expands bus network to northern suburbs", PARAGRAPHS),
        ("Library to open on Sundays from next month", OTHER_POST),
        ("Footbridge closes for repairs in March", THIRD_POST),
    )
    return _html(
        "<h1>Example Town Blog</h1><div id='content'>"
        + "".join(
            "<div class='post'>"
            + ("<h2>Tuesday, 4 March 2025</h2>" if dated else "")
            + f"<h3><a href='/posts/{n}'>{heading}</a></h3><div class='entry'>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
            + "</div></div>"
            for n, (heading, paragraphs) in enumerate(posts)
        )
        + "</div>",
        title,
    )


@pytest.mark.parametrize("dated", [False, True])
def test_a_blog_home_pages_other_posts_are_not_story(dated: bool) -> None:
    # the page's title is the site's: the first post is the story
    page = _blog_home("Example Town Blog", dated)
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def test_boxes_of_teasers_among_the_storys_paragraphs_keep_the_story_whole() -> None:
    # each box opens with another piece's linked title over its blurb, between paragraphs
    box = (
        "<div class='box'><h3><a href='/other'>Library to open on Sundays from next month</a>"
        f"</h3><p>{OTHER_POST[0]}</p></div>"
    )
    page = _html(
        f"{HEADLINE}<div class='story'>"
        + "".join(f"<p>{paragraph}</p>{box}" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    kept = split_page(page, "text/html").paragraphs
    assert [line for line in kept if line in PARAGRAPHS] == PARAGRAPHS


def test_of_posts_printed_in_full_the_one_under_the_pages_headline_is_the_story() -> None:
    page = _blog_home("Library to open on Sundays from next month")
    assert split_page(page, "text/html").paragraphs == OTHER_POST


@pytest.mark.parametrize(
    "opener",
    [
        "<h4><a href='/members/jane'>Moderator</a></h4>",  # a forum's member rank
        "<h3><a href='#part'>Library to open on Sundays</a></h3>",  # a subhead's own anchor
    ],
)
def test_sibling_parts_that_open_with_no_posts_title_stay(opener: str) -> None:
    # a forum thread's replies, or a story's parts under subheads that link to themselves
    page = _html(
        "<h1>Council expands bus network to northern suburbs</h1><div id='content'>"
        + "".join(
            f"<div class='part'>{opener}"
            + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
            + "</div>"
            for paragraphs in (PARAGRAPHS[:2], PARAGRAPHS[2:])
        )
        + "</div>"
    )
    kept = split_page(page, "text/html").paragraphs
    assert [line for line in kept if line in PARAGRAPHS] == PARAGRAPHS


def test_a_popup_plugins_box_after_the_story_is_not_story() -> None:
    # its prose, another page's text shown in a box when a link is clicked
    page = _html(
        f"{HEADLINE}<article><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div></article><div id='pum-12' class='pum pum-overlay'><div class='popmake'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in OTHER_POST)
        + "</div></div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS


def test_a_box_of_recent_posts_inside_the_posts_element_is_not_story() -> None:
    # each item another post's linked picture over the opening of its text
    items = "".join(
        f"<li><a href='/p/{n}'><img src='p{n}.jpg'></a>"
        f"<div class='excerpt'><p>{blurb}</p></div></li>"
        for n, blurb in enumerate((" ".join(OTHER_POST), " ".join(THIRD_POST)))
    )
    page = _html(
        f"{HEADLINE}<div class='post'><div class='entry'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"</div><div class='recent_posts'><h4>Recently posted</h4><ul>{items}</ul></div></div>"
    )
    assert split_page(page, "text/html").paragraphs == PARAGRAPHS
