"""Country tagging: aliases, demonyms, ambiguity, entities, weights, offsets, the gazetteer file.

The texts are written for these tests; the seed is the project's own document.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.models import Country, Entity, Mention
from pipeline.nlp.countries import lead_end, tag_countries
from pipeline.nlp.gazetteer import load_gazetteer
from tests.conftest import seed_parts

REPO = Path(__file__).resolve().parents[2]
GAZETTEER = REPO / "pipeline" / "data" / "gazetteer.json"


def codes(countries: list[Country]) -> set[str]:
    return {c.code for c in countries}


def by_code(countries: list[Country]) -> dict[str, Country]:
    return {c.code: c for c in countries}


def entity(text: str, story: str, label: str) -> Entity:
    """An entity for every occurrence of `text` in the story."""
    mentions = []
    start = story.find(text)
    while start >= 0:
        mentions.append(Mention(section="story", start=start, end=start + len(text), text=text))
        start = story.find(text, start + 1)
    return Entity(name=text, label=label, salience=0.5, mentions=mentions)


@pytest.mark.parametrize(
    ("story", "code"),
    [
        ("Talks opened in the US on Monday.", "US"),
        ("Talks opened in the U.S. on Monday.", "US"),
        ("Talks opened in the USA on Monday.", "US"),
        ("Talks opened in America on Monday.", "US"),
        ("Talks opened in the United States on Monday.", "US"),
        ("Talks opened in the UK on Monday.", "GB"),
        ("Talks opened in the U.K. on Monday.", "GB"),
        ("Talks opened in Britain on Monday.", "GB"),
        ("Talks opened in Holland on Monday.", "NL"),
        ("Talks opened in South Korea on Monday.", "KR"),
        ("Talks opened in Côte d'Ivoire on Monday.", "CI"),
        ("Pakistani officials spoke on Monday.", "PK"),
        ("Afghan officials spoke on Monday.", "AF"),
        ("Scottish officials spoke on Monday.", "GB"),  # a nation's adjective inside a country
        ("A Texan oil firm spoke on Monday.", "US"),  # a region's adjective
        ("The talks moved to Islamabad on Monday.", "PK"),
        ("Officials in Texas spoke on Monday.", "US"),
        ("Officials in Md. spoke on Monday.", "US"),
        ("BEIRUT - Officials spoke on Monday.", "LB"),
    ],
)
def test_names_aliases_demonyms_and_places(story: str, code: str) -> None:
    assert codes(tag_countries("", story)) == {code}


def test_pak_afghan_is_two_countries() -> None:
    title = "Torkham border closed: Pak-Afghan annual trade volume reduces by $1bn"
    found = by_code(tag_countries(title, ""))
    assert set(found) == {"PK", "AF"}
    assert [m.text for m in found["PK"].mentions] == ["Pak"]
    assert [m.text for m in found["AF"].mentions] == ["Afghan"]


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("The old Austro-Hungarian border ran through the valley.", {"AT", "HU"}),
        ("Ministers praised Franco-German ties at the summit.", {"FR", "DE"}),
        ("The Sino-Soviet rift widened that year.", {"CN", "RU"}),
        ("He took up Greco-Roman wrestling at school.", set()),  # no country's adjective after
        ("General Franco ruled for decades.", set()),  # alone, a name
    ],
)
def test_a_combining_form_before_a_hyphen_and_a_country_places(
    story: str, expected: set[str]
) -> None:
    assert codes(tag_countries("", story)) == expected


def test_lower_case_words_and_world_regions_do_not_place() -> None:
    story = "The china broke. Rates in South America and the Indian Ocean rose by US$5 million."
    assert tag_countries("", story) == []


def test_new_york_times_does_not_place() -> None:
    story = "A reporter for The New York Times wrote about the budget."
    assert tag_countries("", story) == []
    with_entity = [entity("The New York Times", story, "ORG")]
    assert tag_countries("", story, with_entity) == []


def test_town_inside_an_organisation_entity_is_dropped() -> None:
    story = "Analysts at the Kabul Policy Institute met on Friday."
    assert codes(tag_countries("", story)) == {"AF"}  # a capital alone places the story
    assert tag_countries("", story, [entity("Kabul Policy Institute", story, "ORG")]) == []


def test_jordan_as_a_person() -> None:
    story = "Jordan scored 30 points as the home side won again."
    assert codes(tag_countries("", story)) == {"JO"}  # without entities it reads as the country
    assert tag_countries("", story, [entity("Jordan", story, "PERSON")]) == []


def test_country_mislabelled_as_person_is_kept() -> None:
    story = "Cases were reported in Botswana this week."
    assert codes(tag_countries("", story, [entity("Botswana", story, "PERSON")])) == {"BW"}


def test_georgia_with_atlanta_is_the_us_state() -> None:
    story = "Storms hit Georgia on Monday. Roads near Atlanta and Savannah were closed."
    assert codes(tag_countries("", story)) == {"US"}


def test_georgia_with_tbilisi_is_the_country() -> None:
    story = "Protesters filled the streets of Tbilisi as Georgia voted on Monday."
    assert codes(tag_countries("", story)) == {"GE"}


def test_shared_town_names_follow_the_document() -> None:
    # "Birmingham" is in England and in Alabama.
    us = tag_countries("", "Police in Birmingham and Montgomery searched Alabama homes.")
    assert codes(us) == {"US"}
    gb = tag_countries("", "Police in Birmingham and Coventry searched homes in England.")
    assert codes(gb) == {"GB"}
    # A big capital is not moved abroad by a passing mention of another country.
    assert codes(tag_countries("", "Flights from London to Canada were cancelled.")) == {"GB", "CA"}


def test_shared_town_without_evidence_is_left_unresolved() -> None:
    # "Hyderabad" is a big city in India and in Pakistan: neither is dominant, so it is left
    # unresolved unless the rest of the story points at one country.
    assert tag_countries("", "Floods hit Hyderabad on Monday.") == []
    pk = tag_countries("", "Floods hit Hyderabad on Monday. Help came from Karachi and Sindh.")
    assert [m.text for m in by_code(pk)["PK"].mentions] == ["Hyderabad", "Karachi", "Sindh"]
    assert codes(pk) == {"PK"}
    india = tag_countries("", "Floods hit Hyderabad on Monday. Help came from all of Telangana.")
    assert codes(india) == {"IN"}
    # A dominant place needs no evidence: Paris is far bigger than any namesake.
    assert codes(tag_countries("", "Floods hit Paris on Monday.")) == {"FR"}


def test_a_small_town_named_like_a_bigger_place_abroad_stays_at_home() -> None:
    # Ireland has small towns called Newport and Virginia; the gazetteer keeps the names for
    # Wales's city and the US state, and notes the Irish namesakes (`town_namesakes`).
    towns = "Applications rose in Nenagh, Thurles and Roscrea this year."
    found = tag_countries("", towns + " Newport had 40 more, and Virginia 12.")
    assert codes(found) == {"IE"}
    assert [m.text for m in by_code(found)["IE"].mentions][-2:] == ["Newport", "Virginia"]
    # ... but not when the story names the bigger place's country, nor with fewer home places.
    wales = tag_countries("", towns + " Newport in Wales had 40 more.")
    assert [m.text for m in by_code(wales)["GB"].mentions] == ["Newport", "Wales"]
    two = tag_countries("", "Applications rose in Nenagh and Thurles. Newport had 40 more.")
    assert "IE" not in {c.code for c in two if "Newport" in [m.text for m in c.mentions]}


def test_a_region_after_a_town_says_which_country_it_is_in() -> None:
    # "Stroud" and "Bradford" are English towns in the gazetteer; after them, Ontario says these
    # are Canadian namesakes it lacks: they go, and the qualifier places the story.
    story = "He was stopped in Stroud, Ontario, Canada, to appear in a Bradford, Ontario court."
    assert codes(tag_countries("", story)) == {"CA"}
    # A town the gazetteer has in the qualifier's country keeps that country only.
    found = tag_countries("", "Talks in Vienna, Va. ended on Monday.")
    assert codes(found) == {"US"}
    assert [m.text for m in found[0].mentions] == ["Vienna", "Va."]
    # A shared region name after a town is the town's ("Atlanta, Georgia" is the US state).
    assert codes(tag_countries("", "Storms hit Atlanta, Georgia on Monday.")) == {"US"}


def test_a_qualified_place_is_a_place_whatever_its_label() -> None:
    story = "In Klamath Falls, Oregon, a brewery opened."
    person = [entity("Klamath Falls", story, "PERSON")]
    found = by_code(tag_countries("", story, person))
    assert [m.text for m in found["US"].mentions] == ["Klamath Falls", "Oregon"]


def test_a_list_of_places_is_not_read_as_qualifiers() -> None:
    # Regions do not qualify regions, and a qualifier is not part of a longer name.
    story = "Cases came from Kentucky, Colorado, Georgia, Idaho and Illinois."
    assert codes(tag_countries("", story)) == {"US"}
    story = "Letters went to Hollywood, Los Angeles, San Fernando Valley and Santa Monica."
    assert codes(tag_countries("", story)) == {"US"}
    story = "Flights from Berlin, Paris and Rome were cancelled."
    assert codes(tag_countries("", story)) == {"DE", "FR", "IT"}
    for story in ("Trade: India, Tibet and Nepal.", "Trade: India, Tibet, Nepal."):
        assert codes(tag_countries("", story)) == {"IN", "CN", "NP"}


@pytest.mark.parametrize(
    "story",
    [
        "She owns a shop in Poland, Ohio, near the lake.",
        "He lives in Lebanon, Pa. and works here.",
        "He grew up in Jordan, Minnesota.",
    ],
)
def test_a_country_name_qualified_by_another_country_s_region_is_a_town(story: str) -> None:
    assert codes(tag_countries("", story)) == {"US"}


@pytest.mark.parametrize(
    "story",
    [
        "Two men, an American and an Australian, face trial.",
        "She is studying Portuguese.",
        "The Irish — left with seven players — lost.",
        "His game rivals the Italian's trilogy in sales.",
    ],
)
def test_a_demonym_used_as_a_noun_does_not_place(story: str) -> None:
    assert tag_countries("", story) == []


def test_a_demonym_used_as_an_adjective_places() -> None:
    assert codes(tag_countries("", "The mainly Somali refugees waited.")) == {"SO"}
    assert codes(tag_countries("", "None of the injured were British.")) == {"GB"}
    pan = "Officials of the Pan American Health Organization met."
    assert tag_countries("", pan) == []


@pytest.mark.parametrize(
    "story",
    [
        "She speaks French fluently and reads the news.",
        "He is fluent in Japanese now and works at a bank.",
        "The novel was translated from Russian last year by a student.",
        "The film was dubbed into German twice before its release.",
        "There is no Japanese word for it.",
        "A French-language daily printed the letter.",
        "The shop hires Chinese speakers for the summer.",
        "The show comes with Italian subtitles on the disc.",
        "She speaks French and German fluently.",
        "Kids learn French or Spanish online now.",
    ],
)
def test_a_demonym_that_names_a_language_does_not_place(story: str) -> None:
    assert tag_countries("", story) == []


def test_a_demonym_about_people_or_a_state_still_places_beside_a_language() -> None:
    story = "A Japanese man who speaks French met German troops."
    assert codes(tag_countries("", story)) == {"JP", "DE"}
    # a verb of learning names a language only before a list of them
    assert codes(tag_countries("", "He learned British troops had left town.")) == {"GB"}


@pytest.mark.parametrize(
    "story",
    [
        "The town has a Vietnamese restaurant now and a bakery.",
        "Apricots are popular in Moroccan cuisine today.",
        "We had good Bosnian food in the old town.",
        "Serve the French-style pate cold.",
    ],
)
def test_a_demonym_that_names_a_cuisine_does_not_place(story: str) -> None:
    assert tag_countries("", story) == []


def test_a_country_s_food_trade_still_places() -> None:
    assert codes(tag_countries("", "Chinese food exports fell again.")) == {"CN"}


def test_a_demonym_that_names_a_time_zone_does_not_place() -> None:
    assert tag_countries("", "The show starts at 6.00pm British time on Friday.") == []
    assert tag_countries("", "It opens at 9 a.m. Japanese time tomorrow.") == []
    assert codes(tag_countries("", "At 6pm British troops left.")) == {"GB"}


def test_a_demonym_after_a_given_name_inside_a_name_does_not_place() -> None:
    story = "Guests met at the Percy French Hotel on Friday."
    assert tag_countries("", story, [entity("Percy French Hotel", story, "ORG")]) == []
    # One that starts the name names an institution of the country.
    story = "Officers of the Nigerian Army met on Friday."
    assert codes(tag_countries("", story, [entity("the Nigerian Army", story, "ORG")])) == {"NG"}
    story = "Reporters of the BBC Russian Service met on Friday."
    assert codes(tag_countries("", story, [entity("BBC Russian Service", story, "ORG")])) == {"RU"}


def test_a_place_before_an_office_places_the_story_inside_an_organisation() -> None:
    story = "Oklahoma Gov. Mary Fallin signed the bill."
    assert codes(tag_countries("", story)) == {"US"}
    story = "Officers of the Maryland State Police searched the house."
    org = [entity("the Maryland State Police", story, "ORG")]
    assert codes(tag_countries("", story, org)) == {"US"}
    story = "Nigeria's envoy spoke at the Lagos Chamber of Commerce and Industry."
    chamber = [entity("the Lagos Chamber of Commerce and Industry", story, "ORG")]
    assert [m.text for c in tag_countries("", story, chamber) for m in c.mentions] == [
        "Nigeria",
        "Lagos",
    ]
    story = "A reporter for the Houston Chronicle wrote it."  # a paper, not a place
    assert tag_countries("", story, [entity("the Houston Chronicle", story, "ORG")]) == []


@pytest.mark.parametrize(
    ("story", "name"),
    [
        ("Manitoba Premier Brian Pallister rejected the plan.", "Manitoba Premier Brian Pallister"),
        ("The Delhi High Court sought a reply.", "The Delhi High Court"),
        ("Officers of the Ontario Provincial Police searched it.", "the Ontario Provincial Police"),
        ("The Kerala Chief Minister spoke.", "The Kerala Chief Minister"),
    ],
)
def test_a_region_before_its_government_or_court_places_the_story(story: str, name: str) -> None:
    assert len(tag_countries("", story, [entity(name, story, "ORG")])) == 1


def test_a_place_s_possessive_opening_an_organisation_is_the_place() -> None:
    story = "Manitoba's Opposition New Democrats said they would delay the law."
    org = [entity("Manitoba's Opposition New Democrats", story, "ORG")]
    assert codes(tag_countries("", story, org)) == {"CA"}
    story = "A reporter for the Houston Chronicle's business desk wrote it."  # the paper's
    org = [entity("the Houston Chronicle's business desk", story, "ORG")]
    assert tag_countries("", story, org) == []


@pytest.mark.parametrize(
    "story",
    [
        "LOS ANGELES, April 05 (AP) - A man was held.",
        "ST. LOUIS – Police announced an arrest.",
        "NEW YORK (AP) — Police said.",
    ],
)
def test_shouted_names_of_several_short_words(story: str) -> None:
    assert codes(tag_countries("", story)) == {"US"}


def test_local_news_small_places() -> None:
    # A county places a story alone.
    assert codes(tag_countries("", "Deputies in Daviess County searched a barn.")) == {"US"}
    # One small town alone does not; three of one country bear each other out.
    assert tag_countries("", "Residents of Irwindale met on Monday.") == []
    story = "Residents of Irwindale, Azusa and Glendora met at the Vienna library."
    found = by_code(tag_countries("", story))
    assert set(found) == {"US"}  # and "Vienna" among them is Vienna, Virginia
    assert [m.text for m in found["US"].mentions] == ["Irwindale", "Azusa", "Glendora", "Vienna"]
    # Without that setting Vienna stays the capital of Austria.
    assert codes(tag_countries("", "Talks in Vienna ended on Monday.")) == {"AT"}


@pytest.mark.parametrize(
    "story",
    ["It cost 40 US dollars a month.", "Deaths from the Spanish flu rose.", "A Canada goose sat."],
)
def test_fixed_expressions_with_a_lower_case_word_do_not_place(story: str) -> None:
    assert tag_countries("", story) == []


@pytest.mark.parametrize(
    "story",
    [
        "She made coffee in a French press every morning.",
        "Add the Thai basil and a cup of Greek yogurt.",
        "They bought Persian rugs and a Russian doll at the fair.",
        "They ate Swedish meatballs and Brazil nuts.",
        "Japanese knotweed and Norway maples crowd the park.",
        "A Greek-letter fraternity held a party.",
        "The plan has a Swiss-cheese look, full of holes.",
    ],
)
def test_foods_plants_and_goods_named_after_a_country_do_not_place(story: str) -> None:
    assert tag_countries("", story) == []


def test_the_places_of_a_wire_credit_line_do_not_count() -> None:
    story = (
        "Rebels fought in Aleppo, Syria on Monday.\n\n(Reporting by Jane Doe in Amman and John"
        " Roe in Antakya, Turkey; Editing by Angus MacSwan)"
    )
    assert codes(tag_countries("", story)) == {"SY"}
    # the same places in the story count
    assert codes(tag_countries("", story.replace("(Reporting by", "(Seen by"))) == {
        "SY",
        "JO",
        "TR",
    }


def test_georgia_alone_is_the_country() -> None:
    assert codes(tag_countries("", "Georgia said talks would go on.")) == {"GE"}


def test_metonyms_washington_and_islamabad_place_the_story() -> None:
    story = "Washington warned Islamabad on Monday. The Kremlin did not comment."
    found = by_code(tag_countries("", story))
    assert set(found) == {"US", "PK", "RU"}
    assert [m.text for m in found["US"].mentions] == ["Washington"]
    assert [m.text for m in found["PK"].mentions] == ["Islamabad"]


def test_washington_inside_a_newspaper_name_does_not_place() -> None:
    story = "The Washington Post reported the deal."
    assert tag_countries("", story, [entity("The Washington Post", story, "ORG")]) == []


def test_jordan_inside_a_person_name_is_dropped() -> None:
    story = "Michael Jordan flew to Amman."
    found = tag_countries("", story, [entity("Michael Jordan", story, "PERSON")])
    assert [(c.code, m.text) for c in found for m in c.mentions] == [("JO", "Amman")]


def test_title_and_lead_weigh_more_for_focus() -> None:
    title = "Floods in Kenya"
    story = "Rain fell for a week.\n\nAid came from Uganda. Uganda pledged more on Monday."
    found = by_code(tag_countries(title, story))
    # Kenya: 3 (title); Uganda: 1 + 1 (body): Kenya leads with one mention.
    assert found["KE"].score == pytest.approx(0.6)
    assert found["UG"].score == pytest.approx(0.4)
    assert found["KE"].focus
    assert not found["UG"].focus  # 2 < 0.7 * 3: the title's country alone
    close = by_code(tag_countries(title, "Rain fell for a week.\n\nUganda, Uganda and Uganda."))
    assert close["KE"].focus  # 3 against 3: both sides
    assert close["UG"].focus
    later = by_code(tag_countries("", "Rain fell in Kenya.\n\nAid came from Uganda."))
    assert later["KE"].score == pytest.approx(2 / 3)  # lead 2 against body 1
    assert not later["UG"].focus


def test_scores_sum_to_one_and_are_sorted() -> None:
    story = "France, Germany and Italy met. France and Germany agreed; France paid."
    found = tag_countries("", story)
    assert [c.code for c in found] == ["FR", "DE", "IT"]
    assert math.isclose(sum(c.score for c in found), 1.0)
    assert found[0].score > found[1].score > found[2].score
    assert tag_countries("", "Nothing to see here.") == []


def test_offsets_are_exact() -> None:
    title = "Pakistan and the U.S. talk"
    story = "Officials from Islamabad met.\n\nWashington's envoy flew to the U.S. state of Texas."
    for country in tag_countries(title, story):
        for mention in country.mentions:
            text = title if mention.section == "title" else story
            assert text[mention.start : mention.end] == mention.text
    found = by_code(tag_countries(title, story))
    assert [(m.section, m.start, m.end) for m in found["PK"].mentions] == [
        ("title", 0, 8),
        ("story", 15, 24),
    ]
    assert [m.text for m in found["US"].mentions] == ["U.S.", "Washington", "U.S.", "Texas"]
    assert found["US"].name == "United States"


def test_seed_story() -> None:
    title, story, _ = seed_parts()
    assert story.count("\n\n") == 14  # 15 paragraphs
    found = tag_countries(title, story)
    focus = {c.code for c in found if c.focus}
    assert focus == {"PK", "US"}
    assert codes(found) == {"PK", "US"}
    assert "Pakistani" in [m.text for m in by_code(found)["PK"].mentions]
    assert [m.text for m in by_code(found)["US"].mentions][:2] == ["US", "Washington"]
    for country in found:
        for mention in country.mentions:
            text = title if mention.section == "title" else story
            assert text[mention.start : mention.end] == mention.text


def test_seed_sidebar_headlines_add_nothing() -> None:
    title, story, page = seed_parts()
    found = tag_countries(title, story)
    assert all(m.start < len(story) for c in found for m in c.mentions)
    # The check can fail: the sidebar's headlines ("Pak-Afghan", "Senior Indian actor") would
    # bring in countries of their own if they were passed as story text.
    on_page = codes(tag_countries(title, page))
    assert on_page - codes(found) >= {"AF", "IN"}


def test_gazetteer_is_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()
    assert len(load_gazetteer().names) > 30_000


def test_gazetteer_file_matches_the_build_script(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer.json"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_gazetteer.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    assert out.read_bytes() == GAZETTEER.read_bytes(), (
        "pipeline/data/gazetteer.json is stale: run python scripts/build_gazetteer.py"
    )


def test_a_small_town_the_model_calls_a_place_stands_alone_only_in_a_story_of_its_own() -> None:
    # Reston (US, 58k people) is no place that places a story alone.
    alone = "Officials in Reston said the tests were negative."
    reston = entity("Reston", alone, "GPE")
    assert codes(tag_countries("", alone, [reston])) == {"US"}
    assert tag_countries("", alone) == []  # the check can fail: without the model's GPE, nothing
    # Beside another country's places it is more often a namesake the gazetteer lacks.
    abroad = "Officials in Reston said the tests in Berlin and Munich were negative."
    assert codes(tag_countries("", abroad, [entity("Reston", abroad, "GPE")])) == {"DE"}
    # Beside its own country's places it counts.
    home = "Officials in Reston and Chicago said the tests were negative."
    assert codes(tag_countries("", home, [entity("Reston", home, "GPE")])) == {"US"}
    assert "Reston" in [
        m.text
        for m in by_code(tag_countries("", home, [entity("Reston", home, "GPE")]))["US"].mentions
    ]


def test_equal_weights_go_to_the_country_named_first() -> None:
    # Sweden and Austria both weigh 2 (the lead): Sweden, named first, leads, whatever the codes.
    found = tag_countries("", "Talks opened in Sweden on Monday. Austria sent a delegate.")
    assert [c.code for c in found] == ["SE", "AT"]
    assert all(c.focus for c in found)
    # A title mention comes before any story mention at equal weight (3 = 2 + 1).
    title_first = tag_countries("Sweden talks", "Austria sent a delegate.\n\nAustria asked.")
    assert [c.code for c in title_first] == ["SE", "AT"]
    # Before the order of naming: the country named through more different places.
    found = tag_countries("", "Talks opened in Sweden, Sweden. Austria sent Vienna's mayor.")
    assert [c.code for c in found] == ["AT", "SE"]


def test_a_surname_repeated_alone_is_no_town() -> None:
    # "Sambo" is a town of Angola in the gazetteer; here it is the director named in full before.
    story = "Director Luis Gomes Sambo spoke in Angola. Later Sambo flew to Chad."
    person = entity("Luis Gomes Sambo", story, "PERSON")
    found = by_code(tag_countries("", story, [person]))
    assert [m.text for m in found["AO"].mentions] == ["Angola"]
    # Without the person named in full, the same town is kept (Angola is named, so it counts).
    alone = "Angola reported cases. Later Sambo reported more."
    assert codes(tag_countries("", alone)) == {"AO"}
    assert [m.text for m in tag_countries("", alone)[0].mentions] == ["Angola", "Sambo"]
    # A capital is exempt: "Washington" stays the US even beside a "Denzel Washington".
    capital = "Denzel Washington visited Washington."
    star = entity("Denzel Washington", capital, "PERSON")
    assert [m.text for c in tag_countries("", capital, [star]) for m in c.mentions] == [
        "Washington"
    ]


def test_a_country_inside_a_persons_name_the_model_missed_is_no_country() -> None:
    # The model called each name an organisation; the story names its other people in full.
    story = (
        "Coach Ann Reyes praised Lara Jones and Taiwan Jones after the game in Ohio. "
        "Katie Moss and Katie Peru shared the prize; Sam van Dyke and Chad le Roux swam too."
    )
    people = [entity(n, story, "PERSON") for n in ("Ann Reyes", "Lara Jones", "Katie Moss")]
    orgs = [entity(n, story, "ORG") for n in ("Taiwan Jones", "Katie Peru", "Chad le Roux")]
    assert codes(tag_countries("", story, people + orgs)) == {"US"}
    # The surname written alone as a person's is a surname too ("Jones said").
    alone = "Georgia Hall led the field in Scotland by two shots. Hall, 27, birdied the last."
    bare = alone.rfind("Hall")
    hall = Entity(
        name="Hall",
        label="PERSON",
        salience=0.5,
        mentions=[Mention(section="story", start=bare, end=bare + 4, text="Hall")],
    )
    assert codes(tag_countries("", alone, [entity("Georgia Hall", alone, "ORG"), hall])) == {"GB"}
    # Without those people the names are read as before: no surname, no given name to go by.
    assert codes(tag_countries("", story, orgs)) >= {"TW", "PE"}
    # A country's organisation is kept: its word before the name is no given name the story
    # gives a person, or one it writes in lower case ("on air", beside a person "Air Lee").
    firm = "Air Kenya cut flights, Jo Ray said. Air Lee, a pilot, was on air at nine."
    named = [entity("Jo Ray", firm, "PERSON"), entity("Air Lee", firm, "PERSON")]
    assert codes(tag_countries("", firm, [*named, entity("Air Kenya", firm, "ORG")])) == {"KE"}
    # An abbreviation is no one's name ("Kim UK" beside a "Kim Lee" named in full).
    brand = "Sales at Kim UK rose, Kim Lee said."
    assert codes(tag_countries("", brand, [entity("Kim Lee", brand, "PERSON")])) == {"GB"}


def test_a_country_named_like_a_person_the_model_tags_there_is_that_persons_surname() -> None:
    # "Holland" is a name of the Netherlands; here the entity pass groups the bare surname
    # with the man named in full, so the model calls that very mention a person.
    def named(text: str, label: str, story: str, *starts: int) -> Entity:
        spans = [(s, s + len(text)) for s in starts] if starts else [(story.find(text), 0)]
        mentions = [
            Mention(section="story", start=s, end=s + len(text), text=text) for s, _ in spans
        ]
        return Entity(name=text, label=label, salience=0.5, mentions=mentions)

    story = "Police arrested Tom Holland in England. A cashier recognised Holland in a shop."
    person = named("Tom Holland", "PERSON", story)
    bare = story.rfind("Holland")
    person.mentions.append(Mention(section="story", start=bare, end=bare + 7, text="Holland"))
    assert codes(tag_countries("", story, [person], ner=True)) == {"GB"}
    # The same name where the model saw a place stays the country.
    place = "Police arrested Tom Holland in England. He had flown in from Holland."
    found = tag_countries(
        "",
        place,
        [
            named("Tom Holland", "PERSON", place),
            named("Holland", "GPE", place, place.rfind("Holland")),
        ],
        ner=True,
    )
    assert codes(found) == {"GB", "NL"}
    # An abbreviation is no one's surname, even at the end of a name the model read as a person.
    firm = "Fans wrote to Acme Travel UK. Later UK said sorry."
    travel = named("Acme Travel UK", "PERSON", firm)
    bare = firm.rfind("UK")
    travel.mentions.append(Mention(section="story", start=bare, end=bare + 2, text="UK"))
    assert codes(tag_countries("", firm, [travel], ner=True)) == {"GB"}


def test_a_results_tables_namesake_teams_abroad_are_the_leagues() -> None:
    # A league's results: "Ross County" and "Montrose" are towns the gazetteer has only in the
    # United States (minor ones), among teams all of England; the table is one league's.
    table = (
        "Results of the league games:\nLeeds 2 Wigan 1\nPreston 0 Burnley 3\n"
        "Ross County 1 Montrose 1\nBlackpool 2 Oldham 2"
    )
    assert codes(tag_countries("", table)) == {"GB"}
    # The country named elsewhere in the text stays.
    assert codes(tag_countries("", table + "\nThe visitors flew home to Ohio.")) == {"GB", "US"}
    # A major city abroad is that city's team ("Toronto"), and too few teams make no league.
    major = table.replace("Ross County 1 Montrose 1", "Toronto 1 Bolton 1")
    assert codes(tag_countries("", major)) == {"GB", "CA"}
    short = "Leeds 2 Wigan 1\nRoss County 1 Montrose 1"
    assert codes(tag_countries("", short)) == {"GB", "US"}


def test_a_story_without_paragraph_breaks_is_not_all_lead() -> None:
    first = (
        "Floods in Kenya have cut the main road between the coast and the capital, and the "
        "government of Kenya has asked for help from its neighbours after a week of rain that "
        "forecasters say will go on well into the next month."
    )
    assert len(first) > 200  # the sentence that runs past LEAD_MAX_CHARS ends the lead
    story = first + " Uganda sent trucks. Uganda sent food. Uganda sent doctors."
    found = tag_countries("", story)
    # Kenya: 2 + 2 in the lead; Uganda: 1 + 1 + 1 further on.
    assert [c.code for c in found] == ["KE", "UG"]
    assert found[0].score == pytest.approx(4 / 7)
    # A first paragraph shorter than that is all lead, as before.
    assert lead_end("Rain in Kenya. Uganda helped.\n\nMore.") == len(
        "Rain in Kenya. Uganda helped."
    )


def test_the_dateline_country_weighs_as_a_second_lead_mention() -> None:
    story = "HANOI (Reuters) - Russia and Vietnam signed a deal.\n\nRussia will build a plant."
    found = by_code(tag_countries("", story))
    # Vietnam: 2 (Hanoi) + 2 (Vietnam) + 2 (the dateline); Russia: 2 + 1.
    assert found["VN"].score == pytest.approx(6 / 9)
    assert not found["RU"].focus  # 3 < 0.7 * 6
    # No dateline ("In Hanoi, ..." is a sentence): Vietnam 4 against Russia 3, both focus.
    plain = by_code(
        tag_countries(
            "", "In Hanoi, Russia and Vietnam signed a deal.\n\nRussia will build a plant."
        )
    )
    assert plain["VN"].score == pytest.approx(4 / 7)
    assert plain["RU"].focus
    # A foreign bureau's dateline: France 2 (Paris) + 2 (the dateline), Kenya 2.
    filed = by_code(tag_countries("", "PARIS (AP) - Kenya had floods."))
    assert filed["KE"].score == pytest.approx(2 / 6)


def test_two_shared_place_names_with_one_common_country_place_each_other() -> None:
    # Dundalk is in Ireland and Maryland, Dundrum in Ireland and Britain: alone each is left
    # unresolved, together (both called places by the model) they are in Ireland.
    story = "A man was stabbed in Dundalk in January. He is held in a hospital in Dundrum."
    ents = [entity("Dundalk", story, "GPE"), entity("Dundrum", story, "GPE")]
    assert codes(tag_countries("", story, ents)) == {"IE"}
    one = "A man was stabbed in Dundalk in January."
    assert codes(tag_countries("", one, [entity("Dundalk", one, "GPE")])) == set()
    # Not without the model's word that they are places.
    assert codes(tag_countries("", story)) == set()
    # Nor when the names share more than one country (no single answer).
    both = "A man was stabbed in Dundalk in January. He is held in Baltimore's hospital."
    assert "IE" not in codes(tag_countries("", both, [entity("Dundalk", both, "GPE")]))


def test_a_shouted_dateline_ends_where_the_shouting_does() -> None:
    # A dateline without its dash: the case change ends the name, though the capitalised words
    # run on, and though the model glues it into an organisation's name.
    story = "SAN ANTONIO Turner Sports analyst Jim Doe spoke on Friday about the game."
    assert codes(tag_countries("", story)) == {"US"}
    glued = [entity("SAN ANTONIO Turner Sports", story, "ORG")]
    assert codes(tag_countries("", story, glued)) == {"US"}
    # Written in the usual case, the same words are one longer name: no place.
    plain = "San Antonio Turner Sports analyst Jim Doe spoke on Friday about the game."
    assert codes(tag_countries("", plain)) == set()


@pytest.mark.parametrize(
    "story",
    [
        "The Irish need 85 points to win the title on Sunday.",
        "The minister would like French to gain more influence in the talks.",
        "There were over 3,400 Irish on the waiting list last year.",
        "He is a passionate Irish who loves the game.",
    ],
)
def test_a_demonym_before_a_verb_or_a_preposition_is_a_noun(story: str) -> None:
    assert tag_countries("", story) == []


def test_a_demonym_before_its_noun_stays_an_adjective() -> None:
    assert codes(tag_countries("", "The Irish team needs 85 points to win.")) == {"IE"}
    assert codes(tag_countries("", "French troops went to the border.")) == {"FR"}


def test_a_postal_abbreviation_after_a_place_qualifies_it() -> None:
    # Reston (58k people) does not place a story alone; with its state's abbreviation it does.
    assert tag_countries("", "Police in Reston said the road was closed.") == []
    for story in (
        "Police in Reston, VA said the road was closed.",
        "RESTON, VA (WJLA) - Police said the road was closed.",
    ):
        assert codes(tag_countries("", story)) == {"US"}
    # A town the gazetteer has only in another country is a namesake it lacks.
    story = "Officials in Stroud, ON said the road was closed."
    assert tag_countries("", story, [entity("Stroud", story, "GPE")]) == []
    # After a capitalised word the abbreviation is a person's degree, not a state.
    assert tag_countries("", "Dr. Jane Smith, MD said the road was closed.") == []


def test_a_small_town_opening_a_sentence_is_a_word_the_text_also_writes_in_lower_case() -> None:
    # Strong is a town in Arkansas; Texas places the story in the US, so it would count.
    # ("Many", a town in Louisiana, was the example until function words left the gazetteer.)
    story = "Officials in Texas said the vote was close. Strong winds came, and strong rain."
    assert [m.text for m in by_code(tag_countries("", story))["US"].mentions] == ["Texas"]
    # A text that never writes the word in lower case keeps the town.
    town = "Officials in Texas said the vote was close. Strong voted on Monday."
    assert [m.text for m in by_code(tag_countries("", town))["US"].mentions] == ["Texas", "Strong"]


def test_an_acronym_the_text_defines_is_no_town() -> None:
    # Alma is a town of Quebec; here it is the alliance's acronym, and Canada places the story.
    story = "The Alliance of Local Municipal Administrations (ALMA) met in Canada. ALMA said so."
    assert [m.text for m in by_code(tag_countries("", story))["CA"].mentions] == ["Canada"]
    # An acronym of a place is that place.
    wales = "Horses in New South Wales (NSW) were tested. NSW said so."
    assert [m.text for m in by_code(tag_countries("", wales))["AU"].mentions] == [
        "New South Wales",
        "NSW",
        "NSW",
    ]


def test_a_small_us_town_sharing_its_name_with_small_places_abroad_is_in_the_gazetteer() -> None:
    # Malakoff (Texas, 2,300 people) shares its name with a French town of 30,000: among
    # Texas towns it is the Texan one, alone it places nothing.
    candidates = load_gazetteer().names["Malakoff"]
    assert {c.country for c in candidates} >= {"US", "FR"}
    story = "Officials in Dallas, Longview and Malakoff sprayed for mosquitoes."
    us = by_code(tag_countries("", story))["US"]
    assert "Malakoff" in [m.text for m in us.mentions]
    assert tag_countries("", "Officials in Malakoff sprayed for mosquitoes.") == []
    # A name a city that stands alone has gets no small US namesake ("Berlin" stays German).
    assert {c.country for c in load_gazetteer().names["Berlin"]} == {"DE"}


@pytest.mark.parametrize(
    ("story", "code"),
    [
        # English names of regions ISO lists in their own language (Thüringen, Kríti) ...
        ("Bird flu was found in Thuringia and Saxony-Anhalt on Monday.", "DE"),
        ("Tourists on Crete were told to stay indoors.", "GR"),  # not the Nebraska town
        ("Storms reached Normandy and Brittany's coast.", "FR"),
        ("A boy died in East Java; cases rose in North Sumatra.", "ID"),  # Jawa Timur
        # ... and ISO names with their unit, which news leaves out.
        ("Floods hit Yunnan and Guangxi on Monday.", "CN"),  # "Yunnan Sheng"
        ("Schools in Gyeonggi closed on Monday.", "KR"),  # "Gyeonggi-do"
        ("Officials in Bashkortostan and Tatarstan spoke.", "RU"),  # "Bashkortostan, Respublika"
    ],
)
def test_regions_under_the_names_news_uses(story: str, code: str) -> None:
    assert codes(tag_countries("", story)) == {code}


def test_transliterated_cities_under_the_forms_news_writes() -> None:
    # GeoNames: "Ar Raqqah", "Al Fallūjah", "Misratah", "Arkhangel’sk"; other names it lists.
    story = "Militias from Misrata, Raqqa and Fallujah met; a ship left Arkhangelsk."
    assert codes(tag_countries("", story)) == {"LY", "SY", "IQ", "RU"}
    # The article and the final "h" go only in Arabic-speaking countries ("Mandurah", Australia).
    assert "Mandura" not in load_gazetteer().names


def test_airports_named_alone_are_in_their_country() -> None:
    story = "Flights out of Heathrow and Schiphol were cancelled."
    assert codes(tag_countries("", story)) == {"GB", "NL"}
    # Heathrow is also a Florida town: a story that names US places keeps the airport British.
    story = "Dogs from Kansas City and Denver passed through Heathrow's animal centre."
    assert by_code(tag_countries("", story))["GB"].mentions[0].text == "Heathrow"


def test_a_place_after_a_place_word_and_a_hyphen_is_the_place() -> None:
    assert codes(tag_countries("", "Toads burst in a pond in Mid-Jutland.")) == {"DK"}
    assert tag_countries("", "Rain fell on KwaZulu-Natal.")[0].code == "ZA"  # no "Natal"


def test_second_level_units_count_beside_their_country() -> None:
    story = "Pigs on farms in Laguna and Bulacan, in the Philippines, tested positive."
    ph = by_code(tag_countries("", story))
    assert set(ph) == {"PH"}  # "Laguna" is no Californian town here
    assert {m.text for m in ph["PH"].mentions} == {"Laguna", "Bulacan", "Philippines"}
    story = "Two ducks died in the Somme, in the north of France."
    assert [m.text for m in tag_countries("", story)[0].mentions] == ["Somme", "France"]
    # Alone a unit places nothing, and it qualifies no place: no English district here.
    assert tag_countries("", "Ducks died in the Somme.") == []
    story = "He will appear in a Bradford, Ontario court in May."
    assert codes(tag_countries("", story)) == {"CA"}


@pytest.mark.parametrize(
    ("story", "code"),
    [
        ("Mosquitoes on Long Island tested positive.", "US"),  # not the Bahamas' island
        ("Storms crossed the Midwest and New England.", "US"),
        ("Walkers were lost in the Lake District.", "GB"),
    ],
)
def test_regions_that_are_no_administrative_unit(story: str, code: str) -> None:
    assert codes(tag_countries("", story)) == {code}


def test_trinidad_is_the_island_beside_a_us_town_of_that_name() -> None:
    story = "The mission in Washington and the ministry in Trinidad disagreed."
    mentions = {m.text: c.code for c in tag_countries("", story) for m in c.mentions}
    assert mentions == {"Washington": "US", "Trinidad": "TT"}


def test_saint_names_written_st() -> None:
    story = "Russia will close the US consulate in St. Petersburg."
    mentions = {m.text: c.code for c in tag_countries("", story) for m in c.mentions}
    assert mentions["St. Petersburg"] == "RU"  # not Florida's, 20 times smaller
    assert codes(tag_countries("", "Officials in St. Paul met on Monday.")) == {"US"}
    assert codes(tag_countries("", "Tourism in St. Lucia fell.")) == {"LC"}
    # Senegal's Saint-Louis is not five times Missouri's St. Louis: the name stays American.
    assert codes(tag_countries("", "ST. LOUIS - Police announced an arrest.")) == {"US"}


def test_a_county_after_a_capitalised_word_is_still_the_county() -> None:
    story = "They dream of turning historically Republican Orange County blue."
    assert codes(tag_countries("", story)) == {"US"}
    story = "She told the Suffolk County Times."  # a paper: the word after it still counts
    assert tag_countries("", story, [entity("the Suffolk County Times", story, "ORG")]) == []


@pytest.mark.parametrize(
    ("story", "name", "code"),
    [
        ("Doctors in Dar es Salaam said so.", "Dar es Salaam", "TZ"),
        ("Fighting in Deir ez-Zor went on.", "Deir ez-Zor", "SY"),
        ("Workers in São José dos Campos struck.", "São José dos Campos", "BR"),
    ],
)
def test_place_names_through_other_languages_particles(story: str, name: str, code: str) -> None:
    assert [(c.code, [m.text for m in c.mentions]) for c in tag_countries("", story)] == [
        (code, [name])
    ]


def test_a_town_before_its_unit_s_word_is_the_place() -> None:
    story = "Drones hit the Kursk Oblast and the Krasnodar Krai overnight."
    assert [m.text for c in tag_countries("", story) for m in c.mentions] == ["Kursk", "Krasnodar"]


def test_a_saint_s_church_is_no_caribbean_parish() -> None:
    # Jamaica's parishes St. Mary and St. Elizabeth stay "Saint ...": "St." is a church's.
    story = "The golf outing at St. Mary's, Pa., and the St. Elizabeth fund drive in Ohio."
    assert codes(tag_countries("", story)) == {"US"}
    assert codes(tag_countries("", "Visitors to St. Kitts rose.")) == {"KN"}


def test_second_level_units_named_like_words_or_people_are_never_matched_alone() -> None:
    story = "Black Angus beef sold well in Britain. Cher's son spoke in France."
    names = [m.text for c in tag_countries("", story) for m in c.mentions]
    assert names == ["Britain", "France"]  # no Scottish council area, no French department


def test_equal_weights_go_to_the_country_named_through_more_of_its_places() -> None:
    story = (
        "Animals were moved.\n\nThey left Kansas City in the U.S. and landed at London's Heathrow."
    )
    countries = tag_countries("", story)
    assert [c.code for c in countries] == ["GB", "US"]  # two places against a place and a name
    assert countries[0].score == countries[1].score


def test_two_place_words_make_another_name() -> None:
    # Kenya's (former) North Eastern Province is not Sri Lanka's Eastern Province.
    story = "Twelve died in North Eastern Province on Monday."
    assert codes(tag_countries("", story)) == {"KE"}
    story = "Floods hit the Eastern Province on Monday."
    assert codes(tag_countries("", story)) == {"LK"}


def test_louisiana_parishes_and_alaska_boroughs() -> None:
    assert codes(tag_countries("", "Schools in the Kenai Peninsula Borough closed.")) == {"US"}
    story = "Deputies in Caddo Parish and Bossier Parish searched; Shreveport police helped."
    assert {m.text for c in tag_countries("", story) for m in c.mentions} >= {
        "Caddo Parish",
        "Bossier Parish",
    }
    # A parish alone is as likely a church's: it places nothing by itself.
    assert tag_countries("", "Volunteers at Ascension Parish served dinner.") == []


def test_a_town_the_model_reads_as_a_word_where_capitals_say_nothing_is_no_place() -> None:
    # "Nice" (France, 340,000 people) opens a sentence and no entity covers it: the model read
    # the word. Without `ner` there is no model to ask, and the town stays.
    story = "Nice job! We will meet the team again in Boston next week."
    entities = [entity("Boston", story, "GPE")]
    assert codes(tag_countries("", story, entities, ner=True)) == {"US"}
    assert codes(tag_countries("", story, entities)) == {"US", "FR"}
    # The model's place label keeps it, at a sentence start too.
    placed = "Nice is sunny. We will meet the team again in Boston next week."
    assert codes(
        tag_countries(
            "", placed, [entity("Boston", placed, "GPE"), entity("Nice", placed, "GPE")], ner=True
        )
    ) == {
        "US",
        "FR",
    }


def test_a_town_named_like_a_word_in_a_title_case_headline_is_no_place() -> None:
    title = "Serbia Becomes a Hub for Surgery"  # Hub: a town of Pakistan
    serbia = Entity(
        name="Serbia",
        label="GPE",
        salience=0.5,
        mentions=[Mention(section="title", start=0, end=6, text="Serbia")],
    )
    assert codes(tag_countries(title, "", [serbia], ner=True)) == {"RS"}
    assert codes(tag_countries(title, "", [serbia])) == {"RS", "PK"}


def test_a_country_named_once_by_a_town_the_model_does_not_call_a_place_is_dropped() -> None:
    # Bo (Sierra Leone, 230,000 people) is named once, and the model gives it no place label:
    # the person, not the town. Labelled GPE, or beside another of its country's places, it
    # stays; so does a country's own name said once.
    story = "His lawyer said Bo could end up with a long sentence, and flew home to Boston."
    boston = entity("Boston", story, "GPE")
    assert codes(tag_countries("", story, [boston], ner=True)) == {"US"}
    assert codes(tag_countries("", story, [boston, entity("Bo", story, "GPE")], ner=True)) == {
        "US",
        "SL",
    }
    twice = "His lawyer said Bo was calm. Freetown and Bo are quiet, he said in Boston."
    assert "SL" in codes(tag_countries("", twice, [entity("Boston", twice, "GPE")], ner=True))


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # the island of two countries, not Guinea
        ("Earhart flew from New Guinea to the Pacific, officials said in Sydney.", {"AU"}),
        # both Koreas' name, not the town of Côte d'Ivoire: the story's Korea decides
        ("The unit was shipped from Korea to a dealer in Seoul.", {"KR"}),
        ("The unit was shipped from Korea.", set()),
        # Scotland's islands, not the South African town
        ("Ministers will meet in Orkney and Shetland next month.", {"GB"}),
        # the Carolinas, not the town of Puerto Rico
        ("He was drafted here last year, so he is up in Carolina now.", {"US"}),
    ],
)
def test_names_whose_usual_sense_the_gazetteer_lacked(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # seas and regions of several countries, named after one of them
        ("Tankers crossed the Gulf of Oman and the Sea of Japan.", set()),
        ("Migrants took the Balkan route to Germany.", {"DE"}),  # not Turkmenistan's province
        ("The Indian subcontinent had a hot summer.", set()),
        # a people, not Rome's Italian name
        ("Roma communities in Hungary face evictions.", {"HU"}),
    ],
)
def test_seas_regions_and_peoples_named_like_one_country_place_nothing(
    story: str, expected: set[str]
) -> None:
    assert codes(tag_countries("", story)) == expected


def test_towns_named_like_english_function_words_are_never_matched() -> None:
    # "Many" is a town of Louisiana, "Well" one of the Netherlands: beside Boston, "Many" would
    # count as one more US place.
    story = "Many came to see the mayor of Boston. Well, he said, the plan stands."
    [us] = tag_countries("", story)
    assert us.code == "US"
    assert {m.text for m in us.mentions} == {"Boston"}


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # a seaboard, not New Zealand's West Coast region
        ("West Coast women loved the ads, fans in Ohio said.", {"US"}),
        # islands of two countries: the British adjective inside is not Britain
        ("Owls of the British Isles are rare.", set()),
        # the people of the United States, not India's
        ("American Indian tribes met in Oklahoma.", {"US"}),
    ],
)
def test_phrases_named_after_a_country_that_place_elsewhere_or_nowhere(
    story: str, expected: set[str]
) -> None:
    assert codes(tag_countries("", story)) == expected


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("CLICK HERE TO FOLLOW US ON PINTEREST! Recipes from Ohio.", {"US"}),
        ("CONTACT US for the Paris office.", {"FR"}),  # the pronoun, not the country
        ("FLIGHTS TO US RESUME AFTER PARIS TALKS", {"US", "FR"}),  # the country
        ("PUTIN TO VISIT US IN MAY", {"US"}),
    ],
)
def test_shouted_us_after_a_call_to_action_is_the_pronoun(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


def test_a_weekday_after_a_town_makes_no_longer_name() -> None:
    # Quezon City is placed, though a capitalised word follows it; "Boston Globe" stays a paper.
    story = "Meat was sold at a market in Quezon City Wednesday, said the Boston Globe."
    assert codes(tag_countries("", story)) == {"PH"}


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("Passes for the Birmingham festival go on sale at 7 a.m. CT today.", {"US"}),
        ("Passes for the Birmingham festival go on sale at 8:30 p.m. (ET) today.", {"US"}),
        ("Passes for the Birmingham festival go on sale at 7 a.m. today.", {"GB"}),
        ("The Birmingham festival chat starts at 9:30 Eastern Time.", {"US"}),
        ("The Birmingham hospital ran 3 CT scans.", {"GB"}),  # no clock time
        # the clock tips a shared name only: no small town counts by it alone
        ("Meet the Moody family at 7 p.m. ET for a chat.", set()),
    ],
)
def test_a_north_american_time_zone_tips_a_shared_town_name(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # Bergen is Norway's town, Hudson no town the gazetteer has: before "counties" both
        # are the New Jersey counties the gazetteer holds as "Bergen County", "Hudson County"
        ("Power came back in Bergen, Essex and Hudson counties on Monday.", {"US": 3}),
        ("Fires burned across Marin county.", {"US": 1}),
        ("Rain fell on Bergen on Monday.", {"NO": 1}),
    ],
)
def test_names_before_counties_are_the_counties(story: str, expected: dict[str, int]) -> None:
    assert {c.code: len(c.mentions) for c in tag_countries("", story)} == expected


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("Traffic was reopened in the Holland Tunnel, the Port Authority said.", set()),
        ("She lives on Jordan Street in Boston.", {"US"}),
        ("Holland beat Jordan in Amman.", {"NL", "JO"}),
    ],
)
def test_a_street_named_after_a_country_is_no_mention_of_it(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


def test_a_name_after_a_persons_title_is_a_surname_wherever_repeated() -> None:
    # Obama is a town of Japan: the model calls it a place, the title says it is a person
    story = "President Obama won. Two papers put Obama and Gov. Mitt Romney side by side."
    entities = [entity("Obama", story, "GPE"), entity("Mitt Romney", story, "PERSON")]
    assert tag_countries("", story, entities) == []
    alone = "Two papers put Obama and Romney side by side."
    assert codes(tag_countries("", alone, [entity("Obama", alone, "GPE")])) == {"JP"}


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # Perth alone is Australia's; beside Dundee, whose biggest place is Scottish, both are
        # in the one country they share
        ("Shops closed in Perth and Dundee on Monday.", {"GB": 2}),
        ("Rain fell on Aberdeen, Perth, Inverness.", {"GB": 3}),
        ("Shops closed in Perth on Monday.", {"AU": 1}),
        # only small American namesakes in common: each stays at home
        ("Talks in London, Paris and Berlin.", {"GB": 1, "FR": 1, "DE": 1}),
    ],
)
def test_places_listed_together_are_in_the_country_they_share(
    story: str, expected: dict[str, int]
) -> None:
    assert {c.code: len(c.mentions) for c in tag_countries("", story)} == expected


def test_a_tie_between_two_countries_of_one_name_does_not_follow_the_hash_seed() -> None:
    # "Congo" is both Congos, each placed once: the tie goes to the gazetteer's order (CD
    # first), not to a set's order, which each process's hash seed changes
    code = (
        "from pipeline.nlp.countries import tag_countries\n"
        "story = 'Talks in Brazzaville and Kinshasa on the Congo crisis.'\n"
        "print([(c.code, len(c.mentions)) for c in tag_countries('', story)])\n"
    )
    # the six processes run side by side: each spends seconds loading the gazetteer
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        )
        for seed in range(1, 7)
    ]
    answers = set()
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        answers.add(out)
    assert answers == {"[('CD', 2), ('CG', 1)]\n"}


def test_a_town_the_story_places_in_a_us_state_keeps_a_name_it_shares_abroad() -> None:
    # "Lebanon" is the country's name in the gazetteer; US towns of that name lie in Ohio.
    story = (
        "The fair opened in Lebanon, Ohio, on Friday. Lebanon police said the parade went well, "
        "and the Lebanon school board met later."
    )
    found = tag_countries("", story)
    assert codes(found) == {"US"}
    assert [m.text for m in by_code(found)["US"].mentions].count("Lebanon") == 3
    # A postal code places it too, and the bare mention after it.
    assert codes(tag_countries("", "Officials in Berlin, MD said. Berlin drew crowds.")) == {"US"}
    # A state where no US town of the name lies makes no US town of it.
    assert codes(tag_countries("", "Officials in Berlin, AZ said. Berlin is busy.")) == {"DE"}


def test_a_story_set_among_a_us_states_places_keeps_a_shared_town_name_at_home() -> None:
    # "Berlin" among Maryland's towns, with the state named and no place abroad, is Maryland's.
    story = (
        "Officials in Berlin said the festival drew crowds from Ocean City and Snow Hill, "
        "the Maryland towns nearby."
    )
    assert codes(tag_countries("", story)) == {"US"}
    # Beside a place abroad it is left to the other rules: the capital.
    abroad = story + " A band from Munich played."
    assert by_code(tag_countries("", abroad))["DE"].mentions[0].text == "Berlin"
    # Without the town's state among the places, no US town is meant.
    elsewhere = story.replace("Maryland", "Delaware")
    assert "DE" in codes(tag_countries("", elsewhere))


def test_a_country_named_in_a_story_set_in_a_us_state_stays_the_country() -> None:
    # US towns are called China (Maine, Texas) and Lebanon, but a country's name is the
    # country unless the story itself places it in a state.
    story = (
        "Steel from Youngstown, Canton and Akron in Ohio went to China and Lebanon. "
        "Ohio mills hired more workers."
    )
    assert codes(tag_countries("", story)) == {"US", "CN", "LB"}


def test_a_name_before_its_towns_local_body_is_the_town_in_a_story_set_among_its_places() -> None:
    # A country's or a big city's name that US towns share, before a town's own body (a city
    # council, a fire department, police, a mayor), among other US places and none abroad, is
    # the US town, though the story names no state.
    fire = (
        "Flames gutted a garage outside Lebanon late Monday, deputies from Clinton County said. "
        "Crews from Wilmington and Blanchester helped the Lebanon Fire Department."
    )
    assert codes(tag_countries("", fire)) == {"US"}
    council = (
        "The Peru City Council approved a new park. Families from Wabash and Kokomo are "
        "expected to use it."
    )
    assert codes(tag_countries("Peru council backs park", council)) == {"US"}
    chase = (
        "A driver fled Paris police on Friday and crashed in Hopkins County. Paris officers "
        "said the car was stolen in Sulphur Springs."
    )
    assert codes(tag_countries("", chase)) == {"US"}
    moscow = "The Moscow City Council met on Monday. Residents of Pullman and Latah County spoke."
    assert codes(tag_countries("", moscow)) == {"US"}
    mayor = "The Mayor of Athens opened the bridge to Watkinsville and Oconee County traffic."
    assert codes(tag_countries("", mayor)) == {"US"}
    # The same class in another country: Ontario's Delhi and London among Ontario's places.
    ontario = (
        "The Delhi Fire Department put out a blaze at a tobacco farm, with help from crews in "
        "Simcoe and Tillsonburg."
    )
    assert codes(tag_countries("", ontario)) == {"CA"}
    london = "London police closed a road to Kitchener after a crash near Guelph, Ontario."
    assert codes(tag_countries("", london)) == {"CA"}


def test_a_name_before_a_local_body_abroad_stays_abroad() -> None:
    # The capital's own police, in a story set in its country, stay there ...
    paris = "Paris police arrested two men after raids in Lyon and Marseille on Tuesday."
    assert codes(tag_countries("", paris)) == {"FR"}
    # ... and so do a country's police and border beside its own places, or a place abroad
    # among US places.
    assert codes(tag_countries("", "Peru police seized cocaine near Lima and Cusco.")) == {"PE"}
    assert codes(tag_countries("", "Delhi police arrested two men in Noida and Gurgaon.")) == {"IN"}
    perth = "Perth police said the driver came from Fremantle and Mandurah."
    assert codes(tag_countries("", perth)) == {"AU"}
    border = "Shelling hit the Lebanon border near Tyre, and Beirut protested."
    assert codes(tag_countries("", border)) == {"LB"}
    moscow = (
        "Moscow police detained a reporter from Boston, Russian media said, and his family in "
        "Denver and Chicago asked for help."
    )
    assert {"RU", "US"} <= codes(tag_countries("", moscow))
    # Without its local body a country's name among US places stays the country.
    trade = "Farmers in Fresno and Modesto sold almonds to Lebanon."
    assert codes(tag_countries("", trade)) == {"US", "LB"}


def test_a_countrys_name_before_a_schools_word_names_the_school() -> None:
    # A school named after a town (or a district) that shares a country's name is no mention
    # of the country, even where the story does not say where the school is.
    story = "Students at Jordan High School raised money for the food bank this month."
    assert tag_countries("", story) == []
    assert tag_countries("Jordan High wins the title", "The team won again.") == []
    # Among US places the school's town is the US one.
    local = story + " Parents from Draper and Riverton helped."
    assert codes(tag_countries("", local)) == {"US"}
    # A body no town has ("High Commission") is the country's.
    envoy = "The Jordan High Commission in London issued visas."
    assert "JO" in codes(tag_countries("", envoy))


def test_an_era_after_a_year_is_no_region() -> None:
    assert tag_countries("", "The fort fell in 52 B.C. to the legions.") == []
    assert tag_countries("", "Coins of the third century BC were found.") == []
    assert codes(tag_countries("", "The family moved to B.C. in the spring.")) == {"CA"}


def test_indian_in_native_american_fixed_expressions_is_not_india() -> None:
    assert tag_countries("", "The tribe opened an Indian casino near the Indian reservation.") == []
    assert tag_countries("", "The Bureau of Indian Affairs approved the plan.") == []
    assert codes(tag_countries("", "Indian officials approved the plan.")) == {"IN"}


def test_a_countrys_initials_joined_by_an_ampersand_name_it() -> None:
    # Caribbean news writes Trinidad and Tobago as "T&T"; "&" joins capitals into one phrase.
    story = "The T&T delegation voted against the motion. T&T later apologised to its neighbour."
    found = by_code(tag_countries("", story))
    assert [m.text for m in found["TT"].mentions] == ["T&T", "T&T"]
    # Other initials so joined ("R&D", "AT&T") name no place.
    assert tag_countries("", "The firm spent more on R&D than AT&T did.") == []


def test_fixed_expressions_with_a_capitalised_word_do_not_place() -> None:
    # Headlines and common names of species capitalise the second word; still no place.
    assert tag_countries("Spanish Flu Returns", "A Canadian Goose was found in the pond.") == []
    # A capitalised word that makes no fixed expression leaves the country standing.
    assert codes(tag_countries("", "A Canadian Minister visited the pond.")) == {"CA"}


@pytest.mark.parametrize(
    "story",
    [
        "Cases of Japanese encephalitis rose after the rains.",
        "A Norwalk virus outbreak sickened the cruise passengers.",
        "Guinea worm cases fell again this year.",
    ],
)
def test_diseases_named_after_a_place_do_not_place(story: str) -> None:
    # Named after where they were first described; caught anywhere.
    assert tag_countries("", story) == []


def test_regions_since_merged_or_renamed_still_place_the_story() -> None:
    # News keeps the names of former counties and provinces for years after a reform.
    assert codes(tag_countries("", "Floods cut roads in Hedmark and Oppland overnight.")) == {"NO"}
    assert codes(tag_countries("", "Clinics in Nyanza Province ran short of beds.")) == {"KE"}


def test_a_name_written_as_a_towns_is_the_town_in_a_story_set_among_its_places() -> None:
    # A name towns share with a country, written as a town's (near it, a compass point from
    # it, "the city of" it, its residents, "a X man"), among two other places of the town's
    # country and none abroad, is the town: no state and no local body needed.
    near = (
        "A shed burned near Lebanon on Friday, the Clinton County sheriff said. Crews from "
        "Wilmington and Blanchester put it out."
    )
    assert codes(tag_countries("", near)) == {"US"}
    north = (
        "The truck overturned three miles north of Lebanon, deputies said. The driver, a "
        "Wilmington man, was taken to a hospital in Blanchester."
    )
    assert codes(tag_countries("", north)) == {"US"}
    residents = "Peru residents can drop off leaves in Wabash and Kokomo this month."
    assert codes(tag_countries("", residents)) == {"US"}
    man = "A Peru man pleaded guilty in Kokomo, the Howard County prosecutor said."
    assert codes(tag_countries("", man)) == {"US"}
    city = "The city of Mexico paved two roads, and Vandalia and Centralia will follow."
    assert codes(tag_countries("", city)) == {"US"}
    # A war abroad the story names is not among the town's namesakes: it stays beside the town.
    veteran = (
        "A Peru woman who served in Lebanon spoke at the Miami County fair, with veterans from "
        "Wabash and Logansport."
    )
    assert codes(tag_countries("", veteran)) == {"US", "LB"}
    # A city abroad is written so as often: American tourists near Paris are in France.
    tourists = "Tourists from Boston and Chicago were hurt in a crash near Paris on Sunday."
    assert codes(tag_countries("", tourists)) == {"US", "FR"}
    students = "Two students from Austin and Dallas studied outside London this spring."
    assert codes(tag_countries("", students)) == {"US", "GB"}


def test_a_countrys_name_among_us_places_stays_the_country_without_a_towns_writing() -> None:
    # Travel abroad from a US town: the country is no town.
    trip = (
        "A church group from Wabash, Kokomo and Logansport spent two weeks in Peru building a "
        "school."
    )
    assert codes(tag_countries("", trip)) == {"US", "PE"}
    back = "A choir back from Jordan sang in Shakopee, Savage and Prior Lake on Sunday."
    assert codes(tag_countries("", back)) == {"US", "JO"}
    # Near the country's border, in the possessive anywhere in the text: the country.
    border = (
        "A Marine from Wilmington served near Lebanon's border, his family in Blanchester said."
    )
    assert codes(tag_countries("", border)) == {"US", "LB"}
    # A story that names the country's own places keeps the country.
    abroad = "Shelling hit villages near Lebanon, Tyre residents said, and Sidon was quiet."
    assert codes(tag_countries("", abroad)) == {"LB"}
    # Among one other place only, a chance namesake is still possible.
    few = "The convoy waited near Jordan, a Clarksville soldier wrote home."
    assert "JO" in codes(tag_countries("", few))


def test_a_country_named_like_a_thing_the_text_writes_in_lower_case_opens_no_sentence() -> None:
    # "Turkey" opening a sentence in a story that writes "turkey" is the bird, not the country.
    story = "Turkey prices rose this fall. A 20-pound turkey costs $35 at most stores."
    assert tag_countries("", story) == []
    # Not opening a sentence, or without the lower-case word, it is the country.
    assert codes(tag_countries("", "Turkey reopened its border. Exports rose.")) == {"TR"}
    assert codes(tag_countries("", "Exports to Turkey rose. A turkey farm closed.")) == {"TR"}
    # Only a word of the prose counts: not one inside a link or a tag, nor a shouted name.
    link = "Syria's army advanced. Read more at example.org/syria-war and #syria."
    assert codes(tag_countries("", link)) == {"SY"}
    assert codes(tag_countries("", "US officials met on Monday. Write to us today.")) == {"US"}


def test_a_countrys_name_before_a_model_number_names_a_product() -> None:
    assert tag_countries("", "The tablet runs on a Mali T604 graphics chip.") == []
    assert tag_countries("", "Mali-G76 graphics power the new phone.") == []
    # A virus's name, a score or a year after the name leaves the country.
    assert codes(tag_countries("", "The China H7N9 outbreak spread.")) == {"CN"}
    assert codes(tag_countries("", "Mexico 2 Canada 1 was the final score.")) == {"MX", "CA"}
    assert codes(tag_countries("", "Mali 2012 was a turning point.")) == {"ML"}


# Short local stories: towns, counties, townships, a state now and then, names shared with
# places abroad; and stories abroad under the same names, as guards.
LOCAL_STORIES = [
    (
        (
            "A Durham man was charged Tuesday with breaking into cars on Main Street, police "
            "said. The suspect, 24, was held at the county jail in Hillsborough. Officers also "
            "searched a home in Chapel Hill."
        ),
        {"US"},
    ),
    (
        (
            "The Athens city commission voted 6-4 on Thursday to extend bus service to the west "
            "side. Clarke County residents will vote on the tax in May. Students at the "
            "university asked for late routes."
        ),
        {"US"},
    ),
    (
        (
            "Cambridge school officials said on Monday that enrollment fell for a third year. "
            "Somerville and Arlington saw the same trend, the superintendent said."
        ),
        {"US"},
    ),
    (
        (
            "High winds knocked down trees across Essex County overnight, and crews in Salem and "
            "Beverly worked to restore power to 12,000 homes, the utility said."
        ),
        {"US"},
    ),
    (
        (
            "Two people were hurt in a crash on Interstate 75 near Toledo on Friday. The Lucas "
            "County sheriff said a truck crossed the median near Perrysburg."
        ),
        {"US"},
    ),
    (
        (
            "Birmingham's City Council approved a $500 million budget on Tuesday. Mayor Randall "
            "Woodfin said the plan adds police officers. Jefferson County commissioners will meet"
            " next week."
        ),
        {"US"},
    ),
    (
        (
            "Flooding closed several roads in Florence on Wednesday, and the Boone County "
            "emergency office urged drivers to stay home. Union and Burlington were also hit."
        ),
        {"US"},
    ),
    (
        (
            "A Waterloo meatpacking plant will add 300 jobs, the company said. Black Hawk County "
            "officials and Cedar Falls leaders welcomed the news."
        ),
        {"US"},
    ),
    (
        (
            "A man was shot early Sunday in Richmond's Church Hill neighborhood, police said. He "
            "was taken to a hospital in Henrico County with wounds that were not life-"
            "threatening."
        ),
        {"US"},
    ),
    (
        (
            "The Kingston-Rhinecliff Bridge will close overnight for repairs next week, the "
            "bridge authority said. Drivers from Ulster County should use the Mid-Hudson Bridge "
            "in Poughkeepsie."
        ),
        {"US"},
    ),
    (
        (
            "Hamilton Township approved its budget on Tuesday night. Property taxes will rise 2 "
            "percent, and the township will hire four police officers. Mercer County will also "
            "raise its levy."
        ),
        {"US"},
    ),
    (
        (
            "A water main break flooded streets in Windsor on Thursday morning. Hartford County "
            "crews expected repairs to last into the weekend."
        ),
        {"US"},
    ),
    (
        (
            "Road work on Main Street in London will begin Monday, the city said. Laurel County "
            "drivers should expect delays near the courthouse."
        ),
        {"US"},
    ),
    (
        (
            "A Salem teacher was named Oregon teacher of the year on Friday. She teaches biology "
            "at a high school in Keizer."
        ),
        {"US"},
    ),
    (
        (
            "A Cambridge woman died in a crash on Route 16 on Saturday, state police said. The "
            "crash happened in Guernsey County near Byesville."
        ),
        {"US"},
    ),
    (
        (
            "Durham Public Schools will start classes an hour later next fall. The school board "
            "voted 5-2 on Thursday after parents in Orange County pushed for the same change."
        ),
        {"US"},
    ),
    (
        (
            "Dover police arrested a man after a chase on Route 13 on Monday. He faces charges in"
            " Kent County, officers said."
        ),
        {"US"},
    ),
    (
        (
            "A fire destroyed a barn outside Paris on Tuesday. Lamar County deputies said no "
            "animals were lost."
        ),
        {"US"},
    ),
    (
        (
            "The Berlin planning board approved a new subdivision on Wednesday. Residents of "
            "Worcester County had asked for a traffic study."
        ),
        {"US"},
    ),
    (
        (
            "The Rome City Commission voted to repave Broad Street. Floyd County will share the "
            "cost, the mayor said."
        ),
        {"US"},
    ),
    (
        (
            "A winter storm dropped a foot of snow on Portland overnight. Cumberland County "
            "schools were closed, and plows worked through the morning in South Portland and "
            "Westbrook."
        ),
        {"US"},
    ),
    (
        (
            "Columbia will add three bus routes next year, city officials said. Boone County "
            "commissioners said the county would help pay for the rural route."
        ),
        {"US"},
    ),
    (
        (
            "A fire damaged a warehouse in Springfield on Sunday night. Hampden County officials "
            "said the cause was under investigation, and crews from Chicopee helped."
        ),
        {"US"},
    ),
    (
        (
            "Lancaster City Council approved a plan for new bike lanes on Tuesday. Lancaster "
            "County commissioners said they would pay for signs."
        ),
        {"US"},
    ),
    (
        (
            "Newark teachers rallied outside City Hall on Thursday for higher pay. The Essex "
            "County executive said talks would resume."
        ),
        {"US"},
    ),
    (
        (
            "The Madison County sheriff said two men were arrested after a burglary in Canton. "
            "Both were taken to the jail in Jackson."
        ),
        {"US"},
    ),
    (
        (
            "Bedford officials closed a stretch of Route 101 for paving this week. Drivers "
            "heading to Manchester or Merrimack should use other roads."
        ),
        {"US"},
    ),
    (
        (
            "Troy's school board voted to close an elementary school. Rensselaer County officials"
            " said the building could be sold."
        ),
        {"US"},
    ),
    (
        (
            "Plymouth closed two beaches on Saturday after high bacteria counts, the town said. "
            "Duxbury and Kingston beaches stayed open."
        ),
        {"US"},
    ),
    (
        (
            "A Versailles man was sentenced to ten years in prison on Monday. The Woodford County"
            " prosecutor said he sold drugs near a school."
        ),
        {"US"},
    ),
    (
        (
            "Delhi Township trustees approved a new fire station on Wednesday. Hamilton County "
            "will pay part of the cost."
        ),
        {"US"},
    ),
    (
        (
            "Moscow police said a student was hit by a car near campus on Friday. Latah County "
            "deputies are looking for the driver."
        ),
        {"US"},
    ),
    (
        (
            "A Warsaw company will build a new plant, the mayor said. Kosciusko County approved "
            "tax breaks for the project."
        ),
        {"US"},
    ),
    (
        (
            "Glasgow's water plant will get a new filter system. Barren County leaders approved "
            "the grant on Monday."
        ),
        {"US"},
    ),
    (
        (
            "Chester City Council voted to hire six firefighters. Delaware County officials said "
            "grant money would cover the first year."
        ),
        {"US"},
    ),
]
LOCAL_GUARDS = [
    (
        (
            "Manchester City Council will spend 20 million pounds on bus lanes, officials said. "
            "Leeds and Sheffield have similar plans, and the mayor of Greater Manchester backed "
            "them."
        ),
        {"GB"},
    ),
    (
        (
            "Florence's mayor closed the Uffizi gallery early on Sunday because of a heat wave. "
            "Pisa and Siena also opened cooling centres for tourists."
        ),
        {"IT"},
    ),
    (
        (
            "Two American tourists were fined in Florence for swimming in a fountain, police "
            "said. The couple, from Ohio, paid 500 euros each."
        ),
        {"IT", "US"},
    ),
    (
        (
            "London police arrested two men after a robbery on Dundas Street, officers said. Both"
            " are from St. Thomas, Ontario."
        ),
        {"CA"},
    ),
    (
        (
            "Cambridge city council approved new cycle lanes on Monday. Residents in Ely and "
            "Huntingdon asked for the same, and Cambridgeshire County Council will consider it."
        ),
        {"GB"},
    ),
    (
        (
            "Durham County Council said flooding closed roads near Darlington and Bishop Auckland"
            " on Friday."
        ),
        {"GB"},
    ),
    (
        (
            "Perth council approved a new cycle path on Tuesday. Fremantle and Joondalup councils"
            " are planning similar paths, the mayor said."
        ),
        {"AU"},
    ),
    (
        (
            "Dublin City Council will close two streets to cars next month. Residents in Dun "
            "Laoghaire and Swords asked for more buses."
        ),
        {"IE"},
    ),
    (
        (
            "Athens firefighters battled a wildfire on the slopes near Marathon on Sunday. "
            "Residents of Nea Makri were told to leave."
        ),
        {"GR"},
    ),
    (
        (
            "Newcastle council approved a new ferry wharf on Tuesday. Lake Macquarie and Maitland"
            " councils welcomed the plan, a spokeswoman said."
        ),
        {"AU"},
    ),
    (
        (
            "Lima's mayor said a landslide blocked the highway to Huancayo on Monday. Callao "
            "officials sent buses."
        ),
        {"PE"},
    ),
    (
        (
            "A Leeds man was jailed for six years at Bradford Crown Court on Friday for a string "
            "of burglaries in Headingley."
        ),
        {"GB"},
    ),
    (
        (
            "Paris police arrested three men after a jewellery theft on Tuesday. The suspects "
            "were held in Saint-Denis."
        ),
        {"FR"},
    ),
    (
        (
            "Police in Birmingham said a man from Wolverhampton was arrested after a crash on the"
            " M6."
        ),
        {"GB"},
    ),
    (
        ("Florence's mayor and the mayor of Prato signed a deal on Monday to share a tram line."),
        {"IT"},
    ),
    (
        (
            "A Dayton couple was robbed in Paris last week, relatives said. They were staying "
            "near the Louvre."
        ),
        {"FR", "US"},
    ),
]


@pytest.mark.parametrize(("story", "expected"), LOCAL_STORIES + LOCAL_GUARDS)
def test_local_stories_and_their_namesakes_abroad(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


def test_places_that_share_one_country_keep_its_shared_names_at_home() -> None:
    # A county or a town of one country beside names shared with places abroad: the story is
    # set there, and every place it names has a candidate there.
    flood = "Flooding closed roads in Florence, and the Boone County office urged drivers home."
    assert codes(tag_countries("", flood)) == {"US"}
    school = (
        "Manchester's school board hired a superintendent from Nashua. Bedford parents objected."
    )
    assert codes(tag_countries("", school)) == {"US"}
    # Two names are not yet a setting: one small town and a name abroad may be a trip.
    trip = "A Nashua teacher won a trip to London, the school district said."
    assert "GB" in codes(tag_countries("", trip))
    # The same class in another country: London among Ontario's towns.
    ontario = "London police said a Strathroy woman was hurt in a crash near Sarnia on Sunday."
    assert codes(tag_countries("", ontario)) == {"CA"}
    # A place of another country, a country's name or a people leave the name to the other
    # rules: the story looks abroad.
    assert "IT" in codes(tag_countries("", "A Nashua choir sang in Florence and Pisa."))
    tourists = "Two American tourists from Nashua were fined in Florence, police said."
    assert "IT" in codes(tag_countries("", tourists))
    # Without a place named only in that country, shared names settle no setting.
    assert codes(tag_countries("", "Flooding closed roads in Florence on Wednesday.")) == {"IT"}


def ner_tag(story: str, labels: dict[str, str]) -> set[str]:
    """The countries of a story with the model's entities as given (text -> label)."""
    entities = [entity(text, story, label) for text, label in labels.items()]
    return codes(tag_countries("", story, entities, ner=True))


