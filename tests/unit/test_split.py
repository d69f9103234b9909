"""Story/sidebar splitting on small pages written for these tests, and on the seed article."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import StageError
from pipeline.models import ContentType, ReasonCode
from pipeline.nlp.blocks import BOILERPLATE, Hint, html_blocks, text_blocks
from pipeline.nlp.split import split_page, split_story_only
from pipeline.nlp.split_boxes import may_be_marker
from pipeline.nlp.split_cues import COMMENT_MARKER
from tests.conftest import SEED
from tests.timing import growth

FETCHED = datetime(2024, 3, 21, 12, 0, tzinfo=UTC)

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network, adding four routes that "
    "will connect the northern suburbs with the hospital district by next spring.",
    "Officials said the plan would cost about twelve million dollars over three years and "
    "would be paid for by a regional transport levy approved last year.",
    "Residents who spoke at the meeting were largely in favour, although several asked why "
    "the evening service would still end before ten o'clock on weekdays.",
    "The mayor said the council would review the timetable after the first six months and "
    "that more night buses were possible if demand was high enough.",
]
SUBHEAD = "What happens next"
# What the split takes as the story of PAGE_TEXT (the photo credit left out).
PAGE_TEXT_STORY = [PARAGRAPHS[0], PARAGRAPHS[1], SUBHEAD, PARAGRAPHS[2], PARAGRAPHS[3]]

PAGE_TEXT = "\n".join(
    [
        "Council expands bus network to northern suburbs",
        "Home",
        "News",
        "Sport",
        "Weather",
        "By Jane Doe",
        "Share on Facebook",
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        SUBHEAD,
        PARAGRAPHS[2],
        "Photo: John Smith",
        PARAGRAPHS[3],
        "",
        "Harbour bridge closed for repairs until June",
        "- 2 hours ago",
        "",
        "Local school wins national robotics prize",
        "- yesterday",
        "",
        "Contact us",
        "Privacy policy",
        "© 2024 Example News. All rights reserved.",
    ]
)

PAGE_HTML = f"""<!doctype html>
<html><head>
<title>Council expands bus network to northern suburbs | Example News</title>
<meta property="og:title" content="Council expands bus network to northern suburbs">
<link rel="canonical" href="https://news.example.org/2024/03/buses">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Council expands bus network to northern suburbs</h1>
<div class="byline">By Jane Doe</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>
<h2>{SUBHEAD}</h2>
<p>{PARAGRAPHS[2]}</p>
<figure><img src="bus.jpg"><figcaption>Photo: John Smith</figcaption></figure>
<p>{PARAGRAPHS[3]}</p>
</article>
<aside class="related"><h3>Related</h3><ul>
<li><a href="/2024/03/bridge">Harbour bridge closed for repairs until June</a>
<time>2 hours ago</time></li>
<li><a href="https://other.example.org/robots">Local school wins national robotics prize</a>
<span>3 days ago</span></li>
</ul></aside></main>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>var tracking = "not text";</script>
</body></html>"""


def test_page_text_story_title_and_sidebar() -> None:
    result = split_page(PAGE_TEXT, "text/plain", FETCHED)
    assert result.title == "Council expands bus network to northern suburbs"
    assert result.paragraphs == PAGE_TEXT_STORY
    assert [entry.headline for entry in result.sidebar] == [
        "Harbour bridge closed for repairs until June",
        "Local school wins national robotics prize",
    ]
    assert [entry.age for entry in result.sidebar] == ["2 hours ago", "yesterday"]
    assert result.sidebar[0].published_at == FETCHED - timedelta(hours=2)
    assert result.sidebar[1].published_at == FETCHED - timedelta(days=1)
    assert result.confidence > 0.5


def test_page_text_drops_navigation_byline_share_credit_and_footer() -> None:
    story = "\n".join(split_page(PAGE_TEXT, "text/plain", FETCHED).paragraphs)
    for junk in ("Home", "By Jane Doe", "Share on Facebook", "Photo: John Smith", "Privacy"):
        assert junk not in story


def test_page_text_without_headline_first_line_has_no_title() -> None:
    page = PARAGRAPHS[0] + "\n" + PARAGRAPHS[1]
    result = split_page(page, "text/plain")
    assert result.title is None
    assert result.paragraphs == PARAGRAPHS[:2]


def test_html_story_title_and_sidebar_links() -> None:
    result = split_page(PAGE_HTML, "text/html", FETCHED)
    assert result.title == "Council expands bus network to northern suburbs"
    assert result.paragraphs == PAGE_TEXT_STORY
    assert [(entry.headline, entry.url) for entry in result.sidebar] == [
        (
            "Harbour bridge closed for repairs until June",
            "https://news.example.org/2024/03/bridge",
        ),
        ("Local school wins national robotics prize", "https://other.example.org/robots"),
    ]
    assert result.sidebar[0].age == "2 hours ago"
    assert result.sidebar[0].published_at == FETCHED - timedelta(hours=2)


def test_html_title_strips_site_name_without_h1() -> None:
    page = (
        "<html><head><title>Storm closes ports along the coast | The Daily Example</title>"
        f"</head><body><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></body></html>"
    )
    assert split_page(page, "text/html").title == "Storm closes ports along the coast"


def test_html_drops_script_nav_footer_and_share() -> None:
    story = "\n".join(split_page(PAGE_HTML, "text/html").paragraphs)
    for junk in ("tracking", "Home", "Tweet", "By Jane Doe", "Photo: John Smith", "Privacy"):
        assert junk not in story


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
def test_empty_page_has_empty_story_and_low_confidence(content_type: str) -> None:
    body = "Home\nNews\nContact us" if content_type == "text/plain" else "<ul><li>Home</li></ul>"
    result = split_page(body, "text/html" if content_type == "text/html" else "text/plain")
    assert result.paragraphs == []
    assert result.confidence < 0.2


def test_short_story_is_less_sure_than_a_long_one() -> None:
    short = split_page(f"Title here\n{PARAGRAPHS[0]}", "text/plain")
    long = split_page(PAGE_TEXT, "text/plain")
    assert short.paragraphs == [PARAGRAPHS[0]]
    assert short.confidence < long.confidence


def test_deep_nesting_and_huge_lines_grow_linearly() -> None:
    deep = "<div>" * 100_000 + f"<p>{PARAGRAPHS[0]}</p>" + "</div>" * 100_000
    assert split_page(deep, "text/html").paragraphs == [PARAGRAPHS[0]]
    line = "word cookie sign up for our "
    growth(lambda n: line * n, lambda text: split_page(text, "text/plain"), 5_000)
    growth(lambda n: f"<p>{line * n}</p>", lambda page: split_page(page, "text/html"), 5_000)


@pytest.mark.slow
def test_ten_megabytes_of_nested_divs_get_a_clear_result() -> None:
    deep = "<div>" * 1_000_000 + f"<p>{PARAGRAPHS[0]}</p>" + "</div>" * 1_000_000
    assert len(deep) > 10_000_000
    started = time.perf_counter()
    result = split_page(deep, "text/html")
    assert time.perf_counter() - started < 60.0  # linear: a few seconds on a busy machine
    assert result.paragraphs == [PARAGRAPHS[0]]


def test_section_front_has_no_story_but_a_sidebar() -> None:
    items = "".join(
        f'<li><a href="/news/{i}">Headline number {i} about the regional economy</a>'
        f"<span>{i} hours ago</span></li>"
        for i in range(1, 21)
    )
    page = f"<html><head><title>World | Example News</title></head><body><ul>{items}</ul>"
    result = split_page(page + "</body></html>", "text/html", FETCHED)
    assert result.paragraphs == []
    assert result.confidence == 0.0
    assert len(result.sidebar) == 20
    assert result.sidebar[1].age == "2 hours ago"
    assert result.sidebar[1].published_at == FETCHED - timedelta(hours=2)


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
def test_empty_body_is_an_empty_story(content_type: ContentType) -> None:
    for body in ("", "   \n  "):
        result = split_page(body, content_type)
        assert (result.paragraphs, result.sidebar, result.confidence) == ([], [], 0.0)


def test_verse_with_line_breaks_is_one_story() -> None:
    lines = [
        "I wander often from the way,",
        "And sin afflicts me every day:",
        "Oh, when shall I be pure again",
        "Christ leads me to the path again,",
        "And washes me from every stain,",
        "A cleansing full and sure.",
    ]
    stanza = "<br>\n".join(lines)
    page = f"<html><body><div class='post'><h1>A hymn</h1><div>{stanza}<br><br>{stanza}</div>"
    result = split_page(page + "</div></body></html>", "text/html")
    assert result.paragraphs == [" ".join(lines)] * 2


def test_comment_count_link_is_not_a_comments_heading() -> None:
    page = PAGE_HTML.replace(
        '<div class="byline">By Jane Doe</div>',
        '<div class="byline">By Jane Doe</div><a href="#comments">12 Comments</a>',
    )
    assert split_page(page, "text/html").paragraphs[0] == PARAGRAPHS[0]


def test_binary_garbage_is_unparseable() -> None:
    with pytest.raises(StageError) as caught:
        split_page("\x00\x01\x02\x03" * 1000, "text/html")
    assert caught.value.reason_code is ReasonCode.UNPARSEABLE_PAGE
    assert caught.value.stage == "split"


def test_story_only_keeps_lines_and_rejoins_wrapped_text() -> None:
    result = split_story_only(f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n\nshort wrapped\nline here\n")
    assert result.paragraphs == [PARAGRAPHS[0], PARAGRAPHS[1], "short wrapped line here"]
    assert (result.title, result.sidebar, result.confidence) == (None, [], 1.0)
    assert split_story_only(" \n\n ").paragraphs == []


def test_seed_article() -> None:
    result = split_page(SEED.read_text(encoding="utf-8"), "text/plain", FETCHED)
    assert result.title == (
        "US lawmakers urge Biden to use Washington's leverage for the release of Imran Khan"
    )
    assert len(result.paragraphs) == 15
    assert result.paragraphs[0].startswith("Islamabad: Pakistan on Thursday")
    assert result.paragraphs[-1].endswith("she added.")
    headlines = [entry.headline for entry in result.sidebar]
    assert len(headlines) == 12
    assert headlines[0] == "Trump and Musk have huge conflicts of interest. Who’s policing them?"
    assert result.sidebar[0].age == "5 hours ago"
    assert result.sidebar[3].age == "an hour ago"
    assert result.sidebar[3].published_at == FETCHED - timedelta(hours=1)
    story = "\n".join(result.paragraphs)
    assert not any(headline in story for headline in headlines)
    assert result.confidence > 0.8


def test_comment_thread_after_story_is_left_out() -> None:
    comment = (
        "I have lived in the northern suburbs for twenty years and I think this is the best "
        "news the council has given us in a very long time, so thank you for reporting it."
    )
    thread = "\n".join(
        f"{name}\nMarch {day}, 2024 at 9:1{day} am\n{comment}\nReply"
        for day, name in enumerate(["Ann", "Bob", "Cy", "Di"], start=1)
    )
    page = f"{PAGE_TEXT}\n3 Comments\n{thread}"
    result = split_page(page, "text/plain", FETCHED)
    assert result.paragraphs[-1] == PARAGRAPHS[3]
    assert comment not in result.paragraphs


def test_related_heading_list_becomes_sidebar() -> None:
    page = "\n".join(
        [
            *PARAGRAPHS,
            "Related stories",
            "Harbour bridge closed for repairs until June",
            "Local school wins national robotics prize",
        ]
    )
    result = split_page(page, "text/plain")
    assert [entry.headline for entry in result.sidebar] == [
        "Harbour bridge closed for repairs until June",
        "Local school wins national robotics prize",
    ]
    assert all(entry.age is None and entry.published_at is None for entry in result.sidebar)
    assert result.paragraphs == PARAGRAPHS


def test_related_box_inside_the_story_does_not_cut_it() -> None:
    page = "\n".join(
        [
            "Council expands bus network to northern suburbs",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            "Related stories",
            "Harbour bridge closed for repairs until June",
            "Local school wins national robotics prize",
            PARAGRAPHS[2],
            PARAGRAPHS[3],
            "Contact us",
        ]
    )
    result = split_page(page, "text/plain")
    assert result.paragraphs == PARAGRAPHS
    assert [entry.headline for entry in result.sidebar] == [
        "Harbour bridge closed for repairs until June",
        "Local school wins national robotics prize",
    ]


def test_table_rows_in_page_text_stay_in_the_story() -> None:
    rows = ["City\tPrice\tChange", "Phoenix\t$83\t28.7%", "Denver\t$147\t8.5%"]
    page = "\n".join(["Home prices rise again", PARAGRAPHS[0], *rows, PARAGRAPHS[1]])
    result = split_page(page, "text/plain")
    assert result.paragraphs == [PARAGRAPHS[0], *(" ".join(r.split()) for r in rows), PARAGRAPHS[1]]


def _html(body: str, title: str = "Council expands bus network to northern suburbs") -> str:
    return f"<html><head><title>{title} | Example News</title></head><body>{body}</body></html>"


def _post_ending_with(tail: str) -> list[str]:
    """The paragraphs kept from a post of PARAGRAPHS with `tail` after them, inside the post."""
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"{tail}</div>"
    )
    return split_page(_html(body), "text/html").paragraphs


LONG_COMMENT = " ".join(
    f"Comment sentence number {n} says that the council should also look at the trams, "
    "because the buses are always late in the winter months."
    for n in range(12)
)


def test_one_long_comment_does_not_outweigh_the_story_above_the_thread() -> None:
    comments = "".join(
        f'<div class="c"><div class="who">{name} said,</div><div class="text">{text}</div></div>'
        for name, text in [("Ann", f"<p>{LONG_COMMENT}</p>" * 6), ("Bob", "Agreed."), ("Cy", "Ok.")]
    )
    body = (
        f"<h1>Council expands bus network to northern suburbs</h1><div><p>{PARAGRAPHS[0]}</p>"
        f"<p>{PARAGRAPHS[1]}</p></div><h3>3 Responses</h3>{comments}"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS[:2]


def test_comment_author_lines_ending_in_a_comma_frame_a_thread() -> None:
    comments = "\n".join(
        f"{name} said,\n" + (f"{LONG_COMMENT}\n" * 6 if name == "A" else "Nice.") for name in "ABCD"
    )
    page = f"Bus plan approved\n{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n{comments}"
    result = split_page(page, "text/plain")
    assert result.paragraphs == PARAGRAPHS[:2]


def test_two_sentences_without_a_final_stop_are_prose() -> None:
    caption = (
        "Sam makes lovely illustrations! The portraits above are of famous actors, "
        "scientists and mathematicians. Go get inspired here"
    )
    body = (
        '<div class="menu"><a href="/">Home</a> <a href="/a">Archive</a></div>'
        f"<h1>Sam the illustrator</h1><div class='post'><p>{caption}</p></div>"
    )
    result = split_page(_html(body, "Sam the illustrator"), "text/html")
    assert result.paragraphs == [caption]


def test_story_split_between_a_lede_box_and_the_body_is_found_whole() -> None:
    lede = PARAGRAPHS[0]
    items = [f"Route {n} will run every {n + 5} minutes from the station" for n in (1, 2, 3)]
    more = " ".join(items)
    body = (
        "<article><h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='lede'><p>{lede}</p></div>"
        f"<div class='body'><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div>"
        "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        f"<div class='extra'><p>{more}</p></div></article>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs[:3] == PARAGRAPHS[:3]
    assert items[0] in result.paragraphs


def test_link_items_and_linked_sentences_in_the_story_list_stay() -> None:
    linked = "<a href='/x'>The mayor said the council would review the timetable</a> soon."
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{linked}</p><p>{PARAGRAPHS[1]}</p><ul>"
        f"<li>{PARAGRAPHS[2]}</li><li><a href='/r'>Read the full route plan online</a></li>"
        f"<li>{PARAGRAPHS[3]}</li></ul></div>"
    )
    result = split_page(_html(body), "text/html")
    assert "The mayor said the council would review the timetable soon." in result.paragraphs
    assert "Read the full route plan online" in result.paragraphs


def test_about_blog_blurb_beside_the_story_is_not_story() -> None:
    blurb = (
        "Every day I write about life in the city, its buses, its trains and its people, "
        "from my small flat above the old harbour."
    )
    body = (
        f'<div class="sidebar"><p>{blurb}</p></div>'
        f"<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS[:2]


def test_picture_post_story_is_the_lines_under_its_headline() -> None:
    blurb = (
        "All photos on this site are licensed for reuse with attribution, so please link "
        "back here when you share them."
    )
    body = (
        f"<nav><a href='/'>Home</a></nav><div><p>{blurb}</p></div>"
        "<div class='post'><h2>Velvet and shine</h2><div>Photos by Eirik in Paris</div>"
        "<img src='a.jpg'><img src='b.jpg'></div><h3>Archive</h3>"
    )
    result = split_page(_html(body, "Velvet and shine"), "text/html")
    assert result.paragraphs == ["Photos by Eirik in Paris"]


def test_list_under_a_meta_class_inside_the_story_stays() -> None:
    items = ["The opening ceremony will be broadcast live", "Delegates will attend all week"]
    body = (
        "<article><h1>Council expands bus network to northern suburbs</h1>"
        f"<p>{PARAGRAPHS[0]}</p><ul class='meta-list'>"
        + "".join(f"<li>{item}</li>" for item in items)
        + f"</ul><p>{PARAGRAPHS[1]}</p></article>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [PARAGRAPHS[0], *items, PARAGRAPHS[1]]


def test_headline_is_the_title_without_the_blog_name_joined_to_it() -> None:
    caption = "Ten pictures from the bus depot, taken at dawn on the first day of the new routes."
    blurb = (
        "Our blog has covered the city's buses, trams and trains since 2005, with pictures "
        "and notes from our readers."
    )
    body = (
        f"<nav><a href='/'>Home</a></nav><div class='about'><p>{blurb}</p></div>"
        f"<div class='post'><h3>Dawn at the depot</h3><p>{caption}</p></div>"
    )
    html = (
        "<html><head><title>City Transit Blog: Dawn at the depot</title></head>"
        f"<body>{body}</body></html>"
    )
    result = split_page(html, "text/html")
    assert result.title == "Dawn at the depot"
    assert result.paragraphs[-1] == caption


def test_picture_post_whose_only_prose_is_a_comment_keeps_its_own_lines() -> None:
    comment = "Looks amazing! My family always makes this one. Thanks for the recipe."
    body = (
        "<nav><a href='/'>Home</a></nav><div class='post'><h2>Next up: pumpkin pie</h2>"
        "<div>Video coming on Friday</div><img src='pie.jpg'></div>"
        f"<div class='comments'><p>{comment}</p></div>"
    )
    result = split_page(_html(body, "Next up: pumpkin pie"), "text/html")
    assert result.paragraphs == ["Video coming on Friday"]


def test_headline_is_the_heading_over_the_post_when_og_title_is_the_site_name() -> None:
    body = (
        "<div class='masthead'><div>City Transit Blog</div><p>Notes on buses and trams.</p>"
        "</div><div class='post'><h2><a href='/p/1'>Council expands bus network to northern"
        f" suburbs</a></h2><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
    )
    html = (
        '<html><head><meta property="og:title" content="City Transit Blog">'
        "<title>Council expands bus network to northern suburbs - City Transit Blog</title>"
        f"</head><body>{body}</body></html>"
    )
    result = split_page(html, "text/html")
    assert result.title == "Council expands bus network to northern suburbs"
    assert result.paragraphs == PARAGRAPHS[:2]


def test_a_blogs_name_over_the_post_sharing_only_a_function_word_is_no_headline() -> None:
    # the h1 carries the headline; the blog's name in a heading right over the post shares
    # only "the" with the title: half its words, none of them a word of the headline
    body = (
        "<h1>Council expands the bus network to northern suburbs</h1>"
        "<div class='blog-header'><h2>The Commuter</h2></div>"
        f"<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
    )
    result = split_page(
        _html(body, "Council expands the bus network to northern suburbs"), "text/html"
    )
    assert result.title == "Council expands the bus network to northern suburbs"
    assert result.paragraphs == PARAGRAPHS[:2]


def test_list_announced_by_a_colon_stays_even_past_the_story_and_as_links() -> None:
    intro = "The council published the new routes, which start running in April:"
    routes = [
        "<a href='/r1'>Route 41 from the station to the hospital every ten minutes</a>",
        "<a href='/r2'>Route 42 from the harbour to the university every twenty minutes</a>",
    ]
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{intro}</p><ul>"
        + "".join(f"<li>{route}</li>" for route in routes)
        + "</ul></div><div class='footer'><a href='/about'>About us</a></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs[:2] == [PARAGRAPHS[0], intro]
    last = "Route 42 from the harbour to the university every twenty minutes"
    assert last in result.paragraphs


def test_author_bio_after_the_story_is_not_story() -> None:
    bio = (
        "Jane Doe has covered transport and city hall for the paper since 2009, and before "
        "that she wrote about the harbour for a weekly in the south."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<p>{PARAGRAPHS[2]}</p></div><div class='author-box'><p>{bio}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS[:3]


def test_teasers_ending_in_read_more_are_not_story() -> None:
    teaser = (
        "The harbour bridge will close for repairs from March until June, and ferries will "
        "run more often while it is shut. Read more..."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
        f"<div class='item'><h3>Harbour bridge to close</h3><p>{teaser}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS[:2]


CAPTION = (
    "Passengers board one of the new electric buses at the central station on Monday, "
    "the first day of the trial. Photo: John Smith/Example Agency"
)


def test_caption_of_a_figure_inside_the_story_is_not_story() -> None:
    body = (
        "<h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<figure><img src='bus.jpg'><figcaption>{CAPTION}</figcaption></figure>"
        f"<div class='wp-caption-text'>{CAPTION.replace('Monday', 'Tuesday')}</div>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_gallery_whose_story_is_its_captions_keeps_them() -> None:
    figures = "".join(
        f"<figure><img src='{i}.jpg'><figcaption>{paragraph}</figcaption></figure>"
        for i, paragraph in enumerate(PARAGRAPHS)
    )
    body = f"<h1>Council expands bus network to northern suburbs</h1><div class='post'>{figures}"
    result = split_page(_html(body + "</div>"), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_photo_blog_that_tells_its_story_in_many_captions_keeps_them() -> None:
    captions = [
        f"Here is stop number {n} of the new route, right by the old mill." for n in range(6)
    ]
    figures = "".join(
        f"<div class='wp-caption'><img src='{n}.jpg'><p class='wp-caption-text'>{caption}</p></div>"
        for n, caption in enumerate(captions)
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{figures}"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [*PARAGRAPHS[:2], *captions, *PARAGRAPHS[2:]]


@pytest.mark.parametrize(
    "lead_in",
    [
        "Mehr zum Thema",
        "Veja também:",
        "Lesen Sie auch",
        "À lire aussi",
        "Czytaj też:",
        "NOTAS RELACIONADAS",
        "Artigos relacionados",
        "Articles en relation",
        "Empfohlene Beiträge",
    ],
)
def test_read_also_heading_and_its_links_after_the_story_are_not_story(lead_in: str) -> None:
    links = "".join(
        f"<p><a href='/news/{n}'>Harbour bridge closed for repairs until June, part {n}</a></p>"
        for n in range(3)
    )
    assert _post_ending_with(f"<p><strong>{lead_in}</strong></p>{links}") == PARAGRAPHS


@pytest.mark.parametrize(
    "lead_in",
    ["Read also:", "Czytaj też:", "Leia também:", "Lee también:", "VEA TAMBIÉN:", "Lea:", "Read:"],
)
def test_read_also_line_with_its_link_inside_the_story_is_not_story(lead_in: str) -> None:
    headline = "Bridge closed for repairs. Will ferries run more often?"
    line = f"{lead_in} <a href='/news/1'>{headline}</a>"
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{line}</p>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "credit",
    [
        "Beitragsbild: Titelseite vom 2. April, Ausriss",
        "Crédits photos : Agence Exemple",
        "Quelle: Landesregierung",
        "Abbildung: Vergleich der Linien",
    ],
)
def test_credit_and_source_lines_in_other_languages_are_not_story(credit: str) -> None:
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{credit}</p>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "widget",
    [
        "<section class='kommentare'><p>Keine Kommentare (erscheinen nach Freigabe)</p></section>",
        "<span class='post-ratings'>(Noch keine Bewertungen) Loading...</span>",
    ],
)
def test_empty_comment_and_rating_widgets_in_other_languages_are_not_story(widget: str) -> None:
    assert _post_ending_with(widget) == PARAGRAPHS


@pytest.mark.parametrize(
    "tail", ["<h3>Support our newsroom today</h3>", "<p><strong>The route map:</strong></p>"]
)
def test_heading_or_colon_line_with_no_story_after_it_is_not_story(tail: str) -> None:
    embed = "<iframe src='https://maps.example.org/embed'></iframe>"
    assert _post_ending_with(tail + embed) == PARAGRAPHS


def test_subhead_followed_by_story_stays() -> None:
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><h2>{SUBHEAD}</h2>"
        f"<p>{PARAGRAPHS[2]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [*PARAGRAPHS[:2], SUBHEAD, PARAGRAPHS[2]]


def test_author_bio_box_whose_class_is_a_compound_is_not_story() -> None:
    bio = (
        "Jane Doe writes about transport and city hall, and before that she covered the "
        "harbour for a weekly paper in the south of the county."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='post'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<p>{PARAGRAPHS[2]}</p><div class='ArticlePage-authorInfo-bio'><p>{bio}</p></div>"
        f"<p>{PARAGRAPHS[3]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


# Lines that look like comment markers and lines that nearly do: the prefilter must pass every
# line the regex matches.
_MARKER_ALPHABET = st.sampled_from(
    [
        *"aAbcdeilmnoprstuwyPRSW :,.()/-0123456789",
        *("reply", "says", "wrote", "(score:", "pm"),
        *("Login to reply", "like", "FLAG", "report", " abuse", "permalink"),
    ]
)


@given(st.lists(_MARKER_ALPHABET, max_size=30).map("".join))
def test_comment_marker_prefilter_passes_every_marker(line: str) -> None:
    if COMMENT_MARKER.match(line):
        assert may_be_marker(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reply",
        "Log in to reply",
        "Report abuse",
        "Permalink",
        "Jane Doe from Ohio says:",
        "A reader in Leeds writes:",
        "Kurt Vonnegut once wrote:",
        "And then her neighbour said,",
        "(Score: Funny, Insightful)",
        "August 9th, 2012 at 2:36 pm",
        "posted 3 hours ago at 10:45",
        "Comment left on 12/03/2021",
        "Comment left on 9/9/99",
    ],
)
def test_comment_marker_prefilter_passes_real_markers(line: str) -> None:
    assert COMMENT_MARKER.match(line)
    assert may_be_marker(line)


def test_comment_marker_prefilter_spares_plain_headlines() -> None:
    assert not may_be_marker("Floods cut off villages in the north of the country")


@pytest.mark.parametrize("line", ["World", "Sport", "Contact us", "Replying", "Shared"])
def test_comment_marker_prefilter_spares_short_labels(line: str) -> None:
    # most lines of a page are menu items: only a whole action word can be a marker
    assert not COMMENT_MARKER.match(line)
    assert not may_be_marker(line)


def test_sign_up_promo_and_footer_boxes_inside_the_story_are_not_story() -> None:
    pitch = (
        "Get the best of our local reporting in your inbox every morning, picked by the "
        "editors, and never miss a story that matters to your neighbourhood."
    )
    promo = "Our partner offers the cheapest electricity in the region, so switch today and save."
    footnote = "This article may not be reproduced without the written permission of the paper."
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><article class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<div class='newsletter-signup'><p>{pitch}</p></div>"
        f"<p>{PARAGRAPHS[2]}</p><div class='promo-box'><p>{promo}</p></div>"
        f"<p>{PARAGRAPHS[3]}</p><div class='article-footer'><p>{footnote}</p></div></article>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_story_whose_whole_element_is_classed_share_stays() -> None:
    body = (
        "<h1>Council expands bus network to northern suburbs</h1>"
        "<div class='entry-content share-enabled'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_camel_case_class_names_mark_captions_and_sign_up_boxes() -> None:
    pitch = (
        "Get the best of our local reporting in your inbox every morning, picked by the "
        "editors, and never miss a story that matters to your neighbourhood."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='storyText'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<div class='articleGalleryCaption'><img src='bus.jpg'><div>{CAPTION}</div></div>"
        f"<p>{PARAGRAPHS[2]}</p><div class='NewsletterModule'><p>{pitch}</p></div>"
        f"<p>{PARAGRAPHS[3]}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_camel_case_content_class_does_not_make_a_sidebar_widget_the_story() -> None:
    blurb = (
        "This blog is written by a retired teacher who has lived in the northern suburbs for "
        "forty years and has opinions about every bus route in the county, old and new."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div><div class='widget'><div class='moduleContent'>"
        f"<p>{blurb}</p><p>{blurb.replace('forty', 'fifty')}</p></div></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_gallery_box_of_many_captions_beside_the_story_is_not_story() -> None:
    captions = [f"Passengers wait at stop number {n} on Monday, the first day." for n in range(8)]
    gallery = "".join(
        f"<div class='gallery-item'><img src='{n}.jpg'><p>{caption}</p></div>"
        for n, caption in enumerate(captions)
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><article><div class='story'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div><div class='slideshow'>{gallery}"
        f"</div><div class='story'><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div></article>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "pitch",
    [
        "Enjoyed this story? Become a member today and support our independent local reporting.",
        "Get the latest news straight to your phone: download our app for iOS and Android.",
        "Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
        "Hacemos periodismo desde hace cien años. ¡Suscríbete y recibe las noticias del día!",
        "¡Mira lo que tiene nuestro canal de YouTube!",
    ],
)
def test_the_publishers_pitch_after_the_story_is_not_story(pitch: str) -> None:
    assert _post_ending_with(f"<p>{pitch}</p>") == PARAGRAPHS


def test_a_last_paragraph_about_subscribers_is_story() -> None:
    last = "The operator says the new routes already have more than two thousand subscribers."
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in [*PARAGRAPHS, last])
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [*PARAGRAPHS, last]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "This post contains affiliate links: we may receive compensation when you buy.",
            "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.",
        ),
        (
            "*Werbung. Dieser Beitrag enthält Werbung für einen Busreiseanbieter.",
            "This article is the copyrighted property of Example News and may not be reprinted.",
        ),
    ],
)
def test_disclosures_and_rights_notes_around_the_story_are_not_story(
    before: str, after: str
) -> None:
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in [before, *PARAGRAPHS, after])
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


def test_a_story_line_about_an_affiliate_station_is_story() -> None:
    first = "The local affiliate station reported the vote first, before the council confirmed it."
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in [first, *PARAGRAPHS])
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [first, *PARAGRAPHS]


def test_a_last_line_pointing_to_more_of_the_story_stays() -> None:
    last = "Click here for the full timetable of the new routes and the stops they serve."
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in [*PARAGRAPHS, last])
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [*PARAGRAPHS, last]


def test_a_comment_count_under_the_headline_does_not_open_the_thread() -> None:
    bio = (
        "Jane Doe is a writer at Example News, where she covers transport, city hall and the "
        "harbour. Previously she wrote for a weekly paper in the south of the county, and "
        "before that she was a bus driver for six years, which is how she learnt what the "
        "timetables on the northern routes leave out."
    )
    body = "\n".join(
        [
            "Council expands bus network to northern suburbs | Example News",
            "Home",
            "News",
            "Council expands bus network to northern suburbs",
            "Jane Doe",
            bio,
            "posted 35 mins ago",
            "Comments",
            *PARAGRAPHS,
            "Contact us",
        ]
    )
    result = split_page(body, "text/plain")
    assert result.paragraphs == PARAGRAPHS


def test_hard_wrapped_story_lines_in_page_text_are_read_as_their_paragraphs() -> None:
    wrapped = [
        "The city council voted on Tuesday to expand the bus network, adding",
        "four routes that will connect the northern suburbs with the hospital",
        "district by next spring.",
        "Officials said the plan would cost about twelve million dollars over",
        "three years and would be paid for by a regional transport levy.",
    ]
    body = "\n".join(
        [
            "Council expands bus network to northern suburbs",
            *["Home", "News", "Sport", "Weather", "Contact us"],
            *wrapped,
            *["Most read", "Harbour bridge closed", "Local school wins prize"],
        ]
    )
    result = split_page(body, "text/plain")
    assert result.paragraphs == [" ".join(wrapped[:3]), " ".join(wrapped[3:])]


def test_a_lower_case_line_under_a_short_or_finished_line_stays_apart() -> None:
    body = "Council votes on buses\nby jane doe\nThe vote was close.\nand then it rained"
    assert [block.text for block in text_blocks(body)] == body.split("\n")


def test_a_camel_case_teaser_class_on_the_standfirst_does_not_make_it_a_sidebar() -> None:
    standfirst = (
        "Four new routes will link the northern suburbs with the hospital district, the "
        "council decided on Tuesday after a long debate."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><article>"
        f"<div class='storyTeaser'><p>{standfirst}</p></div><div class='storyBody'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div></article>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [standfirst, *PARAGRAPHS]


def test_a_teaser_text_standfirst_over_the_story_is_story_but_teasers_are_not() -> None:
    standfirst = (
        "Four new routes will link the northern suburbs with the hospital district, the "
        "council decided on Tuesday after a long debate."
    )
    blurb = (
        "The harbour bridge will close for repairs from March until June, and ferries will "
        "run more often while it is shut, the port authority said."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='news-single'>"
        f"<div class='teaser-text'><p>{standfirst}</p></div>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + f"</div><div class='teaser'><h3>Harbour bridge to close</h3><p>{blurb}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [standfirst, *PARAGRAPHS]


CONSENT = [
    "We and our partners use technologies such as cookies to store and access information on "
    "your device, to measure how the site is used and to show you personalised advertising "
    "and content that may interest you on this and other websites we work with.",
    "Technical storage or access is strictly necessary for the legitimate purpose of enabling "
    "the use of a specific service explicitly requested by the subscriber or user, or for the "
    "sole purpose of carrying out the transmission of a communication over the network.",
    "Technical storage or access used exclusively for statistical purposes, which without a "
    "subpoena or the voluntary compliance of your internet service provider cannot be used "
    "on its own to identify you, and which helps us to improve the pages over time.",
]


@pytest.mark.parametrize("dialog", ["cmplz-cookiebanner", "privacy-popup", "CookieConsent"])
def test_a_consent_dialog_longer_than_a_short_story_is_not_story(dialog: str) -> None:
    # the dialog's text is prose, and inside it a "text" element; it still lies over the page
    body = (
        "<h1>Council expands bus network to northern suburbs</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
        f"<div class='{dialog}'><div class='message-text'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in CONSENT)
        + "</div></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS[:2]


@pytest.mark.parametrize(
    "classes",
    [
        "body class='modal-open cookie-consent-shown'",  # the page's state, on <body>
        "body><div class='post tag-cookie-recipes category-popup-shops'",  # the post's topics
    ],
)
def test_dialog_words_on_the_body_or_in_a_posts_tags_do_not_hide_the_story(classes: str) -> None:
    page = (
        "<html><head><title>Council expands bus network to northern suburbs</title></head>"
        f"<{classes}><h1>Council expands bus network to northern suburbs</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "<div class='sidebar'><p>"
        + CONSENT[0].replace("cookies", "newsletters")
        + "</p></div></body></html>"
    )
    result = split_page(page, "text/html")
    assert result.paragraphs == PARAGRAPHS
    assert not any(block.hints & Hint.DIALOG for block in html_blocks(page).blocks)


@pytest.mark.parametrize(
    ("wrapper", "inner"),
    [
        ("elementor-widget-wrap", "elementor-widget-container"),  # a page builder's boxes
        ("td-post-content td-pb-padding-side", "inner"),  # a spacing class
        ("grid grid-is-bottom", "grid-col"),  # a position in a layout grid
    ],
)
def test_layout_classes_that_end_in_widget_side_or_bottom_leave_the_story_as_story(
    wrapper: str, inner: str
) -> None:
    blurb = (
        "This blog is written by a retired teacher who has lived in the northern suburbs for "
        "forty years and has opinions about every bus route in the county, old and new."
    )
    body = (
        "<h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='{wrapper}'><div class='{inner}'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[:2])
        + f"</div></div><div class='widget widget_text'><p>{blurb}</p>"
        f"<p>{blurb.replace('forty', 'fifty')}</p><p>{blurb.replace('forty', 'sixty')}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS[:2]
    blocks = html_blocks(_html(body)).blocks
    assert not any(block.hints & BOILERPLATE for block in blocks if block.text in PARAGRAPHS)
    assert all(block.hints & Hint.SIDEBAR for block in blocks if block.text.startswith("This"))


STANDFIRST = (
    "Four new routes will link the northern suburbs with the hospital district, but evening "
    "buses will still stop running before ten o'clock, and the levy that pays for them rises."
)


def test_a_standfirst_above_a_share_bar_and_the_body_is_the_storys_lead() -> None:
    share = "".join(
        f"<li><a href='/share/{name}'>{name}</a></li>"
        for name in ("E-Mail", "Share", "Tweet", "Pocket", "Print", "WhatsApp", "Flipboard")
    )
    body = (
        "<nav><a href='/'>Home</a></nav><article><div class='articlehead'><h1>Council "
        "expands bus network to northern "
        f"suburbs</h1><p class='subtitle'>{STANDFIRST}</p><p class='author'>By Jane Doe</p>"
        f"</div><ul class='tools'>{share}</ul><ul class='tools'>{share}</ul>"
        "<div class='articlebody'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div></article><aside><p>"
        + STANDFIRST.replace("Four", "Five")
        + "</p></aside>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [STANDFIRST, *PARAGRAPHS]


def test_a_blurb_in_a_box_between_the_headline_and_the_story_is_not_its_lead() -> None:
    links = "".join(f"<li><a href='/{n}'>Section number {n}</a></li>" for n in range(8))
    body = (
        "<nav><a href='/'>Home</a></nav><h1>Council expands bus network to northern suburbs</h1>"
        f"<div class='promo-box'><p>{STANDFIRST}</p></div><ul>{links}</ul>"
        "<div class='articlebody'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == PARAGRAPHS


DEK = "Four new routes will link the northern suburbs with the hospital district by spring"


@pytest.mark.parametrize(
    ("under_headline", "kept"),
    [
        (f"<h2>{DEK}</h2>", [DEK]),  # a subtitle: the story's first line
        ("<h2>Transport and roads</h2>", []),  # a label
        (f"<h2><a href='/routes'>{DEK}</a></h2>", []),  # a link to another page
    ],
)
def test_a_sentence_long_subtitle_under_the_headline_opens_the_story(
    under_headline: str, kept: list[str]
) -> None:
    body = (
        "<nav><a href='/'>Home</a></nav><article><h1>Council expands bus network to northern "
        f"suburbs</h1>{under_headline}<p class='author'>By Jane Doe</p><div class='text'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
        + "</div></article>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [*kept, *PARAGRAPHS]


def test_lines_of_links_between_the_storys_paragraphs_stay_but_not_after_them() -> None:
    petition = "<a href='https://petition.example.org/buses'>Sign the petition for night buses</a>"
    source = "<a href='https://council.example.org/minutes/2024-03'>council.example.org/minutes</a>"
    body = (
        "<nav><a href='/'>Home</a></nav><h1>Council expands bus network to northern suburbs"
        "</h1><div class='post'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{source}</p>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p><p>{petition}</p></div>"
    )
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [*PARAGRAPHS[:2], "council.example.org/minutes", *PARAGRAPHS[2:]]


@pytest.mark.parametrize("heading", ["{ 167 comments }", "[12 Comments]", "(3) Responses"])
def test_a_comment_count_in_brackets_opens_the_thread_in_page_text(heading: str) -> None:
    comments = [
        line
        for n in range(20)
        for line in (f"Reader Number{n}", LONG_COMMENT.replace("number", f"n{n}")[:400] + ".")
    ]
    page = "\n".join(
        ["Council expands bus network to northern suburbs", *PARAGRAPHS, heading, *comments]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "closer", ["Über den Autor", "À propos de l'auteur", "Kommentare geschlossen"]
)
def test_an_about_the_author_or_comments_closed_line_in_other_languages_ends_the_story(
    closer: str,
) -> None:
    bio = (
        "Jane Doe schreibt seit 2009 über den Verkehr und das Rathaus der Stadt, und sie "
        "ist mit dem Bus unterwegs, wann immer es geht, auch in der Nacht."
    )
    page = "\n".join(
        [
            "Council expands bus network to northern suburbs",
            *PARAGRAPHS,
            closer,
            bio,
            bio.replace("2009", "2011"),
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize("reading_time", ["5 min read", "4 Minuten Lesezeit", "Lesezeit: 3 Min."])
def test_a_reading_time_line_is_not_story(reading_time: str) -> None:
    assert _post_ending_with(f"<p>{reading_time}</p><p>{PARAGRAPHS[0]}</p>") == [
        *PARAGRAPHS,
        PARAGRAPHS[0],
    ]


@pytest.mark.parametrize("wrapped", [True, False])
def test_short_lines_of_a_page_wrapped_in_a_form_stay_but_not_a_form_box(wrapped: bool) -> None:
    # (forms do not nest: a page wrapped in one has no form box inside it)
    box = "" if wrapped else "<form action='/signup'><div>Your email address</div></form>"
    story = (
        f"<div class='text'><p>{PARAGRAPHS[0]}</p><div>{SUBHEAD}</div><p>{PARAGRAPHS[1]}</p>"
        f"{box}<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    page = (
        "<nav><a href='/'>Home</a></nav>"
        f"<h1>Council expands bus network to northern suburbs</h1>{story}"
    )
    body = f"<form id='pageForm' action='/page'>{page}</form>" if wrapped else page
    result = split_page(_html(body), "text/html")
    assert result.paragraphs == [PARAGRAPHS[0], SUBHEAD, *PARAGRAPHS[1:]]


def test_a_long_reprint_notice_is_not_story() -> None:
    notice = (
        "This copy is for your personal, non-commercial use only. Distribution and use of "
        "this material are governed by our subscriber agreement and by copyright law, and "
        "presentation-ready copies for distribution to colleagues or customers can be ordered."
    )
    page = "\n".join(
        ["Council expands bus network to northern suburbs", *PARAGRAPHS, notice, "Contact us"]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_story_starts_below_its_headline_not_in_the_box_above_it() -> None:
    about = (
        "About the blog: Jane Doe has written about buses, trams and the people who run them "
        "for twenty years, and this is where she keeps her notes on the city's transport."
    )
    headline = "Council expands bus network to northern suburbs"
    page = "\n".join(
        [f"{headline} | Jane's Transport Notes", "Home", about, "Archives", headline, *PARAGRAPHS]
    )
    result = split_page(page, "text/plain")
    assert result.title == headline
    assert result.paragraphs == PARAGRAPHS


def test_page_text_share_bar_under_the_headline_does_not_close_the_story() -> None:
    teasers = [
        "Which of the city's new routes will carry the most riders in their first year?",
        "A look ahead to the weekend's road closures and the diversions that come with them.",
        "Our reporters scour the region for the best walks, rides and days out this autumn.",
    ]
    headline = "Council expands bus network to northern suburbs"
    page = "\n".join(
        [
            f"{headline} | Example News",
            *teasers,
            "Contact us",
            "Sport",
            "Weather",
            "Traffic",
            headline,
            "Last updated: March 21, 2024 9:22pm",
            "Tweet",
            "Share on Facebook",
            "Save to reddit",
            "Sponsored: win a weekend away",
            "Claim your prize now",
            *PARAGRAPHS,
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_a_bookmark_the_permalink_line_closes_the_story() -> None:
    about = (
        "The editorial board writes here about the city's transport, its schools and its "
        "budget, and it has kept this blog open to readers since the spring of 2009."
    )
    page = "\n".join(
        [
            "Council expands bus network to northern suburbs",
            *PARAGRAPHS,
            "This entry was posted in City Hall by Jane Doe. Bookmark the permalink.",
            "Post navigation",
            "About this blog",
            about,
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
def test_a_story_the_page_shows_twice_is_told_once(content_type: ContentType) -> None:
    headline = "Council expands bus network to northern suburbs"
    if content_type == "text/plain":
        page = "\n".join([headline, *PARAGRAPHS[:2], "Updated 9:16 a.m.", *PARAGRAPHS[:2]])
    else:
        copy = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[:2])
        page = _html(
            f"<h1>{headline}</h1><div>{copy}</div><div>Updated 9:16</div><div>{copy}</div>"
        )
    assert split_page(page, content_type).paragraphs == PARAGRAPHS[:2]


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
def test_a_thought_on_the_post_heading_opens_the_thread(content_type: ContentType) -> None:
    heading = "One thought on “Council expands bus network to northern suburbs”"
    comment = (
        "Thanks for this report. I take the bus to the hospital every week and the new routes "
        "would save me an hour each way, so I hope the council keeps its promise this time, "
        "and that the evening service is extended before the winter comes."
    )
    lines = [*PARAGRAPHS, heading, "Shea", comment]
    if content_type == "text/plain":
        page = "\n".join(["Council expands bus network to northern suburbs", *lines])
    else:
        page = _html(
            "<h1>Council expands bus network to northern suburbs</h1><div class='entry'>"
            + "".join(f"<p>{line}</p>" for line in lines)
            + "</div>"
        )
    assert split_page(page, content_type).paragraphs == PARAGRAPHS


def test_page_text_headline_line_may_carry_a_suffix_after_the_whole_title() -> None:
    headline = "Council expands bus network to northern suburbs"
    bio = (
        "I live in the city, I ride its buses and I write about both. Here I share the "
        "stories of the people who drive them."
    )
    page = "\n".join(
        [
            f"{headline} - Video - Jane's Notes",
            "Jane on Twitter",
            bio,
            *("Archives", "Most read", "Manifesto", "Favourite books", "Favourite quotes"),
            *("Jane on LinkedIn", "Featured in the Daily Example"),
            f"{headline} - Video via example.org",
            "You do not need a car to cross the city. The bus will take you there now.",
            "while waiting at the stop;",
            "on the night bus home.",
            "Design by Example",
        ]
    )
    result = split_page(page, "text/plain")
    assert bio not in result.paragraphs
    assert result.paragraphs[0].startswith("You do not need a car")


def test_page_text_short_story_under_the_second_copy_of_its_headline() -> None:
    headline = "Council expands bus network to northern suburbs"
    toolbar = ["Article", "Print", "E-mail", "Reprints", "Business", "Markets", "Tech"]
    top = [f"{headline} - Example News", "Home", "World", headline, *toolbar]
    page = "\n".join([*top, headline, "By Jane Doe", PARAGRAPHS[0], "Contact us", "Privacy"])
    assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0]]


def test_page_text_comments_tab_under_the_headline_does_not_open_the_thread() -> None:
    headline = "Council expands bus network to northern suburbs"
    toolbar = ["Text Size", "Print", "E-mail", "Reprints", "By Jane Doe", "Example News"]
    top = [f"{headline} - Example News", "Home", headline, *toolbar, *PARAGRAPHS[:2]]
    tabs = ["Loading...", "Comments", "Weigh In"]
    rest = [
        *PARAGRAPHS[2:],
        "Bus drivers' representatives said they had not been consulted on the new shifts and "
        "would raise the matter with the transport authority at its next meeting in April.",
        "The first of the new routes is due to open in September, when the council will also "
        "publish the timetables for the hospital district and the northern suburbs.",
    ]
    page = "\n".join([*top, *tabs, *rest, "Contact us"])
    assert split_page(page, "text/plain").paragraphs[-4:] == rest


def test_page_text_photo_gallery_is_left_out_and_the_story_goes_on_below_it() -> None:
    captions = [
        f"Residents of the {street} wait for the new bus at the stop near the hospital on Monday."
        for street in ("north end", "old town", "harbour", "river district", "market quarter")
    ]
    gallery = [*captions, *["Photos: the new buses"] * len(captions), "HIDE CAPTION", "<"]
    pager = [str(number) for number in range(1, len(captions) + 1)]
    page = "\n".join(
        [
            "Council expands bus network to northern suburbs",
            *PARAGRAPHS[:2],
            *gallery,
            *pager,
            ">",
            *PARAGRAPHS[2:],
            "Contact us",
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_thread_signed_by_names_alone_is_left_out() -> None:
    # a thread with no dates or "Reply" lines: each comment under its author's name, some
    # after the address of their site, one author answering twice
    comments = [
        ("Ann Baker", "I take the number nine bus every morning and this will save me a change."),
        ("http://example.org/bob Bob", "Will the new routes run on Sundays as well, I wonder?"),
        ("janedoe", "Thanks for the question, Bob: the council says they will, from June."),
        ("Cy Dunn", "About time too. The hospital district has waited long enough for this."),
        ("janedoe", "It has, and the levy paid for most of it, as the story says above."),
    ]
    thread = [line for name, comment in comments for line in (name, comment)]
    page = "\n".join([*PAGE_TEXT.splitlines()[:13], "Previous post", *thread, "Contact us"])
    result = split_page(page, "text/plain")
    assert result.paragraphs == PAGE_TEXT_STORY


def test_page_text_subheads_are_no_signatures() -> None:
    # short subheads over paragraphs: two subheads that recur over other paragraphs (two
    # parts built alike), or three that recur over the same ones (a story the page shows
    # twice), sign no comments
    alike = ["History", PARAGRAPHS[0], "Costs", PARAGRAPHS[1]]
    alike += ["History", PARAGRAPHS[2], "Costs", PARAGRAPHS[3]]
    page = "\n".join(["Council expands bus network to northern suburbs", *alike, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == alike[1:]
    twice = [
        line for pair in zip(["Plan", "Costs", "Next"], PARAGRAPHS, strict=False) for line in pair
    ]
    page = "\n".join(["Council expands bus network to northern suburbs", *twice, *twice])
    # (no barrier: the run goes on into the second copy, past its first subhead)
    paragraphs = split_page(page, "text/plain").paragraphs
    assert paragraphs[:5] == twice[1:]
    assert "Plan" in paragraphs[5:]


def test_page_text_standfirst_right_under_the_headline_opens_the_story() -> None:
    headline = "Council expands bus network to northern suburbs"
    standfirst = "Four new routes will link the suburbs with the hospital district by next spring"
    toolbar = ["Share", "Tweet", "Email", "Monday 29 October 2012 13.58 EDT"]
    page = "\n".join([f"{headline} | Example News", "Home", headline, standfirst, *toolbar])
    page += "\n" + "\n".join([*PARAGRAPHS, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [standfirst, *PARAGRAPHS]
    # a byline, a headline of another article, or a dateline in its place is no standfirst
    for line in (
        "by Jane Doe on Wednesday, January 18, 2012 at 5:26pm",
        "Harbour Bridge Closed For Repairs Until June As Engineers Find Rust",
        "Posted by the transport desk of the Example News in Local News and Politics",
    ):
        other = page.replace(standfirst, line)
        assert split_page(other, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_standfirst_under_a_byline_opens_the_story() -> None:
    # the standfirst shown under the byline and the date, not right under the headline
    headline = "Council expands bus network to northern suburbs"
    standfirst = "Four new routes will link the suburbs with the hospital district by next spring"
    page = "\n".join(
        [f"{headline} | Example News", "Home", headline, "By Jane Doe", "12.03.2021", standfirst]
    )
    page += "\n" + "\n".join(["Share", *PARAGRAPHS, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [standfirst, *PARAGRAPHS]
    # ...not past a box's label (a teaser's blurb cut off to fit its box: the test of
    # headlines cut off with an ellipsis)
    boxed = page.replace("12.03.2021", "Latest stories:")
    assert split_page(boxed, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_telegraphic_standfirst_right_under_the_headline_opens_the_story() -> None:
    # a standfirst in telegraphic style (few function words) right under the headline, a
    # byline and a date between it and the story
    headline = "Council expands bus network to northern suburbs"
    standfirst = "Four new routes – Hospital district, northern suburbs, old town linked in spring"
    page = "\n".join(
        [f"{headline} | Example News", "Home", headline, standfirst, "By Jane Doe", "12.03.2021"]
    )
    page += "\n" + "\n".join(["Share", *PARAGRAPHS, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [standfirst, *PARAGRAPHS]
    # ...below the byline, such a line is no standfirst (a teaser's headline, a label)
    below = page.replace(f"{standfirst}\nBy Jane Doe", f"By Jane Doe\n{standfirst}")
    assert split_page(below, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_headline_under_its_kicker_is_the_storys_headline() -> None:
    # the title joins a kicker and the headline ("Kicker: Headline | Site"); the page shows
    # them on two lines, the standfirst under the headline (not the headline, a sentence too)
    kicker = "Buses in the north"
    headline = "Council expands the bus network to all the northern suburbs"
    standfirst = "Four new routes will link the suburbs with the hospital district by next spring"
    page = "\n".join(
        [f"{kicker}: {headline} (example-news.com)", "Home", kicker, headline, standfirst]
    )
    page += "\n" + "\n".join(["By Jane Doe", "12.03.2021", "Share", *PARAGRAPHS, "Contact us"])
    result = split_page(page, "text/plain")
    assert result.paragraphs == [standfirst, *PARAGRAPHS]


def test_page_text_story_ends_at_a_web_form() -> None:
    # a newsletter's sign-up form under the story (its spam trap, read as a sentence) and an
    # author's bio under the form: the form closes the story
    headline = "Council expands bus network to northern suburbs"
    bio = (
        "Jane Doe has written about transport and city politics for the paper since 2009 "
        "and lives in the old town with her family."
    )
    signup = ["Get our newsletter", "Email address:", "Leave this field empty if you're human:"]
    page = "\n".join(["Home", headline, *PARAGRAPHS, *signup, "Jane Doe", bio, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # ...and a comment form's fields, with another post's blurb under them
    teaser = (
        "Readers asked whether the ferry fares would rise again this winter, and the harbour "
        "office said it would publish the new prices in the first week of December."
    )
    for fields in (["Name *", "Email *", teaser], ["Name (required)", teaser]):
        page = "\n".join(["Home", headline, *PARAGRAPHS, *fields, "Contact us"])
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # a star after a word that names no field is a footnote's mark, no form
    page = "\n".join(["Home", headline, *PARAGRAPHS, "Night buses*", teaser, "Contact us"])
    assert split_page(page, "text/plain").paragraphs[-1] == teaser


def test_page_text_story_ends_at_the_publishers_pitch_under_it() -> None:
    # the publisher's pitch under the story, in its own voice, then the box it opens (the
    # publisher's blurb): the pitch closes the story
    headline = "Council expands bus network to northern suburbs"
    blurb = (
        "The Example Times has told the city's stories since 1888, from the harbour strikes "
        "to the new tram lines that run through the old town today."
    )
    for pitch in (
        "Read our print edition every Saturday, at the kiosk, in the app or as an e-paper.",
        "Like our paper? We have no paywall, and our reporters are paid by readers like you.",
    ):
        page = "\n".join(["Home", headline, *PARAGRAPHS, pitch, blurb, "Contact us"])
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # a story line that tells of someone else's sign-up is the story's
    told = (
        "The operator said that more than two thousand commuters had already signed up for "
        "the new monthly pass, and it expects to sign up many more before spring."
    )
    last = "The first of the new buses will leave the hospital stop on the first of March."
    page = "\n".join(["Home", headline, *PARAGRAPHS, told, last, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [*PARAGRAPHS, told, last]


def test_page_text_list_announced_by_a_colon_goes_past_the_run() -> None:
    announce = "The council listed what the four new routes will connect:"
    items = [
        "The northern suburbs with the hospital district, every ten minutes",
        "The old town with the harbour and the ferry terminal at night",
        "The university campus with the main railway station on weekdays",
        "The market quarter with the river district and its new housing",
    ]
    sidebar = ["Harbour Bridge Closed For Repairs Until June", "Local School Wins Robotics Prize"]
    story = ["Council expands bus network to northern suburbs", *PARAGRAPHS, announce, *items]
    page = "\n".join([*story, *sidebar, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [*PARAGRAPHS, announce, *items]
    # a story line that points to more articles with a colon announces no list of the story's
    more = "Read more of our coverage of the council and its plans for the buses here:"
    headlines = [item.replace("The", "Buses for", 1) for item in items]
    page = "\n".join(
        ["Council expands bus network to northern suburbs", *PARAGRAPHS, more, *headlines]
    )
    assert split_page(page, "text/plain").paragraphs == [*PARAGRAPHS, more]


def test_page_text_lead_cut_off_by_a_box_of_dated_links_opens_the_story() -> None:
    headline = "Council expands bus network to northern suburbs"
    box = ["Related", "Harbour bridge closed for repairs", "(March 20, 2024)"]
    box += ["School wins national robotics prize", "(March 19, 2024)"]
    box += ["Ferry timetable changes for the summer", "(March 18, 2024)"]
    top = [f"{headline} - Example News", "Home", headline, "By", "JANE DOE"]
    lines = [*top, "Published: March 21, 2024", PARAGRAPHS[0], *box, *PARAGRAPHS[1:]]
    page = "\n".join([*lines, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_about_box_does_not_outweigh_a_short_post() -> None:
    bio = (
        "I am a bus enthusiast and a retired engineer who has lived in the northern suburbs "
        "for thirty years, and I write this blog about the buses, the trains and the ferries "
        "of our city, about the people who drive them and about the timetables that never "
        "quite work, in the hope that the council reads it one day and that you enjoy it."
    )
    post = ["New buses for the north", PARAGRAPHS[0]]
    for box in (["About Me", bio], [bio, "View my complete profile"]):
        page = "\n".join(["The Bus Blog", "Home", *box, "Archive", *post, "Contact us"])
        assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0]]
    # a heading over a part of the story is no box about the site
    page = "\n".join(["The Bus Blog", *post, "About the Routes", bio, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0], "About the Routes", bio]


def test_page_text_bio_box_does_not_outweigh_a_short_post() -> None:
    bio = (
        "Sam Carter is a prolific blogger, a bus driver and a keen amateur photographer who "
        "lives in the northern suburbs with two cats, a bicycle and far too many timetables, "
        "and who has ridden every route in the city at least twice."
    )
    beat = (
        "Sam Carter writes about the city's buses, trains and ferries, with particular "
        "emphasis on the timetables, the fares and the people who ride them every day, "
        "from the northern suburbs to the harbour and back again."
    )
    post = ["New buses for the north", PARAGRAPHS[0]]
    for text in (bio, beat):
        box = ["Who writes this blog?", text, "Contact", "Archive"]
        page = "\n".join(["The Bus Blog", "Home", *post, "Posted by Sam", "Labels", *box])
        assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0]]
    # a profile's line in the story, with the story's prose beside it, stays
    profile = "Sam Carter is a bus driver who has worked on the northern routes for years."
    page = "\n".join(["The Bus Blog", *post, profile, PARAGRAPHS[1], "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0], profile, PARAGRAPHS[1]]


def test_page_text_site_blurb_box_does_not_outweigh_a_short_post() -> None:
    blurb = (
        "Welcome to The Bus Blog, where we bring you the timetables, the fares and the stories "
        "of the people who ride the city's buses, trains and ferries every single day."
    )
    post = ["New buses for the north", PARAGRAPHS[0]]
    page = "\n".join(["The Bus Blog", "Home", "Archive", blurb, "Menu", "Search", *post])
    assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0]]
    # a live blog's greeting is its story's first line
    live = (
        "Welcome to live coverage of the council's vote on the bus network, which is "
        "expected to pass after a long debate this evening."
    )
    page = "\n".join(["Home", "Council vote: live", "Updated 9pm", live, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == [live]


def test_page_text_caption_with_its_credit_on_the_next_line_is_not_story() -> None:
    caption = "Passengers board one of the new buses at the hospital stop."
    story = [PARAGRAPHS[0], f"{PARAGRAPHS[1]} {PARAGRAPHS[2]}", PARAGRAPHS[3]]
    for credit in ("Photograph: Jane Roe/Example Agency", "Photo by Jane Roe, City Transit"):
        lines = ["Home", "New buses for the north", story[0], caption, credit]
        page = "\n".join([*lines, *story[1:], "Contact us"])
        assert split_page(page, "text/plain").paragraphs == story


def test_page_text_read_on_box_among_the_paragraphs_is_not_story() -> None:
    teaser = "The latest on the city's transport, from the trams to the new cycle lanes"
    for label, headlines in (
        ("Keep Reading", [teaser]),
        ("More on the buses:", ["Ferry timetable changes for summer", "Night trams return"]),
    ):
        lines = ["Home", "New buses for the north", *PARAGRAPHS[:2], label, *headlines]
        page = "\n".join([*lines, *PARAGRAPHS[2:], "Contact us"])
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_first_comment_of_a_signed_thread_is_left_out() -> None:
    # the first commenter signs once, with no site address: the names after it mark the
    # thread, and it is the thread's, not a last subhead of the story
    first = (
        "I have waited for a bus to the hospital district for years, and I am glad the "
        "council has finally listened to the people who live in the northern suburbs."
    )
    comments = [
        ("http://example.org/bob Bob", "Will the new routes run on Sundays as well, I wonder?"),
        ("janedoe", "Thanks for the question, Bob: the council says they will, from June."),
        ("Cy Dunn", "About time too. The hospital district has waited long enough for this."),
        ("janedoe", "It has, and the levy paid for most of it, as the story says above."),
    ]
    thread = ["Ann Baker", first, *[line for pair in comments for line in pair]]
    page = "\n".join([*PAGE_TEXT.splitlines()[:13], "« Older post", *thread, "Contact us"])
    assert first not in split_page(page, "text/plain").paragraphs


@pytest.mark.parametrize(
    "note",
    [
        "Jane Doe is a senior staff writer at Example News and the author of two books about "
        "the city's transport.",
        "Jane Doe (@janedoe) is the transport correspondent of Example News.",
        "Jane Doe is a transport enthusiast who keeps a tab on the city's buses and trains.",
        "About the author: Jane Doe covers the city council and its transport plans.",
        "A version of this article appeared in print on March 21, 2024, on page A9 of the "
        "city edition with the headline: Buses for the north.",
        "Write to Jane Doe at jane.doe@example.com",
        "Posted by Jane Doe on March 21, 2024 at 09:30 AM in Transport, City Council | Permalink",
        "This entry was written by Admin, posted on March 21, 2024 at 9:30 am, filed under "
        "Transport. Bookmark the permalink.",
    ],
)
def test_a_closing_bio_or_print_note_is_not_story(note: str) -> None:
    mayor = "The mayor is a former bus driver who said she knew the routes from the inside."
    story = [*PARAGRAPHS, mayor]
    page = "\n".join(["Council expands bus network to northern suburbs", *story, note])
    assert split_page(page, "text/plain").paragraphs == story
    html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in [*story, note])
    assert split_page(html + "</article></body></html>", "text/html").paragraphs == story


def test_page_text_written_by_filing_line_closes_the_story() -> None:
    filing = (
        "This entry was written by Admin, posted on March 21, 2024 at 9:30 am, filed under "
        "Transport. Bookmark the permalink."
    )
    blurb = (
        "Our blog covers the buses, trains and ferries of the city, with news from the council "
        "and the transport authority every week, and letters from our readers about them."
    )
    page = "\n".join(
        ["Council expands bus network to northern suburbs", *PARAGRAPHS, filing, blurb]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize("separator", ["«", "›", "/", "|", "»"])
def test_page_text_title_drops_the_site_name_after_any_usual_separator(separator: str) -> None:
    headline = "Council expands bus network to northern suburbs"
    page = "\n".join(
        [f"{headline} {separator} The Bus Blog", "Home", "The Bus Blog", *PARAGRAPHS, "Contact"]
    )
    assert split_page(page, "text/plain").title == headline


def test_page_text_blog_name_joined_to_the_title_is_the_masthead_not_the_headline() -> None:
    headline = "Council expands bus network to northern suburbs"
    tagline = "Every day we ride the buses of the city and write about what we find on them."
    top = [f"The Bus Blog: {headline}", "Home", "The Bus Blog", tagline, "Monday, March 18"]
    page = "\n".join([*top, headline, *PARAGRAPHS, "Posted by", "Contact us"])
    result = split_page(page, "text/plain")
    assert result.title == headline
    assert result.paragraphs == PARAGRAPHS


def test_a_subscription_pitch_and_the_print_note_above_it_end_no_story() -> None:
    note = (
        "A version of this article appeared in print on March 21, 2024, on page A1 of the "
        "city edition with the headline: Buses for the north."
    )
    pitch = "Summer Sale Ends Today! Save 50% on an Example News Subscription. GO NOW»"
    page = "\n".join(["Council expands bus network to northern suburbs", *PARAGRAPHS, note, pitch])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_related_heading_with_a_few_words_after_it_opens_a_box_of_links() -> None:
    links = ["Harbour bridge closed for repairs until June", "Local school wins robotics prize"]
    teaser = (
        "The harbour bridge will stay closed to all traffic until the end of June, the "
        "council said, while engineers replace the rusted cables that hold up its deck."
    )
    page = "\n".join([*PARAGRAPHS, "Related posts worth a look", *links, teaser, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "pitch",
    [
        "Instant access to the full article PDF.",
        "Get the latest news straight to your phone with the Example News app.",
        "Die aktuelle Ausgabe jetzt am Kiosk, im Abo und als E-Paper erhältlich.",
        "We chose to have no paywall: help us keep it that way.",
    ],
)
def test_an_access_or_app_pitch_at_the_end_is_not_story(pitch: str) -> None:
    html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in [*PARAGRAPHS, pitch])
    assert split_page(html + "</article></body></html>", "text/html").paragraphs == PARAGRAPHS


def test_page_text_short_closing_sentence_under_the_last_paragraph_is_story() -> None:
    headline = "Council expands bus network to northern suburbs"
    tail = ["Tags: buses, council", "Harbour Bridge Closed For Repairs Until June", "Contact us"]
    for closing in (
        ["Watch the council's video below."],
        ["Stay tuned for more!", "Have a fun weekend."],
    ):
        page = "\n".join([headline, *PARAGRAPHS, *closing, *tail])
        assert split_page(page, "text/plain").paragraphs == [*PARAGRAPHS, *closing]
    # a headline in title case, a pitch, a follow line, a credit or a colon line is no close
    for line in (
        "Bus Drivers Strike Over Pay.",
        "Subscribe to our newsletter today.",
        "Follow the council on Twitter!",
        "Photo: Jane Doe for Example News.",
        "Watch the council's video below:",
    ):
        page = "\n".join([headline, *PARAGRAPHS, line, *tail])
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_title_part_shown_over_the_post_is_the_headline_though_short() -> None:
    post = (
        "Jane Doe draws the old harbour cranes in ink, and her new prints of the ferries "
        "are on show at the library until the end of the month!"
    )
    about = (
        "This blog is about the drawings, the prints and the paintings that I find around "
        "our city, about the people who make them and about the places that they show."
    )
    top = ["The Curious Blog » Jane Doe", "Home", "Archive"]
    page = "\n".join([*top, "Jane Doe", "Filed under drawings", post, "About", about, "Contact"])
    result = split_page(page, "text/plain")
    assert (result.title, result.paragraphs) == ("Jane Doe", [post])
    # a part shown more than once (a teaser of the post above it) or over no prose is not
    # taken: the title is the longest part, as before
    for other in (
        page.replace("Archive", "Jane Doe\nArchive"),
        page.replace("Filed under drawings", "Filed under\ndrawings\nby Jane"),
    ):
        assert split_page(other, "text/plain").title == "The Curious Blog"


def test_page_text_live_blog_entries_opening_with_a_time_are_story_not_comment_stamps() -> None:
    entries = [
        "11:05 AM – The first buses left the depot on time and the drivers were cheerful.",
        "12:55 PM – The northern route ran ten minutes late because of the roadworks.",
        "2:55 PM – The council leader rode the new line to the hospital and back again.",
        "4:45 PM – The last test bus of the day is back, and the council calls it a success.",
    ]
    page = "\n".join(["Council expands bus network to northern suburbs", *PARAGRAPHS, *entries])
    assert split_page(page + "\nContact us", "text/plain").paragraphs == [*PARAGRAPHS, *entries]
    # a thread's stamps, lines that are no sentence, still frame its comments
    thread = [f"Jane Doe on March {day}, 2024 at 9:{day}5 am" for day in (1, 2, 3)]
    comments = [line for stamp in thread for line in (stamp, PARAGRAPHS[0].upper())]
    page = "\n".join(["Council expands bus network to northern suburbs", *PARAGRAPHS, *comments])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_table_of_figures_inside_the_story_does_not_cut_it() -> None:
    header = ["Route", "Riders", "Change"]
    rows = [[name, f"{1000 + 37 * n:,}", f"{n + 0.5}%"] for n, name in enumerate("ABCDEF")]
    table = [*header, *(cell for row in rows for cell in row)]
    after = [
        "The council will publish the figures for the other routes next month, when the "
        "new timetable has run for a full season and the counts are complete.",
        PARAGRAPHS[0],
    ]
    page = [
        "Council expands bus network to northern suburbs",
        *PARAGRAPHS[1:],
        *table,
        *after,
        "Contact us",
    ]
    paragraphs = split_page("\n".join(page), "text/plain").paragraphs
    assert paragraphs == [*PARAGRAPHS[1:], *table, *after]
    # a stretch of short lines with few figures is a menu, and still cuts the story
    menu = [f"Route {name} timetable" for name in "ABCDEFGHIJKLMNOPQRSTU"]
    page = [*page[: 1 + len(PARAGRAPHS[1:])], *menu, *after, "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs != [*PARAGRAPHS[1:], *menu, *after]


def test_page_text_bulleted_list_the_run_starts_in_is_the_storys_whole() -> None:
    items = [
        "• Four new routes to the hospital.",
        "• Buses every ten minutes.",
        "• A night bus on Fridays and Saturdays to the old town and the harbour, from May.",
        "• The ferry ticket is valid on every bus of the city from the first of June on.",
    ]
    page = ["Council expands bus network to northern suburbs", "Monday, March 18", *items]
    page += ["posted by Jane Doe @ 6:01 PM", "• Home", "• Archive", "Contact us"]
    paragraphs = split_page("\n".join(page), "text/plain").paragraphs
    assert paragraphs == items


def test_page_text_tiny_post_keeps_its_caption_not_the_labels_under_its_headline() -> None:
    headline = "Sunset over the harbour"
    caption = "The harbour at dusk, seen from the old pier"
    page = [f"{headline} | Photo Blog", "Home", "Archive", headline, "Pin It", caption]
    page += ["Permalink", "Leave a comment", "Contact"]
    result = split_page("\n".join(page), "text/plain")
    assert (result.title, result.paragraphs) == (headline, [caption])


def test_page_text_box_of_title_case_headlines_inside_the_run_is_not_story() -> None:
    box = [
        "Harbour Bridge Closed For Repairs Until June",
        "Local School Wins National Robotics Prize",
        "Ferry Timetable Changes For The Summer Season",
    ]
    page = ["Council expands bus network to northern suburbs", PARAGRAPHS[0], *box]
    page += [*PARAGRAPHS[1:], "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS
    # lines in sentence case are the story's own list
    steps = [line.capitalize() for line in box]
    page = [*page[:2], *steps, *page[2 + len(box) :]]
    expected = [PARAGRAPHS[0], *steps, *PARAGRAPHS[1:]]
    assert split_page("\n".join(page), "text/plain").paragraphs == expected


def test_page_text_embedded_posts_quoted_between_paragraphs_do_not_end_the_story() -> None:
    # three posts quoted in the story, each with its dated attribution line: dated like a
    # thread's comments, but the story goes on below them
    posts = [
        "Great news for the northern suburbs, the new routes start in spring.",
        "We asked for this for years and the council finally listened to us.",
        "Night buses next please, the last bus home is far too early.",
    ]
    authors = ["— Jane Doe (@janedoe) March 19, 2024", "— Bus Users (@bususers) March 19, 2024"]
    authors.append("— John Roe (@johnroe) March 20, 2024")
    page = ["Council expands bus network to northern suburbs", PARAGRAPHS[0], PARAGRAPHS[1]]
    for post, author in zip(posts, authors, strict=True):
        page += [post, author]
    page += [PARAGRAPHS[2], PARAGRAPHS[3], "Contact us"]
    paragraphs = split_page("\n".join(page), "text/plain").paragraphs
    assert paragraphs[:2] == PARAGRAPHS[:2]
    assert paragraphs[-2:] == PARAGRAPHS[2:]


@pytest.mark.parametrize(
    "notice",
    [
        "Your email address will not be published. Required fields are marked *",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
    ],
)
def test_page_text_comment_form_notice_ends_the_story(notice: str) -> None:
    policy = (
        "We read every comment before it appears on the site, and we remove those that are "
        "abusive or off topic, so please keep your comment civil and about the story."
    )
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS, notice, policy]
    page += ["Name", "Email", "Post comment", "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS


def test_page_text_author_bio_under_the_story_ends_it_with_the_lines_after_it() -> None:
    bio = "Jane Doe is a senior writer for Example News, covering transport and city hall."
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS, bio]
    page += ["Video: how the new electric buses were built, step by step.", "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS
    # a profile's sentence of that shape, with the story going on below it, stays
    profile = "Jane Doe is a teacher at the northern school, and she takes the bus every day."
    page = ["Council expands bus network to northern suburbs", PARAGRAPHS[0], profile]
    page += [*PARAGRAPHS[1:], "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == [
        PARAGRAPHS[0],
        profile,
        *PARAGRAPHS[1:],
    ]


def test_page_text_embedded_posts_placeholder_inside_the_story_is_not_story() -> None:
    placeholder = (
        "This content is imported from Twitter. You may be able to find the same content in "
        "another format, or you may be able to find more information, at their web site."
    )
    german = "Mit dem Laden des Videos akzeptieren Sie die Datenschutzerklärung von YouTube."
    recommended = "Empfohlener redaktioneller Inhalt"
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS[:2], placeholder]
    page += [PARAGRAPHS[2], "Externer Inhalt", german, "Inhalt laden", recommended]
    page += [PARAGRAPHS[3], "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS


def test_page_text_headline_under_a_related_label_inside_the_story_is_not_story() -> None:
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS[:2], "Related"]
    page += ["How the city paid for its first tram line", *PARAGRAPHS[2:], "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS


def test_page_text_prompts_to_share_or_rate_the_article_are_not_story() -> None:
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS[:2]]
    page += ["Möchten Sie den Artikel teilen?", *PARAGRAPHS[2:], "War der Artikel nützlich?"]
    page += ["Was this article helpful?", "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS


def test_page_text_ad_slot_labels_inside_the_story_are_not_story() -> None:
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS[:2], "- Anzeige -"]
    page += [PARAGRAPHS[2], "Reklama", PARAGRAPHS[3], "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS


def test_page_text_link_back_to_the_section_is_not_story() -> None:
    page = ["Council expands bus network to northern suburbs", *PARAGRAPHS[:2], "Back to News"]
    page += [*PARAGRAPHS[2:], "Zurück zur Übersicht", "Contact us"]
    assert split_page("\n".join(page), "text/plain").paragraphs == PARAGRAPHS
    # a sentence that opens so stays
    page = [*page[:3], "Back to the street.", *page[4:]]
    expected = [*PARAGRAPHS[:2], "Back to the street.", *PARAGRAPHS[2:]]
    assert split_page("\n".join(page), "text/plain").paragraphs == expected


def test_page_text_cookie_consent_dialog_does_not_outweigh_a_short_story() -> None:
    purposes = [
        "The technical storage or access is strictly necessary for the legitimate purpose of "
        "enabling the use of a specific service explicitly requested by the subscriber or "
        "user, or for the sole purpose of carrying out the transmission of a communication "
        "over an electronic communications network.",
        "The technical storage or access is necessary for the legitimate purpose of storing "
        "preferences that are not requested by the subscriber or user, so that the site "
        "remembers the choices made on earlier visits, such as the language and the region.",
        "The technical storage or access that is used exclusively for statistical purposes, "
        "and anonymously, without a subpoena, voluntary compliance on the part of your "
        "Internet Service Provider, or additional records from a third party.",
        "The technical storage or access is required to create user profiles to send "
        "advertising, or to track the user on a website or across several websites for "
        "similar marketing purposes over a longer period of time.",
    ]
    dialog = [
        "Manage Cookie Consent",
        "We use technologies like cookies to store and access device information, to give "
        "you the best experience on this site and to show you what may interest you.",
        "Functional",
        "Always active",
        purposes[0],
        "Preferences",
        purposes[1],
        "Statistics",
        purposes[2],
        "Marketing",
        purposes[3],
        "Accept",
        "Deny",
    ]
    story = ["Council expands bus network", "Home", "News", PARAGRAPHS[0], PARAGRAPHS[1]]
    page = "\n".join([*story, "Contact us", "Imprint", *dialog])
    assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0], PARAGRAPHS[1]]
    # a story under a heading on cookie preferences, with no toggles, is still a story
    about = [
        "Bakers in the northern suburbs said the preferences of their customers have changed: "
        "oatmeal cookies now outsell the chocolate ones for the first time in twenty years.",
        "The guild will survey the preferences of its members' customers again in spring, "
        "and it will give a prize for the best new recipe of the year.",
    ]
    page = "\n".join(["Bakers debate cookie preferences", "Home", *about, "Contact us"])
    assert split_page(page, "text/plain").paragraphs == about


def test_page_text_comment_count_over_the_headline_does_not_open_the_thread() -> None:
    # the title first shows in a list of recent posts; the story's own copy sits under the
    # byline's comment count, which links to the thread and is not its heading
    title = "Council expands bus network to northern suburbs"
    blurb = (
        "The Bus Blog is an independent magazine about the buses, trains and ferries of our "
        "city, written by people who ride them every day and who want you to ride them too. "
        "It tells the stories of the drivers, the passengers and the planners, and it asks "
        "the council every week why the bus to the hospital district is late again."
    )
    page = "\n".join(
        [
            f"{title} | The Bus Blog",
            "Recent posts",
            "New timetable for the ferries",
            title,
            "Who are we?",
            blurb,
            "News",
            "Trains",
            "Ferries",
            "6 October 2022",
            "0 Comments",
            title,
            *PARAGRAPHS,
            "Previous post",
            "Leave a comment",
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_dated_read_also_teasers_do_not_make_the_story_a_thread() -> None:
    # the story's dateline and the dates of two "Read also..." teasers among its paragraphs
    # are three timestamps, as a thread's are; the teasers' are not comments' dates
    promo = (
        "Enter your name and find out whether the documents you lost in the city have been "
        "handed in at our studios, where we keep them for a whole year before we send them on."
    )
    page = "\n".join(
        [
            "Council expands bus network",
            "Home",
            promo,
            "Listen to our eight stations with the official app, wherever you are in the city.",
            "Wednesday 04 May 2022 | 01:10",
            "Council expands bus network",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            "Read also...",
            "Bus drivers strike over pay in the southern suburbs",
            "Sunday 01 May 2022 | 13:43",
            PARAGRAPHS[2],
            "Read also...",
            "Ferry timetable changes for the summer",
            "Monday 02 May 2022 | 09:37",
            PARAGRAPHS[3],
            "Contact us",
        ]
    )
    paragraphs = split_page(page, "text/plain").paragraphs
    assert PARAGRAPHS[0] in paragraphs
    assert PARAGRAPHS[3] in paragraphs


def test_page_text_headlines_cut_off_with_an_ellipsis_are_not_story() -> None:
    # a box of teasers under the headline shows other articles' headlines cut to fit, and
    # the page shows them whole further down
    page = "\n".join(
        [
            "Council expands bus network",
            "Home",
            "Council expands bus network",
            "Politics",
            "Mayor promises a new ferry terminal for the harbour district by…",
            "Politics",
            "Ministry will not tolerate any act of violence against police…",
            "Politics",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            "Most read",
            "Ministry will not tolerate any act of violence against police officers",
            "Mayor promises a new ferry terminal for the harbour district by June",
            "Contact us",
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS[:2]
    # a story's sentence that trails off on a word is still the story's
    trailing = "For dinner, the new route to the hospital district was as follows..."
    page = "\n".join(["Council expands bus network", "Home", *PARAGRAPHS[:2], trailing, "Contact"])
    assert trailing in split_page(page, "text/plain").paragraphs


def test_page_text_disclaimer_box_does_not_outweigh_a_short_post() -> None:
    disclaimer = (
        "Despite careful checks of their content I accept no liability for the content of "
        "the external links in this blog: the operators of the linked pages alone are "
        "responsible for what those pages say, and I make no claim to any of it myself."
    )
    post = ["New buses for the north", PARAGRAPHS[0]]
    for heading in ("Disclaimer", "Haftungshinweis", "Legal notice"):
        page = "\n".join(["The Bus Blog", "Home", *post, "Archive", heading, disclaimer, "Top"])
        assert split_page(page, "text/plain").paragraphs == [PARAGRAPHS[0]]


def test_page_text_read_also_line_with_a_long_headline_is_not_story() -> None:
    # the lead-in and the other article's headline share a line, longer than a label alone
    teaser = "Read also: Will the new ferries to the islands ever run on time? A look at the plan"
    page = "\n".join(
        ["Council expands bus network", "Home", *PARAGRAPHS[:2], teaser, *PARAGRAPHS[2:], "Top"]
    )
    paragraphs = split_page(page, "text/plain").paragraphs
    assert teaser not in paragraphs
    assert PARAGRAPHS[0] in paragraphs
    assert PARAGRAPHS[3] in paragraphs


def test_page_text_bare_author_heading_closes_the_story() -> None:
    bio = (
        "is a founding partner of a law firm in Berlin, where he advises companies on data "
        "protection and on the right to be forgotten, and he writes about both for us."
    )
    for heading in ("AUTOR", "Author", "Zur Person"):
        page = "\n".join(
            ["Council expands bus network", "Home", *PARAGRAPHS, heading, "Dr. J. Doe", bio, "Top"]
        )
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # a byline's label ("Autor:") under the lead is no bio's heading
    page = "\n".join(
        ["Council expands bus network", PARAGRAPHS[0], "Autor:", "Jane Doe", *PARAGRAPHS[1:]]
    )
    paragraphs = split_page(page, "text/plain").paragraphs
    assert PARAGRAPHS[0] in paragraphs
    assert PARAGRAPHS[3] in paragraphs


def test_page_text_dated_gallery_inside_the_story_does_not_cut_it() -> None:
    # a gallery embedded in the story renders slide by slide: its title, a date, a caption,
    # a credit; the story goes on under it
    slides = []
    for day in range(1, 13):
        slides += [
            "UK news in pictures",
            f"{day} November 2020",
            f"Large waves crash over harbour wall number {day} during strong winds on the coast",
            "PA",
        ]
    page = "\n".join(
        ["Council expands bus network", "Home", *PARAGRAPHS[:2], *slides, *PARAGRAPHS[2:], "Top"]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_newsletter_signup_box_inside_the_story_is_not_story() -> None:
    box = [
        "City Hall Newsletter",
        "Sign up to get the best stories of the week, and local deals, as picked by the editors.",
        "Contact me with news and offers from our partners and sponsors",
        "By submitting your information you agree to the Terms & Conditions and Privacy Policy.",
    ]
    page = "\n".join(
        ["Council expands bus network", "Home", *PARAGRAPHS[:2], *box, *PARAGRAPHS[2:], "Top"]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_advertiser_disclosure_under_the_byline_is_not_story() -> None:
    disclosure = (
        "This post contains references to products from one or more of our advertisers. We "
        "may receive compensation when you click on links to those products. Terms apply to "
        "the offers listed on this page. For an explanation of our Advertising Policy, visit "
        "this page."
    )
    top = ["Council expands bus network", "Jane Doe", "Oct 13, 2020", disclosure]
    page = "\n".join([*top, *PARAGRAPHS, "Top"])
    paragraphs = split_page(page, "text/plain").paragraphs
    assert disclosure not in paragraphs
    assert PARAGRAPHS[0] in paragraphs


def test_page_text_support_ask_inside_the_story_is_not_story() -> None:
    for ask in (
        "If you enjoyed reading this post, would you consider supporting our work? Thanks!",
        "Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
    ):
        page = "\n".join(
            ["Council expands bus network", "Home", *PARAGRAPHS[:3], ask, PARAGRAPHS[3], "Top"]
        )
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # a story's sentence that opens so but asks nothing of the reader stays
    line = "If you liked the old timetable, the council said, little will change for you at night."
    page = "\n".join(["Council expands bus network", *PARAGRAPHS[:2], line, *PARAGRAPHS[2:]])
    assert line in split_page(page, "text/plain").paragraphs


def test_page_text_german_lines_with_few_listed_function_words_are_prose() -> None:
    # a German story's lines hold pronouns and auxiliary verbs ("ich", "hatte", "wurde") more
    # than articles; page text has no paragraph markup, so its words alone must vouch for them
    story = [
        "Vor langer Zeit hatte ich schon einmal diese Behauptung aufgegriffen, wonach Japan "
        "Impfungen verboten hätte. Damals hatte ich mich sehr kurz gefasst:",
        "Wir haben nachgefragt, aber Antworten gab es kaum. Nur wenige Behörden wollten sich "
        "dazu äußern, obwohl sie Zahlen haben.",
        "Auch später wurde nichts bekannt, weil niemand Daten veröffentlichte. Man wartete "
        "lange auf eine Stellungnahme.",
    ]
    menu = ["Politik", "Wissen", "Gesellschaft", "Sport", "Wirtschaft", "Kultur", "Blog"]
    blurb = "Das ist ein Blog von und für die Leser, mit Berichten aus der Region und der Welt."
    footer = ["Impressum", "Datenschutz", "Kontakt", "AGB", "Cookies", blurb, "Blog"]
    page = "\n".join([*menu, "Japan und die Impfungen", *story, *footer])
    assert split_page(page, "text/plain").paragraphs == story


def test_page_text_pitch_over_a_form_button_is_not_story() -> None:
    # the publisher's pitch, however worded, sits right over its form's button
    for pitch, button in (
        (
            "Get The City Times Daily Edition by email and never miss our top stories",
            "Free Sign Up",
        ),
        ("Fight for everyone's rights - stand with the Riverside Fund.", "Donate Now"),
    ):
        page = "\n".join(
            ["Council expands bus network", "Home", *PARAGRAPHS[:2], pitch, button, *PARAGRAPHS[2:]]
        )
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # a story's short line over a masthead's button stays the headline
    page = "\n".join(["Council expands bus network", "Subscribe", *PARAGRAPHS, "Top"])
    assert split_page(page, "text/plain").title == "Council expands bus network"


def test_page_text_licence_notice_is_not_story() -> None:
    # a blog's licence notice in the footer reads as prose, and outweighed a short post
    post = ["Alle Zutaten in eine Schüssel geben und verarbeiten.", "Zucker", "Mehl", "1 Ei"]
    licence = (
        "Die Bilder in diesem Blog stehen unter einer Creative Commons "
        "Namensnennung-NichtKommerziell-KeineBearbeitung 3.0 Unported Lizenz."
    )
    footer = ["Archiv", "Dezember 2012", "Oktober 2012", "April 2012", licence, "Impressum"]
    page = "\n".join(["Mandelplätzchen", "Gebäck", "Mandelplätzchen", *post, *footer])
    paragraphs = split_page(page, "text/plain").paragraphs
    assert licence not in paragraphs
    assert post[0] in paragraphs
    # a story line that names the licence, past a notice's length, stays
    line = " ".join(["The council's archive will be licensed under Creative Commons."] * 6)
    page = "\n".join(["Council expands bus network", *PARAGRAPHS[:2], line, *PARAGRAPHS[2:]])
    assert line in split_page(page, "text/plain").paragraphs


def test_page_text_box_heading_naming_no_read_more_opens_a_box() -> None:
    # "Meistgelesen", "Las más vistas": a heading over other articles' headlines at the
    # story's end, not a subhead of the story
    teasers = [
        "Mayor opens new cycle lane on the high street",
        "School meals to get cheaper from January",
    ]
    for heading in ("Meistgelesen", "Las más vistas", "Most Popular Stories", "Otras Noticias"):
        page = "\n".join(
            ["Council expands bus network", *PARAGRAPHS[:3], heading, *teasers, PARAGRAPHS[3]]
        )
        paragraphs = split_page(page, "text/plain").paragraphs
        assert heading not in paragraphs
        assert not set(teasers) & set(paragraphs)
        assert paragraphs[:3] == PARAGRAPHS[:3]


def test_page_text_german_reply_buttons_mark_the_thread() -> None:
    # a German blog's thread: each comment ends with its "Antworten" (reply) button
    thread = []
    for name in ("Gitta", "Bibi", "Gerald", "Aylin"):
        thread += [
            f"{name} sagt:",
            "22. Dezember 2019 um 11:16 Uhr",
            f"Danke für den schönen Bericht, {name} war auch schon dort und fand es wunderbar. "
            "Die neuen Linien sind ein Gewinn für alle, die im Norden wohnen und in der Stadt "
            "arbeiten, und ich hoffe, dass der Rat bald auch die Nachtbusse ausbaut.",
            "Antworten",
        ]
    page = "\n".join(["Council expands bus network", *PARAGRAPHS, "4 Kommentare", *thread])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_comments_heading_in_other_languages_closes_the_story() -> None:
    comment = (
        "Die neuen Linien sind ein Gewinn für alle, die im Norden wohnen und in der Stadt "
        "arbeiten, und ich hoffe, dass der Rat bald auch die Nachtbusse ausbaut."
    )
    for heading in ("12 Kommentare", "Comentarios (3)", "2 Gedanken zu „Neue Buslinien“"):
        page = "\n".join(["Council expands bus network", *PARAGRAPHS, heading, comment, comment])
        assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
    # "Kommentar" alone is an opinion piece's kicker, not a thread's heading
    page = "\n".join(["Kommentar", "Council expands bus network", *PARAGRAPHS])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_headline_shown_after_a_kicker_the_title_holds() -> None:
    # the page's title is "<kicker> - <headline> | <section>"; the title splitter keeps the
    # headline, and the page shows it after its kicker, the standfirst under it
    standfirst = "Four new routes will connect the northern suburbs. The vote was unanimous."
    page = "\n".join(
        [
            "Transport: City Hall - Council expands bus network to the north | Politics",
            *["Home", "Politics", "Sport"],
            "City Hall: Council expands bus network to the north",
            standfirst,
            *["Four new routes", "Night buses to follow", "Fares unchanged"],
            *PARAGRAPHS,
        ]
    )
    paragraphs = split_page(page, "text/plain").paragraphs
    assert paragraphs[0] == standfirst
    assert paragraphs[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_page_text_german_about_heading_opens_a_bio_box() -> None:
    bio = (
        "Hallo, ich bin Foodbloggerin, Backbuchautorin und Journalistin, und seit meiner "
        "Kindheit backe ich leidenschaftlich gern für meine Familie und meine Freunde."
    )
    page = "\n".join(["Council expands bus network", *PARAGRAPHS, "Über Kathrin", bio, "Top"])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_dated_teasers_above_the_story_open_no_thread() -> None:
    # a "Latest stories" box over the story: a section, a date and a title-case headline,
    # over and over, with a photo's caption above it; its dates come as close together as a
    # thread's, but nothing is said between them: they date teasers, and the story under the
    # box is still found
    caption = (
        "The minister of transport, seen here at the opening of the new depot on Monday, "
        "answers questions from reporters about the plan that the council has put to a vote "
        "and about what the routes will cost the city's residents who ride them every day."
    )
    teasers = []
    for section, headline in (
        ("Health", "Hospital Opens New Wing For Children And Families"),
        ("Education", "Schools Receive Funding For New Science Labs"),
        ("Sport", "Local Club Wins Regional Cup After Penalty Shootout"),
        ("Weather", "Heavy Rain Expected Across The Region This Weekend"),
    ):
        teasers += [section, "April 26, 2022", headline]
    page = "\n".join(
        [
            "Council expands bus network",
            "Home",
            "News",
            "Photo of the day",
            caption,
            "Latest stories",
            *teasers,
            "Council expands bus network",
            "Transport",
            "April 26, 2022",
            *PARAGRAPHS,
            "Contact us",
        ]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_comments_dated_closely_still_open_a_thread() -> None:
    # the same dates with something said between them are a thread's: its comments stay out
    comments = []
    for name, said in (
        ("Jane", "Great news for the northern suburbs, finally."),
        ("Peter", "The evening service should run later than ten."),
        ("Anna", "Twelve million dollars seems a lot for four routes."),
    ):
        comments += [name, "April 26, 2022", said]
    page = "\n".join(["Council expands bus network", *PARAGRAPHS, *comments])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "filing",
    [
        "Dieser Beitrag wurde veröffentlicht in Stadt und verschlagwortet mit Bus, Verkehr.",
        "Schlagwörter: Bus, Verkehr, Stadtrat",
        "Publié dans Ville, Transports",
    ],
)
def test_page_text_filing_line_in_other_languages_ends_the_story(filing: str) -> None:
    # a blog's filing line ("This entry was posted in ...") in German or French closes the
    # story as the English one does: the blurb about the blog under it is not the story's
    blurb = (
        "Our little newsroom has written about the city and the people who live in it for "
        "many years, and we are always glad to hear from readers who have a story to tell."
    )
    page = "\n".join(["Council expands bus network", *PARAGRAPHS, filing, blurb, "Impressum"])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "caption",
    [
        "Buses wait at the new depot in the north of the city on Monday. Photograph: Jane Doe",
        "A bus at the depot.Photograph: Getty Images",
        "Die neue Busflotte im Depot. Foto: Stadtwerke/dpa",
        "Jane Doe, the depot's manager, photo: City Archive",
        "Die neue Busflotte im Depot. (Foto: privat)",
        "The new depot in the north of the city / (C) Jane Doe",
        "The new depot in the north of the city, © Jane Doe",
    ],
)
def test_page_text_caption_ending_in_its_credit_is_no_story_line(caption: str) -> None:
    # a photo's caption with its credit on one line, among the story's paragraphs: a
    # caption, however much it reads like a sentence of the story; the story goes on under it
    page = "\n".join(
        ["Council expands bus network", PARAGRAPHS[0], caption, *PARAGRAPHS[1:], "Contact us"]
    )
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_credit_words_inside_a_sentence_keep_the_line() -> None:
    # "photo" and "credit" in the story's own sentences, not closing it as a credit does
    line = "She said the photo: a bus, a depot and a crowd, was taken by a resident on Monday."
    page = "\n".join(["Council expands bus network", PARAGRAPHS[0], line, *PARAGRAPHS[1:]])
    assert line in split_page(page, "text/plain").paragraphs


def test_page_text_dated_teasers_after_the_story_are_left_out() -> None:
    # "More content": other articles, each a dated line, a headline and a blurb that reads as
    # prose; the story ran on into the blurbs, which are not its own
    teasers = []
    for day, headline, blurb in (
        ("12.03.2024", "Tram Line Closes For Summer Repairs", "The tram line to the harbour"),
        ("11.03.2024", "New Cycle Lanes Open In The Old Town", "Cyclists in the old town"),
        ("10.03.2024", "Parking Fees Rise In The City Centre", "Drivers who park downtown"),
        ("09.03.2024", "Airport Bus Runs Every Ten Minutes", "Travellers to the airport"),
    ):
        teasers += [
            f"{day} - Transport",
            headline,
            f"{blurb} will see changes from next month, the city said on Monday, after a "
            "long debate in the council about costs and the needs of residents.",
        ]
    page = "\n".join(["Council expands bus network", *PARAGRAPHS, "More content:", *teasers])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_dates_captions_and_filing_lines_cost_linear_time() -> None:
    # the dated-teaser cycles, the dates a thread's test reads, captions ending in a credit
    # and filing lines, over and over: each line is read a bounded number of times
    cycle = "\n".join(
        [
            "12.03.2024 - Transport",
            "Tram Line Closes For Summer Repairs",
            "A bus at the depot. Photo: " + "a" * 70,
            "April 26, 2022",
            "Schlagwörter: Bus, Verkehr",
        ]
    )
    growth(lambda n: "\n".join([cycle] * n), lambda text: split_page(text, "text/plain"), 400)


def test_page_text_gallery_slide_counters_are_no_comment_dates() -> None:
    # a gallery inside the story counts its slides ("Bild 2 von 12"), which read as a date
    # ("2 von 12": a day, a month's name, a year); three in a row framed a thread and the
    # story under the gallery was lost
    slides = [
        line
        for n in range(1, 5)
        for line in (f"Bild {n} von 12", f"Die neue Linie an der Haltestelle Nummer {n}.")
    ]
    page = "\n".join(
        ["Council expands bus network to northern suburbs", PARAGRAPHS[0], *slides, *PARAGRAPHS[1:]]
    )
    paragraphs = split_page(page + "\nContact us", "text/plain").paragraphs
    assert PARAGRAPHS[0] in paragraphs
    assert all(p in paragraphs for p in PARAGRAPHS[1:])
    assert COMMENT_MARKER.match("Bild 2 von 12") is not None  # (the date form still reads it)


def test_page_text_race_splits_are_durations_not_comment_stamps() -> None:
    # a race's splits read as times ("10km - 34:46 (17:26)", "Halfway - 1:13:13"): past 23
    # hours or with seconds and no date, they are durations; their run framed a thread and
    # the story under them was lost
    splits = [
        "10km - 34:46 (17:26)",
        "15km - 52:10 (17:24)",
        "Halfway - 1:13:13",
        "25km - 1:26:23 (16:57)",
        "Finish - 2:23:07",
    ]
    page = "\n".join(
        [
            "Council expands bus network to northern suburbs",
            *PARAGRAPHS[:2],
            *splits,
            *PARAGRAPHS[2:],
            *(paragraph.replace("council", "city") for paragraph in PARAGRAPHS),
        ]
    )
    paragraphs = split_page(page + "\nContact us", "text/plain").paragraphs
    assert all(p in paragraphs for p in PARAGRAPHS[2:])
    # a forum's stamps, dated and with seconds, still frame its comments
    thread = [f"Posted by: Jane | Mar {day}, 2024 9:1{day}:05 AM" for day in (1, 2, 3)]
    comments = [line for stamp in thread for line in (stamp, PARAGRAPHS[0].upper())]
    page = "\n".join(["Council expands bus network to northern suburbs", *PARAGRAPHS, *comments])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS


def test_page_text_inset_teasers_with_no_label_do_not_make_the_story_a_thread() -> None:
    # teasers set among the story's paragraphs under a section's label, not "Read also":
    # the label, another article's headline, its date; three dates framed a thread and the
    # story under the first teaser was lost
    teasers = [
        ("Transport", "Bus drivers strike over pay in the southern suburbs this week", "01"),
        ("City news", "Ferry timetable changes for the summer season are announced", "02"),
        ("Transport", "New cycle lanes open along the river to the old harbour", "03"),
    ]
    more = [paragraph.replace("council", "city") for paragraph in PARAGRAPHS]
    body = [*PARAGRAPHS[:2]]
    for (label, headline, day), paragraph in zip(teasers, PARAGRAPHS[2:] + more[:1], strict=True):
        body += [label, headline, f"{day} de mayo de 2022 09:37 AM", paragraph]
    page = "\n".join(
        ["Council expands bus network to northern suburbs", *body, *more[1:], "Contact us"]
    )
    paragraphs = split_page(page, "text/plain").paragraphs
    assert all(p in paragraphs for p in PARAGRAPHS[2:] + more)
    # a thread's dates, each under its commenter's name, still frame its comments
    thread = [("Jane Doe", "01"), ("Kurt", "02"), ("Anna", "03")]
    comments = [
        line
        for name, day in thread
        for line in (name, f"{day} de mayo de 2022 09:37 AM", PARAGRAPHS[0].upper())
    ]
    page = "\n".join(["Council expands bus network to northern suburbs", *PARAGRAPHS, *comments])
    assert split_page(page, "text/plain").paragraphs == PARAGRAPHS