def test_a_town_the_model_calls_a_person_is_the_town_where_the_text_writes_it_as_one() -> None:
    # After a preposition of place, as its people, before its local body or in the possessive
    # before it: the town, whatever label the model gave its one-word name.
    school = (
        "Manchester's school board hired a superintendent from Nashua. Parents in Bedford agreed."
    )
    assert ner_tag(school, {"Manchester": "PERSON", "Nashua": "PERSON"}) == {"US"}
    chief = "Nashua's police chief will retire, the mayor said. Officers from Hudson will help."
    assert ner_tag(chief, {"Nashua": "PERSON", "Hudson": "ORG"}) == {"US"}
    council = "Moncton city council approved a new arena. Dieppe councillors agreed."
    assert ner_tag(council, {"Moncton": "ORG"}) == {"CA"}
    # After a preposition of place the name is kept, to count beside its country's other
    # places: people and firms come after one too ("kisses from Allison").
    flood = "Flooding closed roads between Norwich, Ipswich and Colchester on Friday."
    assert ner_tag(flood, {"Norwich": "PERSON"}) == {"GB"}
    kisses = "The talk ended with applause and kisses from Allison, the host."
    assert ner_tag(kisses, {"Allison": "PERSON"}) == set()
    court = "A Leeds man was jailed for six years on Friday for a string of burglaries."
    assert ner_tag(court, {"Leeds": "PRODUCT"}) == {"GB"}
    trip = "A Dayton couple was robbed in Paris last week. They were staying near the Louvre."
    assert ner_tag(trip, {"Dayton": "PERSON", "Paris": "GPE", "Louvre": "FAC"}) == {"FR", "US"}


def test_a_person_named_like_a_town_stays_a_person_without_a_place_cue() -> None:
    # No preposition of place, no local body: the model's person is believed.
    said = "Nashua said on Monday that the deal was fair, and Hudson agreed."
    assert ner_tag(said, {"Nashua": "PERSON", "Hudson": "PERSON"}) == set()
    # A country's name the model calls a person keeps its own rule ("Jordan"), and a name of
    # two words is a person's ("a letter from Tom Hudson").
    letter = "She read a letter from Tom Hudson to the board."
    assert ner_tag(letter, {"Tom Hudson": "PERSON"}) == set()


def test_a_county_names_its_own_bodies() -> None:
    # A county's name opening an organisation's name places the story ("the Allen County Red
    # Cross"), and sets a shared name beside it at home.
    fire = "Firefighters in Lima put out a house fire. The Allen County Red Cross is helping."
    assert codes(tag_countries("", fire)) == {"US"}
    # A town glued to another capitalised word still names the organisation.
    assert codes(tag_countries("", "He wrote for the Birmingham Evening Mail.")) == set()


def test_a_town_before_a_court_only_one_country_has_is_that_countrys() -> None:
    # "Bristol Crown Court": England's Bristol, beside a US namesake of a suburb.
    court = "A Bristol man was jailed at Bristol Crown Court for a burglary in Bedminster."
    assert ner_tag(court, {"Bristol": "ORG", "Bristol Crown Court": "ORG"}) == {"GB"}
    assert codes(tag_countries("", "He was sentenced at Bradford Crown Court.")) == {"GB"}


# Local stories of the US, Canada, Britain, Australia and New Zealand, and guards where the
# shared names are the places abroad (no entities given).
MORE_LOCAL_STORIES = [
    (
        (
            "Keene police said a man from Swanzey was arrested after a fight downtown. He was "
            "held at the Cheshire County jail."
        ),
        {"US"},
    ),
    (
        (
            "A Concord school bus crashed on Route 3 on Monday. No children were hurt, and the "
            "driver was cited by Merrimack County deputies."
        ),
        {"US"},
    ),
    (
        (
            "An Elkhart trailer maker will close its plant next month. Goshen and Nappanee "
            "workers will be offered jobs, the company said."
        ),
        {"US"},
    ),
    (
        (
            "Lima City Schools will start a new reading program this fall. The Allen County "
            "Educational Service Center will train teachers."
        ),
        {"US"},
    ),
    (
        (
            "A Toledo man was sentenced on Friday for a robbery in Maumee, the Lucas County "
            "prosecutor said."
        ),
        {"US"},
    ),
    (
        (
            "Bangor's hospital will add 40 beds, officials said. Patients from Brewer and Orono "
            "now wait hours for a room."
        ),
        {"US"},
    ),
    (
        (
            "The Dayton Metro Library will open on Sundays starting in March. Kettering and Huber"
            " Heights branches will stay closed."
        ),
        {"US"},
    ),
    (
        (
            "A Toledo couple renewed their vows in Rome last month, their daughter said. They "
            "flew home to Ohio on Sunday."
        ),
        {"IT", "US"},
    ),
    (
        (
            "The Athens-Clarke County commission approved a new bus route. Students at the "
            "University of Georgia asked for it."
        ),
        {"US"},
    ),
    (
        (
            "Canton firefighters rescued a dog from a burning house on Tuesday. Stark County "
            "officials said the fire started in the kitchen."
        ),
        {"US"},
    ),
    (
        (
            "Oxford police cited 40 students at an off-campus party on Saturday. Miami University"
            " said it would review the cases. Butler County deputies helped."
        ),
        {"US"},
    ),
    (
        (
            "A Waco school teacher was honored on Thursday. McLennan County leaders said she had "
            "taught for 30 years."
        ),
        {"US"},
    ),
    (
        (
            "Waterloo Regional Police said a Kitchener man died in a crash on Highway 7 near "
            "Guelph on Sunday."
        ),
        {"CA"},
    ),
    (
        (
            "A miner was hurt at a mine near Sudbury on Friday, the Ontario Ministry of Labour "
            "said. Greater Sudbury police are investigating."
        ),
        {"CA"},
    ),
    (
        (
            "The Halifax ferry to Dartmouth will not run on Monday because of high winds, Halifax"
            " Transit said."
        ),
        {"CA"},
    ),
    (
        (
            "Moncton city council approved a new arena on Tuesday. Dieppe and Riverview "
            "councillors said they would share the cost."
        ),
        {"CA"},
    ),
    (
        (
            "Barrie police charged an Orillia woman after a crash on Highway 400. Simcoe County "
            "paramedics took two people to hospital."
        ),
        {"CA"},
    ),
    (
        (
            "Swindon Borough Council will close two libraries, councillors said. Residents in "
            "Chippenham and Devizes fear the same, and Wiltshire Council will meet next week."
        ),
        {"GB"},
    ),
    (
        (
            "A Bristol man was jailed at Bristol Crown Court on Monday for attacking a bus driver"
            " in Bedminster."
        ),
        {"GB"},
    ),
    (
        (
            "A Sheffield man has been charged after a crash in Rotherham, South Yorkshire Police "
            "said."
        ),
        {"GB"},
    ),
    (
        (
            "Flooding closed roads between Norwich and Great Yarmouth on Friday, Norfolk County "
            "Council said."
        ),
        {"GB"},
    ),
    (
        (
            "Cardiff council will raise parking charges, and Newport and Swansea councils are "
            "expected to follow."
        ),
        {"GB"},
    ),
    (
        (
            "Geelong council approved a new ferry terminal on Tuesday. Ballarat and Torquay "
            "residents welcomed the plan."
        ),
        {"AU"},
    ),
    (
        (
            "A Wollongong man was charged after a crash on the Princes Highway near Kiama, NSW "
            "Police said."
        ),
        {"AU"},
    ),
    (
        (
            "Townsville residents were told to leave low-lying homes as the Ross River rose. "
            "Ingham and Ayr were cut off."
        ),
        {"AU"},
    ),
    (
        (
            "Hamilton City Council approved a new bridge over the Waikato River. Cambridge and Te"
            " Awamutu residents asked for a bus link."
        ),
        {"NZ"},
    ),
    (
        (
            "Greater Manchester Police arrested a man in Salford on Friday after a stabbing in "
            "Manchester city centre."
        ),
        {"GB"},
    ),
    (
        ("A man was stabbed in Croydon, south London, on Saturday, the Metropolitan Police said."),
        {"GB"},
    ),
    (
        (
            "Thousands marched in Rome on Saturday against the pension reform. Police said the "
            "protest near the Colosseum was peaceful."
        ),
        {"IT"},
    ),
    (
        ("Athens metro workers went on strike on Tuesday, and buses to Piraeus were crowded."),
        {"GR"},
    ),
    (
        (
            "Protesters blocked a highway outside Lima on Monday. Police in Callao detained "
            "twelve people."
        ),
        {"PE"},
    ),
    (
        (
            "Windsor police said a man from Amherstburg was charged after a crash on Highway 401 "
            "near Tilbury."
        ),
        {"CA"},
    ),
]


@pytest.mark.parametrize(("story", "expected"), MORE_LOCAL_STORIES)
def test_more_local_stories_and_guards(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


# Local news outside the US names its own counties and regions ("Simcoe County", "Halton
# Region": counties.tsv), which share some names with US counties; and a town in the possessive
# before a body only a town has ("Manchester's school board"). US stories naming the shared
# counties stay in the US.
COUNTY_AND_BODY_STORIES = [
    (
        "Windsor city council voted to extend transit service to Tecumseh and LaSalle. Essex "
        "County will pay a share of the cost.",
        {"CA"},
    ),
    (
        "Hamilton police charged a Burlington man after a crash on the QEW. Halton Region police"
        " helped at the scene.",
        {"CA"},
    ),
    ("Durham Region Transit will add buses in Oshawa and Whitby next month.", {"CA"}),
    ("Peel Region council approved 500 affordable homes in Brampton and Mississauga.", {"CA"}),
    ("Wellington County crews closed a road north of Guelph after a washout.", {"CA"}),
    ("Colchester County RCMP said a driver died in a crash near Truro on Friday.", {"CA"}),
    ("Westmorland County residents near Moncton were told to leave their homes.", {"CA"}),
    ("Niagara Region officials said the harvest around Welland and Pelham was good.", {"CA"}),
    ("Simcoe County ordered a boil-water advisory for cottages near Orillia.", {"CA"}),
    ("Storms cut power across the Illawarra, and Wollongong's beaches were closed.", {"AU"}),
    ("A bushfire in Gippsland destroyed three homes near Traralgon on Monday.", {"AU"}),
    ("Selwyn District Council will build a new pool in Rolleston, the mayor said.", {"NZ"}),
    ("Kent County Council will close two libraries in Maidstone to save money.", {"GB"}),
    # guards: the US counties of those names
    ("Essex County prosecutors charged a Montclair man with arson on Friday.", {"US"}),
    ("Kent County deputies searched the Grand River near Grand Rapids for a kayaker.", {"US"}),
    ("Kent County commissioners voted to raise the sheriff's budget on Tuesday.", {"US"}),
    ("Hamilton County commissioners approved a sales tax increase for Cincinnati.", {"US"}),
    (
        "Windsor police said a car crashed into a store. Hartford County fire crews helped.",
        {"US"},
    ),
    ("York County officials said the new jail in York will open in March.", {"US"}),
    ("A Kings County jury convicted a Brooklyn man of murder on Tuesday.", {"US"}),
    ("Middlesex County prosecutors said the Lowell man would be arraigned.", {"US"}),
    ("Durham County deputies arrested a Raleigh man after a chase.", {"US"}),
    # a town's possessive before its own body, beside one small place of its country
    (
        "Manchester's school board hired a new superintendent on Monday. She comes from "
        "Nashua, where she ran the district.",
        {"US"},
    ),
    ("Salem's school board voted to close two schools. Parents from Keizer protested.", {"US"}),
    ("Lebanon's school board hired a new principal. She taught for years in Mason.", {"US"}),
    ("Paris's city council named a new fire chief. He served 20 years in Lamar County.", {"US"}),
    # ... but not beside the name's other country, nor for a body countries have too
    ("Paris's city council approved a tram line. Lyon and Marseille plan the same.", {"FR"}),
    ("Lebanon's school board hired a principal. The ministry in Beirut approved it.", {"LB"}),
    ("Mexico's police chief resigned on Friday, officials in Mason said.", {"MX"}),
]


@pytest.mark.parametrize(("story", "expected"), COUNTY_AND_BODY_STORIES)
def test_counties_abroad_and_towns_owning_their_bodies(story: str, expected: set[str]) -> None:
    assert codes(tag_countries("", story)) == expected


def test_a_county_abroad_named_like_a_us_county_is_weak_beside_it() -> None:
    # "Essex County" alone is New Jersey's or Massachusetts's; Ontario's needs its places.
    names = load_gazetteer().names
    essex = {c.country: c.prominence for c in names["Essex County"]}
    assert essex["US"] >= 5 * essex["CA"]
    assert [c.country for c in names["Halton Region"]] == ["CA"]
    # a big city is no setting for a town owning its body: it is named from anywhere
    story = "London's city council voted to ban cars from the centre, a New York analyst said."
    assert "GB" in codes(tag_countries("", story))


# A US state's own organisation (its university, state police or highway patrol, a department,
# its legislature, its attorney general) sets the story in that state: a town name it shares
# with places abroad is that state's town, unless the story names a place abroad.
STATE_BODY_STORIES = [
    ("Ohio University students returned to Athens this week. Main Street was closed.", {"US"}),
    ("The Ohio State Highway Patrol said a truck overturned near Athens on Monday.", {"US"}),
    ("The Texas Department of Transportation will repave the main road through Paris.", {"US"}),
    ("Kentucky State Police said two people died in a crash outside Versailles.", {"US"}),
    ("The Maryland Legislature voted to fund a new school in Berlin on Thursday.", {"US"}),
    ("University of North Alabama officials said Florence would host the tournament.", {"US"}),
    ("Eastern Kentucky University opened a new clinic in London on Monday.", {"US"}),
    # guards: a place abroad, a town of another state, a country's name, the country Georgia
    (
        "Ohio University researchers working in Greece said the heat in Athens broke records.",
        {"GR"},
    ),
    ("Eastern Kentucky University's choir sang in London, England, on Monday.", {"GB"}),
    # (a state before its department is a mention of it, as before)
    (
        "Texas Department of Transportation engineers toured Paris, France, to study trams.",
        {"FR", "US"},
    ),
    ("Ohio University students spent a month in Rome studying its fountains.", {"IT"}),
    ("Kentucky State Police honoured a trooper who once served in Lebanon.", {"LB", "US"}),
    ("Georgia State University researchers visited Tbilisi to study the protests.", {"GE"}),
    ("Jordan University of Science students protested in Irbid on Sunday.", {"JO"}),
]


@pytest.mark.parametrize(("story", "expected"), STATE_BODY_STORIES)
def test_a_us_states_own_organisation_sets_the_story_in_that_state(
    story: str, expected: set[str]
) -> None:
    assert codes(tag_countries("", story)) == expected


# International news as wire services write it, each with a trap: a demonym inside a thing's
# name ("Swiss cheese", "the American Dream"), a sea's name, a country inside an organisation's
# name (a national carrier or bank names its country; a news organisation names none), a
# person named like a country, a town other countries share, a dateline abroad. The entities
# are the model's non-place ones (text -> label); each row: story, entities, countries, top.
INTERNATIONAL_STORIES: list[tuple[str, dict[str, str], list[str], str]] = [
    (  # idiom
        (
            "SYDNEY (Reuters) - Australia's worst drought in a decade has left wheat fields in "
            "New South Wales looking like Swiss cheese, farmers said on Tuesday. The government"
            " in Canberra promised A$1 billion in relief. Growers in Queensland said rain "
            "forecast for next week would come too late."
        ),
        {},
        ["AU"],
        "AU",
    ),
    (  # idiom
        (
            "BRASILIA (Reuters) - Brazil recorded its highest weekly toll of influenza deaths "
            "since records began, the health ministry said. Officials in Sao Paulo said "
            "hospitals were busier than at any time since the Spanish flu of 1918. The ministry"
            " urged older people to get vaccinated."
        ),
        {},
        ["BR"],
        "BR",
    ),
    (  # idiom
        (
            "TOKYO (Reuters) - Japan reported more than 2,000 cases of rubella, also known as "
            "German measles, so far this year, the health ministry said on Friday. Most cases "
            "were among men in their thirties and forties in Tokyo and Osaka. Officials urged "
            "pregnant women to avoid crowds."
        ),
        {},
        ["JP"],
        "JP",
    ),
    (  # idiom
        (
            "TOKYO (Reuters) - SoftBank Group said on Monday it would buy back up to 500 "
            "billion yen of its shares through a Dutch auction. Shares in the Tokyo-based "
            "company rose 6 percent. Analysts said the move would support the stock after a "
            "weak quarter."
        ),
        {},
        ["JP"],
        "JP",
    ),
    (  # idiom
        (
            "BEIJING (Reuters) - For many young Chinese, owning a flat has become as distant as"
            " the American Dream, a survey showed on Wednesday. Prices in Beijing and Shenzhen "
            "are more than 40 times average incomes. The central bank cut mortgage rates twice "
            "this year."
        ),
        {"American Dream": "ORG"},
        ["CN"],
        "CN",
    ),
    (  # idiom
        (
            "MOSCOW (Reuters) - Traders compared the ruble market to Russian roulette on "
            "Thursday as the currency swung 5 percent in an hour. The central bank in Moscow "
            "said it would not intervene. Exporters sold dollars to pay taxes."
        ),
        {},
        ["RU"],
        "RU",
    ),
    (  # idiom
        (
            "ISTANBUL (Reuters) - Makers of Turkish delight in Istanbul said sugar prices had "
            "doubled in a year. The lira has lost a third of its value against the dollar. Shop"
            " owners in Ankara said tourists were still buying."
        ),
        {},
        ["TR"],
        "TR",
    ),
    (  # sea
        (
            "MAPUTO (Reuters) - A cyclone in the Indian Ocean strengthened on Sunday and was "
            "expected to hit central Mozambique on Tuesday, forecasters said. Mozambique's "
            "disaster agency moved people out of Beira. The storm killed four people in "
            "Madagascar last week."
        ),
        {},
        ["MG", "MZ"],
        "MZ",
    ),
    (  # sea
        (
            "MUSCAT (Reuters) - Oman opened a new deep-water port on the Arabian Sea on Monday,"
            " part of a plan to draw shipping away from the Strait of Hormuz. The port at Duqm "
            "can handle the largest tankers, the transport ministry said."
        ),
        {},
        ["OM"],
        "OM",
    ),
    (  # sea
        (
            "MANILA (Reuters) - Philippine fishermen said coast guard ships had chased them "
            "from a shoal in the South China Sea on Saturday. The foreign ministry in Manila "
            "said it would file a protest. The shoal lies 200 km west of Luzon."
        ),
        {},
        ["PH"],
        "PH",
    ),
    (  # org
        (
            "NEW DELHI (Reuters) - Air India will buy 40 wide-body jets, the airline said on "
            "Tuesday, as it expands flights from Delhi and Mumbai. The carrier was sold by the "
            "government last year."
        ),
        {},
        ["IN"],
        "IN",
    ),
    (  # org
        (
            "NAIROBI (Reuters) - Kenya Airways posted a wider half-year loss on Thursday, hit "
            "by higher fuel costs. The carrier, part-owned by the government, said passenger "
            "numbers at its Nairobi hub rose 12 percent."
        ),
        {"Kenya Airways": "ORG"},
        ["KE"],
        "KE",
    ),
    (  # org
        (
            "FRANKFURT (Reuters) - Deutsche Bank agreed to pay $150 million to settle claims by"
            " New York regulators that it failed to monitor a client's accounts, the bank said "
            "on Tuesday. Germany's largest lender said it had improved its controls."
        ),
        {"Deutsche Bank": "ORG"},
        ["DE", "US"],
        "DE",
    ),
    (  # org
        (
            "BEIJING (Reuters) - The state-run China Daily said on Monday that new U.S. tariffs"
            " would hurt American farmers most. Beijing has threatened to answer with duties of"
            " its own, the commerce ministry said."
        ),
        {"China Daily": "ORG"},
        ["CN", "US"],
        "CN",
    ),
    (  # org
        (
            "SEOUL (Reuters) - South Korea's defence ministry said on Friday that North Korea "
            "fired two short-range missiles into the sea, the Korea Herald reported. The "
            "launches came a day after joint drills ended."
        ),
        {"Korea Herald": "ORG"},
        ["KP", "KR"],
        "KR",
    ),
    (  # org
        (
            "NEW YORK (Reuters) - Bank of America reported a 10 percent rise in quarterly "
            "profit on Monday, helped by higher interest rates. The lender said it would cut "
            "300 jobs at its London office."
        ),
        {},
        ["GB", "US"],
        "US",
    ),
    (  # org
        (
            "TORONTO (Reuters) - Royal Bank of Canada said on Wednesday it would buy a Mexican "
            "payments firm for C$2 billion, its largest deal abroad in five years. Canada's "
            "biggest bank said it expected the deal to close in March."
        ),
        {"Royal Bank of Canada": "ORG"},
        ["CA", "MX"],
        "CA",
    ),
    (  # person
        (
            "LONDON (Reuters) - Liverpool captain Jordan Henderson will miss three weeks with a"
            " hamstring injury, manager Juergen Klopp said on Friday. Henderson was hurt in the"
            " win at Everton."
        ),
        {
            "Jordan Henderson": "PERSON",
            "Henderson": "PERSON",
            "Liverpool": "ORG",
            "Juergen Klopp": "PERSON",
            "Everton": "ORG",
        },
        ["GB"],
        "GB",
    ),
    (  # person
        (
            "LOS ANGELES (Reuters) - Producer Kenya Barris signed a deal with Netflix worth "
            "$100 million, the streaming company said on Thursday. Barris created the sitcom "
            "'black-ish' for ABC."
        ),
        {"Kenya Barris": "PERSON", "Barris": "PERSON", "Netflix": "ORG", "ABC": "ORG"},
        ["US"],
        "US",
    ),
    (  # person
        (
            "TORONTO (Reuters) - Former football player Israel Idonije opened a youth centre in"
            " Winnipeg on Saturday. Idonije, who grew up in Manitoba, said the centre would run"
            " sports and reading programmes."
        ),
        {"Israel Idonije": "PERSON", "Idonije": "PERSON"},
        ["CA"],
        "CA",
    ),
    (  # person
        (
            "NEW YORK (Reuters) - A painting by Georgia O'Keeffe sold for $44 million at "
            "Sotheby's in New York on Thursday, a record for a woman artist. The buyer was not "
            "named."
        ),
        {"Georgia O'Keeffe": "PERSON", "Sotheby": "ORG"},
        ["US"],
        "US",
    ),
    (  # person
        (
            "LONDON (Reuters) - Columnist India Knight said on Monday she would leave the "
            "Sunday Times after 25 years. The London newspaper thanked her for her work."
        ),
        {"India Knight": "PERSON", "Times": "ORG"},
        ["GB"],
        "GB",
    ),
    (  # town
        (
            "VANCOUVER (Reuters) - Heavy rain flooded roads in Victoria on Vancouver Island on "
            "Monday, and British Columbia's premier said the province would send help. Nanaimo "
            "and Duncan also reported flooding."
        ),
        {"Nanaimo": "PERSON"},
        ["CA"],
        "CA",
    ),
    (  # town
        (
            "MADRID (Reuters) - Flash floods in Valencia killed three people on Tuesday, "
            "Spain's interior ministry said. Rail services to Alicante and Murcia were "
            "suspended."
        ),
        {"Alicante and Murcia": "ORG"},
        ["ES"],
        "ES",
    ),
    (  # town
        (
            "BUENOS AIRES (Reuters) - Car workers in Cordoba went on strike on Wednesday over "
            "pay, halting output at two plants, the union said. Argentina's inflation is above "
            "100 percent. Workers in Rosario joined the strike."
        ),
        {},
        ["AR"],
        "AR",
    ),
    (  # town
        (
            "SANTIAGO (Reuters) - Thousands of students marched in Santiago on Thursday to "
            "demand free university education. Police used water cannon near the presidential "
            "palace. Protests also took place in Valparaiso and Concepcion."
        ),
        {},
        ["CL"],
        "CL",
    ),
    (  # town
        (
            "MADRID (Reuters) - The Alhambra in Granada drew a record 3 million visitors last "
            "year, the Andalusian government said. Seville and Cordoba also reported record "
            "numbers."
        ),
        {},
        ["ES"],
        "ES",
    ),
    (  # town
        (
            "CAIRO (Reuters) - Egypt will expand the port of Alexandria with a new container "
            "terminal, the transport minister said on Sunday. The terminal will be built by a "
            "Chinese firm, he said."
        ),
        {},
        ["CN", "EG"],
        "EG",
    ),
    (  # town
        (
            "TRIPOLI (Reuters) - Clashes between armed groups in Tripoli killed at least 12 "
            "people on Saturday, Libya's health ministry said. The fighting closed Mitiga "
            "airport. The United Nations called for calm."
        ),
        {"Mitiga": "FAC", "United Nations": "ORG"},
        ["LY"],
        "LY",
    ),
    (  # town
        (
            "PERTH (Reuters) - Perth recorded its hottest December day on Sunday as the "
            "temperature reached 44 degrees, the weather bureau said. Firefighters battled "
            "blazes near Mandurah and Bunbury in Western Australia."
        ),
        {},
        ["AU"],
        "AU",
    ),
    (  # town
        (
            "HALIFAX (Reuters) - A fire at a fish plant in Sydney, Nova Scotia, forced 200 "
            "people from their homes on Tuesday, police said. Cape Breton's regional council "
            "said shelters were open."
        ),
        {"Cape Breton": "PERSON"},
        ["CA"],
        "CA",
    ),
    (  # focus
        (
            "KHARTOUM (Reuters) - Sudan's army and a rival paramilitary force agreed a seven-"
            "day ceasefire on Monday, after a month of fighting in Khartoum that has killed "
            "hundreds. Sudanese officials said aid convoys would reach Darfur this week. U.S. "
            "Secretary of State Antony Blinken said Washington would watch the truce closely. "
            "Egypt, Ethiopia, Saudi Arabia and the United Arab Emirates welcomed the deal. "
            "Sudan's army chief said his forces would respond to any breach."
        ),
        {"State Antony Blinken": "PERSON"},
        ["AE", "EG", "ET", "SA", "SD", "US"],
        "SD",
    ),
    (  # focus
        (
            "BOGOTA (Reuters) - Venezuela's opposition leader said on Tuesday she would run in "
            "next year's presidential election despite a ban by the government in Caracas. "
            "Venezuelan authorities have barred her from office for 15 years. She spoke to "
            "reporters by video link from Venezuela."
        ),
        {},
        ["CO", "VE"],
        "VE",
    ),
    (  # focus
        (
            "BANGKOK (Reuters) - More than 10,000 people have fled fighting in Myanmar's Shan "
            "state in the past week, the United Nations said on Wednesday. Myanmar's military "
            "said it had retaken two towns near the border. Refugees crossed into Thailand, "
            "China and India, aid groups said. The junta in Naypyitaw blamed rebel groups."
        ),
        {"United Nations": "ORG"},
        ["CN", "IN", "MM", "TH"],
        "MM",
    ),
    (  # org
        (
            "MUMBAI (Reuters) - State Bank of India said on Monday it would raise $1 billion "
            "through bonds sold in London. India's largest lender said demand came from "
            "investors in Asia and Europe."
        ),
        {"State Bank of India": "ORG"},
        ["GB", "IN"],
        "IN",
    ),
    (  # focus
        (
            "SANTO DOMINGO (Reuters) - Caribbean leaders met in the Dominican Republic on "
            "Friday to discuss the crisis in Haiti, where gangs control most of Port-au-Prince."
            " Haiti's interim prime minister asked for more police. Kenya has pledged 1,000 "
            "officers, and the United States said it would pay for their equipment. Haitian aid"
            " groups said food was running out."
        ),
        {"Port-au-Prince": "FAC"},
        ["DO", "HT", "KE", "US"],
        "HT",
    ),
]


# US local papers' short stories (blotter, courts, obituaries, school boards, sports, weather,
# a soldier or a mission abroad) in towns named like places abroad, with people named like
# places (given as the model's PERSON entities); the model-free half of bench probes.
LOCAL_PAPER_STORIES: list[tuple[str, tuple[str, ...], set[str]]] = [
    (
        (
            "LEBANON, Ind. — A Lebanon man was arrested Saturday after deputies found "
            "methamphetamine in his car during a traffic stop on State Road 32, the Boone County "
            "Sheriff's Office said."
        ),
        (),
        {"US"},
    ),
    (
        (
            "A Mexico man pleaded guilty Tuesday in Audrain County Circuit Court to a second-"
            "degree burglary charge. Sentencing is set for March."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Margaret Ellen Hobbs, 87, of Peru, died Sunday at her home. Born in Denmark, Wis., "
            "she moved to Peru in 1958 with her husband, Harold, and taught third grade for 31 "
            "years. She is survived by two sons, Mark of Kokomo and David of Logansport."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Hans Weber, 79, of Fredericksburg, died Friday. Born in Stuttgart, Germany, he came "
            "to Texas in 1965 and worked as a machinist in Kerrville for 30 years. Services will "
            "be held at Zion Lutheran Church."
        ),
        (),
        {"DE", "US"},
    ),
    (
        (
            "The Hancock County Fair opens Wednesday in Greenfield with a demolition derby and "
            "4-H livestock shows. Fair board president Jordan Mills said attendance topped 40,000"
            " last year."
        ),
        ("Jordan Mills",),
        {"US"},
    ),
    (
        (
            "Ind. 9 will close between Columbia City and Ligonier for bridge work starting "
            "Monday, the Indiana Department of Transportation said. Detours will use U.S. 33."
        ),
        (),
        {"US"},
    ),
    (
        (
            "A line of severe storms moved across Wilson County on Tuesday evening, knocking down"
            " trees in Lebanon and Mt. Juliet. The National Weather Service confirmed an EF-1 "
            "tornado touched down near Watertown."
        ),
        (),
        {"US"},
    ),
    (
        (
            "A new coffee shop opened Saturday on the courthouse square in Paris. Owner Chad "
            "Wilkins, a Henry County native, said he had wanted to open a shop in his hometown "
            "since high school."
        ),
        ("Chad Wilkins",),
        {"US"},
    ),
    (
        (
            "Army Spc. Tyler Hanson of Cairo, a 2019 graduate of Cairo High School, is serving "
            "with the 101st Airborne in Poland. His parents said he calls home every Sunday. The "
            "Grady County native expects to return in May."
        ),
        (),
        {"PL", "US"},
    ),
    (
        (
            "Twelve members of First Baptist Church of Athens returned Sunday from a mission trip"
            " to Guatemala, where they helped build a school in a village near Quetzaltenango. "
            "The group, with members from across McMinn County, has gone every summer since 2011."
        ),
        (),
        {"GT", "US"},
    ),
    (
        (
            "Lucia Ferreira, an exchange student from Brazil, is spending her junior year at "
            "Delphi Community High School. She lives with the Miller family outside Delphi and "
            "plays on the volleyball team. She said Carroll County winters will take getting used"
            " to."
        ),
        (),
        {"BR", "US"},
    ),
    (
        (
            "The Warsaw Community Schools board approved a $2.1 million contract for new buses on"
            " Monday. Superintendent David Hoffert said the district's fleet averages 14 years "
            "old. Board member Kenya Brown voted no."
        ),
        ("Kenya Brown",),
        {"US"},
    ),
    (
        (
            "Police in Moscow, Idaho, arrested a Pullman, Wash., man on Sunday after a fight "
            "outside a downtown bar. He was booked into the Latah County jail."
        ),
        (),
        {"US"},
    ),
    (
        (
            "DUBLIN, Ga. — A Dublin woman was killed Thursday when her car left U.S. 441 and "
            "struck a tree, the Georgia State Patrol said. The Laurens County coroner said she "
            "was 34."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Bristol Motor Speedway will host a food drive this weekend. Food banks in Sullivan "
            "County and Washington County, Va., will share the donations, a track spokesperson "
            "said."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Collier County deputies arrested two teenagers on Tuesday after a break-in at a "
            "Naples marina. Deputies said the pair took fishing gear worth $4,000."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Florence County Council approved a 2-mill tax increase on Thursday to pay for new "
            "fire trucks. Council member Austin Reed said the rural stations in Lake City and "
            "Johnsonville badly needed them."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Heavy rain flooded basements in Oxford and Batesville on Monday night. Lafayette "
            "County emergency officials said the Yocona River was expected to crest Wednesday."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Dorothy Pratt, 92, of Manchester, Conn., died Tuesday. Born in Manchester, England, "
            "she met her husband, an American airman, during the war and came to Connecticut in "
            "1946."
        ),
        (),
        {"GB", "US"},
    ),
    (
        (
            "CANTON, Miss. — The Madison County Board of Supervisors voted Monday to repave Old "
            "Canton Road. Supervisor India Ross said the work would start in June."
        ),
        ("India Ross",),
        {"US"},
    ),
    (
        (
            "Jordan Miller, a senior at Shelbyville High School, was named Shelby County's "
            "student of the year on Thursday. Miller plans to study engineering at Purdue."
        ),
        ("Jordan Miller",),
        {"US"},
    ),
    (
        (
            "Athens police are asking for help finding a man who robbed a gas station on U.S. 72 "
            "late Saturday. The Limestone County Sheriff's Office is assisting."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Milan village council approved a new water tower Tuesday. Mayor Sam Jenkins said the"
            " old tower, built in 1958, leaked badly. Residents of the Erie County village will "
            "see rates rise 8 percent."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Sgt. Maria Lopez, a Dalton native, returned from a nine-month deployment to Kuwait "
            "on Friday. Her family met her at the Whitfield County courthouse with signs and "
            "balloons."
        ),
        (),
        {"KW", "US"},
    ),
    (
        (
            "Cambridge police arrested a 19-year-old on Tuesday in connection with a shooting on "
            "Pine Street. The Dorchester County State's Attorney said charges include attempted "
            "murder."
        ),
        (),
        {"US"},
    ),
    (
        (
            "PennDOT will close Route 422 between Lebanon and Myerstown for two nights next week "
            "to repave the road. Lebanon County drivers should use Route 322."
        ),
        (),
        {"US"},
    ),
    (
        (
            "A Holland maker of office furniture will open a plant in Monterrey, Mexico, next "
            "year, but will keep its 800 jobs in Ottawa County, a company spokesman said."
        ),
        (),
        {"MX", "US"},
    ),
    (
        (
            "Members of St. Mark's Lutheran Church in Wooster will leave Saturday for a two-week "
            "trip to Kenya, where they will help at an orphanage outside Nairobi. The Wayne "
            "County church has sent volunteers there since 2008."
        ),
        (),
        {"KE", "US"},
    ),
    (
        (
            "Peru Mayor Ken Kolowski said the city will buy a new street sweeper. The La Salle "
            "County board approved a grant toward its cost on Thursday."
        ),
        (),
        {"US"},
    ),
    (
        (
            "DELHI — SUNY Delhi will add a nursing program next fall, college officials said. "
            "Delaware County leaders said the program would help fill jobs at local hospitals."
        ),
        (),
        {"US"},
    ),
    (
        (
            "A Warsaw man died Sunday when his tractor overturned on a farm near Kenansville, the"
            " Duplin County Sheriff's Office said."
        ),
        (),
        {"US"},
    ),
    (
        (
            "The Bethlehem Area School District board voted Monday to delay the start of the "
            "school day by 30 minutes. Parents from Hanover Township and Fountain Hill spoke for "
            "the change."
        ),
        (),
        {"US"},
    ),
    (
        (
            "Two teachers from Cairo, Egypt, are spending the semester at Cairo High School in "
            "Grady County as part of a State Department exchange. They are teaching Arabic and "
            "learning how American schools run."
        ),
        (),
        {"EG", "US"},
    ),
]


@pytest.mark.parametrize(("story", "labels", "expected", "top"), INTERNATIONAL_STORIES)
def test_international_stories_and_their_traps(
    story: str, labels: dict[str, str], expected: list[str], top: str
) -> None:
    found = tag_countries("", story, [entity(text, story, label) for text, label in labels.items()])
    assert codes(found) == set(expected)
    assert found[0].code == top
    assert found[0].focus


def test_a_datelines_region_after_its_place_counts_once() -> None:
    # "JEDDAH, Saudi Arabia (AP) -" is one dateline, weighed as "RIYADH (Reuters) -" is.
    story = (
        "JEDDAH, Saudi Arabia (AP) - Officials met on Saturday to discuss a plan for Ukraine. "
        "Ukraine's envoy said the talks went well."
    )
    plain = "RIYADH (AP) - Officials met on Saturday to discuss a plan for Ukraine. " + (
        "Ukraine's envoy said the talks went well."
    )
    qualified = by_code(tag_countries("", story))
    assert [m.text for m in qualified["SA"].mentions] == ["JEDDAH", "Saudi Arabia"]
    assert qualified["SA"].score == by_code(tag_countries("", plain))["SA"].score
    # a dateline's region alone (its place unknown) still counts
    assert "OM" in codes(tag_countries("", "DUQMX, Oman (AP) - A new port opened on Monday."))


def test_idioms_named_by_a_demonym_do_not_place() -> None:
    story = "For many young people in Kenya, a flat is as distant as the American Dream."
    assert codes(tag_countries("", story)) == {"KE"}
    assert codes(tag_countries("", "The cast in Nairobi never names the Scottish play.")) == {"KE"}


def test_a_datelines_shared_name_leans_the_storys_shared_names_to_its_country() -> None:
    story = (
        "LONDON (Reuters) - American forward Chad Johnson signed a two-year deal with Bristol "
        "on Tuesday, the club said."
    )
    people = [entity("Chad Johnson", story, "PERSON")]
    assert [m.text for m in by_code(tag_countries("", story, people))["GB"].mentions] == [
        "LONDON",
        "Bristol",
    ]
    # a dateline a state qualifies is that state's place: its town keeps its US namesakes
    local = "BRISTOL, Tenn. (AP) - A Bristol man was charged on Monday, police said."
    assert codes(tag_countries("", local)) == {"US"}


@pytest.mark.parametrize(("story", "persons", "expected"), LOCAL_PAPER_STORIES)
def test_local_paper_stories(story: str, persons: tuple[str, ...], expected: set[str]) -> None:
    entities = [entity(person, story, "PERSON") for person in persons]
    assert codes(tag_countries("", story, entities)) == expected


def test_a_county_named_with_its_word_inside_an_organisation_is_a_place_for_sure() -> None:
    # the model calls the court an organisation; its county still sets the story, and is
    # setting enough for a name written as its town's ("a Mexico man")
    story = "A Mexico man pleaded guilty Tuesday in Audrain County Circuit Court to burglary."
    entities = [
        entity("Mexico", story, "GPE"),
        entity("Audrain County Circuit Court", story, "ORG"),
    ]
    assert codes(tag_countries("", story, entities)) == {"US"}
    # a county's paper still names only the paper
    story = "A Mexico man was quoted in the Audrain County Times on Tuesday."
    entities = [entity("Mexico", story, "GPE"), entity("Audrain County Times", story, "ORG")]
    assert codes(tag_countries("", story, entities)) == {"MX"}


def test_us_local_cues_keep_their_guards_abroad() -> None:
    # a plain "Public Schools" is Canada's too; a list with no small US town stays abroad; a
    # county's namesake abroad stays abroad beside that country's places
    assert codes(tag_countries("", "Edmonton Public Schools will hire 200 teachers.")) == {"CA"}
    assert codes(tag_countries("", "Storms hit Lebanon and Syria on Monday.")) == {"LB", "SY"}
    story = "A London man was jailed at Southwark Crown Court for fraud."
    assert codes(tag_countries("", story)) == {"GB"}
    story = "A Paris family lost their home in a fire, French police said."
    assert codes(tag_countries("", story)) == {"FR"}
    story = "Tourists from Ohio visited Paris and Versailles."
    assert codes(tag_countries("", story)) == {"FR", "US"}


def test_a_townships_name_is_a_us_or_canadian_towns() -> None:
    story = "Berlin Township trustees voted 2-1 on Monday to hire a road supervisor."
    assert codes(tag_countries("", story)) == {"US"}
    story = "Wilmot Township council approved a new arena near Kitchener on Monday."
    assert codes(tag_countries("", story)) == {"CA"}
