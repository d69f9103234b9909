"""Entity types corrected by the gazetteer and by shape rules, on hand-built entities (no model),
then on the Korean weather page end to end."""

from __future__ import annotations

import pytest

from pipeline.core import enrich
from pipeline.models import Entity, Mention, RawArticle, Section
from pipeline.nlp.entity_types import drop_non_names, settle
from tests.conftest import EXAMPLE_PAGES


def entity(text: str, label: str, story: str, section: Section = "story") -> Entity:
    """An entity for every occurrence of `text` in the story."""
    mentions = []
    start = story.find(text)
    while start >= 0:
        mentions.append(Mention(section=section, start=start, end=start + len(text), text=text))
        start = story.find(text, start + 1)
    assert mentions, text
    return Entity(name=text, label=label, salience=0.5, mentions=mentions)


def labels(entities: list[Entity]) -> dict[str, str]:
    return {e.name: e.label for e in entities}


WEATHER = (
    "Cold air reached South Korea on Tuesday. With daytime temperatures in Seoul, Daejeon and "
    "Gwangju reaching ten degrees, and Daegu, 15 degrees, the warmth lasted through midday."
)


def test_places_the_model_mistook_become_gpe_and_count_as_places() -> None:
    entities = [
        entity("South Korea", "GPE", WEATHER),
        entity("Seoul", "GPE", WEATHER),
        entity("Daejeon", "PERSON", WEATHER),
        entity("Gwangju", "NORP", WEATHER),
        entity("Daegu", "ORG", WEATHER),
    ]
    settled = settle("", WEATHER, entities)
    assert labels(settled.entities) == {
        "South Korea": "GPE",
        "Seoul": "GPE",
        "Daejeon": "GPE",
        "Gwangju": "GPE",
        "Daegu": "GPE",
    }
    [korea] = settled.countries
    assert korea.code == "KR"
    assert {m.text for m in korea.mentions} == {
        "South Korea",
        "Seoul",
        "Daejeon",
        "Gwangju",
        "Daegu",
    }
    # The check can fail: with the model's labels the country stage drops the person.
    from pipeline.nlp.countries import tag_countries

    assert "Daejeon" not in {
        m.text for c in tag_countries("", WEATHER, entities) for m in c.mentions
    }


def test_small_town_named_like_a_person_stays_a_person() -> None:
    story = "Obama met Abe in Tokyo, and Japan's leaders spoke of trade."
    entities = [
        entity("Obama", "PERSON", story),
        entity("Abe", "PERSON", story),
        entity("Tokyo", "GPE", story),
        entity("Japan", "GPE", story),
    ]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Obama"] == "PERSON"  # a town of Japan, but a small one
    assert {c.code for c in settled.countries} == {"JP"}
    assert not any(m.text == "Obama" for c in settled.countries for m in c.mentions)


def test_small_town_right_after_a_preposition_of_place_is_a_place() -> None:
    # Obama is a small town of Japan: after "in" it is the town, though the model says PERSON.
    story = "Officials met in Obama on Monday, and Japan's leaders spoke of trade."
    entities = [entity("Obama", "PERSON", story), entity("Japan", "GPE", story)]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Obama"] == "GPE"
    assert any(m.text == "Obama" for c in settled.countries for m in c.mentions)


def test_country_names_people_carry_and_demonyms_keep_their_labels() -> None:
    story = "Jordan scored 30 points as Korean fans cheered in Seoul."
    entities = [
        entity("Jordan", "PERSON", story),
        entity("Korean", "NORP", story),
        entity("Seoul", "GPE", story),
    ]
    settled = settle("", story, entities)
    assert labels(settled.entities) == {"Jordan": "PERSON", "Korean": "NORP", "Seoul": "GPE"}
    assert {c.code for c in settled.countries} == {"KR"}


@pytest.mark.parametrize(
    "story",
    [
        "Spain's league: Barcelona beat Sevilla as Madrid drew.",  # a fixture: a sports story
        "Standings in Spain:\nBarcelona 12 3 1\nSevilla 10 4 2",  # beside numbers: a table
    ],
)
def test_teams_named_after_their_towns_keep_their_label(story: str) -> None:
    entities = [entity("Barcelona", "ORG", story), entity("Spain", "GPE", story)]
    assert labels(settle("", story, entities).entities)["Barcelona"] == "ORG"


def test_settle_takes_the_entity_pass_word_on_teams() -> None:
    # the entity pass's `shows_teams` is believed: no second scan of the texts for teams
    story = "Spain's league: Barcelona beat Sevilla as Madrid drew."
    entities = [entity("Barcelona", "ORG", story), entity("Spain", "GPE", story)]
    assert labels(settle("", story, entities, shows_teams=True).entities)["Barcelona"] == "ORG"
    assert labels(settle("", story, entities, shows_teams=False).entities)["Barcelona"] == "GPE"


def test_a_club_sports_prose_shows_stays_an_organisation() -> None:
    # canonical calls Nice a team ("side Nice"); the place rule must not undo it
    story = "Baratelli will coach French first division side Nice , the club said . Nice lost ."
    entities = [entity("Nice", "ORG", story), entity("French", "NORP", story)]
    assert labels(settle("", story, entities).entities)["Nice"] == "ORG"


def test_a_national_team_is_still_its_country() -> None:
    story = "Results: Moldova 0 England 3"
    entities = [entity("Moldova", "ORG", story), entity("England", "GPE", story)]
    assert labels(settle("", story, entities).entities)["Moldova"] == "GPE"


def test_a_seat_of_government_stays_an_organisation() -> None:
    story = "The White House said on Monday that Washington would act."
    entities = [entity("White House", "ORG", story), entity("Washington", "GPE", story)]
    assert labels(settle("", story, entities).entities)["White House"] == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Colder Temperatures Forecast for Wed. after Cold Wave Alert Tues.",
            "Cold Wave Alert Tues",
        ),
        ("Markets fell on Thurs as the Storm Watch Thurs ended.", "Storm Watch Thurs"),
        ("Harvest Fair Sept 3 opens.", "Harvest Fair Sept"),
        ("The Spring Festival Mar. 3 opens.", "Spring Festival Mar"),
    ],
)
def test_fragments_with_a_date_abbreviation_are_no_names(text: str, name: str) -> None:
    entities = [entity(name, "ORG", text, "title")]
    assert drop_non_names(entities, {"title": text, "story": ""}) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sun Microsystems was sold.", "Sun Microsystems"),
        ("Jan Egeland spoke in Oslo.", "Jan Egeland"),
        ("The Mon State government met.", "Mon State"),
    ],
)
def test_names_holding_an_abbreviation_without_its_period_stay(text: str, name: str) -> None:
    entities = [entity(name, "ORG", text)]
    assert drop_non_names(entities, {"title": "", "story": text}) == entities


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("OPINION: Pakistan needs a budget", "OPINION"),
        ("Anchor: After heavy downpours on Monday", "Anchor"),
        ("Editor’s Pick", "Editor’s Pick"),
    ],
)
def test_section_labels_are_no_names(text: str, name: str) -> None:
    entities = [entity(name, "ORG", text, "title")]
    assert drop_non_names(entities, {"title": text, "story": ""}) == []


def test_only_the_fragment_mention_goes() -> None:
    title = "Storm Watch Tues. for the coast"
    story = "Storm Watch issued a warning."
    kept = Entity(
        name="Storm Watch",
        label="ORG",
        salience=0.5,
        mentions=[
            Mention(section="title", start=0, end=16, text="Storm Watch Tues"),
            Mention(section="story", start=0, end=11, text="Storm Watch"),
        ],
    )
    [entity_left] = drop_non_names([kept], {"title": title, "story": story})
    assert [m.text for m in entity_left.mentions] == ["Storm Watch"]


@pytest.mark.slow
def test_korean_weather_page() -> None:
    page = (EXAMPLE_PAGES / "kbs-temperatures.html").read_text(encoding="utf-8")
    article = enrich(RawArticle(body=page, content_type="text/html"))
    found = labels(article.entities)
    for name in ("Daejeon", "Cheongju", "Gwangju", "Daegu", "Cheorwon"):
        assert found.get(name) in {"GPE", "LOC"}, (name, found.get(name))
    names = [m.text for e in article.entities for m in e.mentions]
    assert not any("Tues" in name for name in names)
    assert [c.code for c in article.countries if c.focus] == ["KR"]


def test_a_person_named_like_a_large_foreign_town_stays_a_person() -> None:
    # Bush (Egypt) and Kennedy (Colombia) are towns of 100,000+: the person's label is kept
    # in a story that places nothing in those countries, while Daejeon beside Seoul and South
    # Korea becomes the city (test above).
    story = "Bush pushed the tax cuts through Congress, and Kennedy fought them in Washington."
    entities = [
        entity("Bush", "PERSON", story),
        entity("Kennedy", "PERSON", story),
        entity("Congress", "ORG", story),
        entity("Washington", "GPE", story),
    ]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Bush"] == "PERSON"
    assert labels(settled.entities)["Kennedy"] == "PERSON"
    assert {c.code for c in settled.countries} == {"US"}


def test_zaire_is_the_congo_so_a_town_there_is_a_place() -> None:
    # Zaire (1971-1997) is the Democratic Republic of the Congo, not Angola's Zaire province;
    # Goma, which the model calls a person, is then a town of the country the story places.
    story = "Refugees crossed into Zaire near the Zairean border town of Goma on Sunday."
    entities = [entity("Zaire", "GPE", story), entity("Goma", "PERSON", story)]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Goma"] == "GPE"
    assert {c.code for c in settled.countries} == {"CD"}


def test_a_small_town_listed_after_a_place_of_its_country_is_a_place() -> None:
    # The model calls the second item of a list of places a person; the list says otherwise.
    story = "Mosquitoes in East Providence and Barrington tested positive, Rhode Island said."
    entities = [
        entity("East Providence", "GPE", story),
        entity("Barrington", "PERSON", story),
        entity("Rhode Island", "GPE", story),
    ]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Barrington"] == "GPE"
    [us] = settled.countries
    assert "Barrington" in {m.text for m in us.mentions}
    # Not listed after a place, a person named like a small town stays a person.
    said = "Barrington said mosquitoes in East Providence tested positive, Rhode Island said."
    entities = [
        entity("East Providence", "GPE", said),
        entity("Barrington", "PERSON", said),
        entity("Rhode Island", "GPE", said),
    ]
    assert labels(settle("", said, entities).entities)["Barrington"] == "PERSON"


def test_a_small_town_after_a_noun_for_a_place_is_a_place() -> None:
    # Låsby, a town of Denmark the model calls a person, is named as a town.
    story = "Flies are exploding in central Denmark, in a town called Låsby in the west."
    entities = [entity("Denmark", "GPE", story), entity("Låsby", "PERSON", story)]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Låsby"] == "GPE"
    [denmark] = settled.countries
    assert {m.text for m in denmark.mentions} == {"Denmark", "Låsby"}


def test_a_place_after_a_noun_for_an_administrative_area_is_a_place() -> None:
    # the same nouns as the entity stage's "the state of Oaxaca" cue (SETTLEMENT_NOUNS)
    story = "Floods hit Greece on Sunday, in the prefecture of Kilkis, officials said."
    entities = [entity("Greece", "GPE", story), entity("Kilkis", "PERSON", story)]
    assert labels(settle("", story, entities).entities)["Kilkis"] == "GPE"


def test_a_small_town_a_place_of_its_country_owns_is_a_place() -> None:
    story = "Somali refugees in Kenya's overcrowded Dadaab camps need help, the agency said."
    entities = [entity("Kenya", "GPE", story), entity("Dadaab", "PERSON", story)]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Dadaab"] == "GPE"
    # A person the country "has" stays a person when the country is not the town's.
    other = "Refugees in Somalia's overcrowded Dadaab camps need help, the agency said."
    entities = [entity("Somalia", "GPE", other), entity("Dadaab", "PERSON", other)]
    assert labels(settle("", other, entities).entities)["Dadaab"] == "PERSON"


def test_a_news_organisation_named_after_its_province_stays_an_organisation() -> None:
    story = (
        "HAVANA, Cuba - The official newspaper Granma reported on Saturday. Granma said Cuba won."
    )
    entities = [entity("Cuba", "GPE", story), entity("Granma", "ORG", story)]
    assert labels(settle("", story, entities).entities)["Granma"] == "ORG"
    # a province of Cuba named as a place still is one
    other = "HAVANA, Cuba - Rain fell in Granma and Holguin, Cuba, on Saturday."
    entities = [entity("Cuba", "GPE", other), entity("Granma", "ORG", other)]
    assert labels(settle("", other, entities).entities)["Granma"] == "GPE"


def test_a_name_a_lower_case_compass_adjective_qualifies_is_a_place() -> None:
    # "Varnor" is made up (no gazetteer entry): the compass point alone locates it
    story = "Shelling went on in eastern Varnor, and north-western Dallow was quiet."
    entities = [entity("Varnor", "ORG", story), entity("Dallow", "PERSON", story)]
    assert labels(settle("", story, entities).entities) == {"Varnor": "GPE", "Dallow": "GPE"}


def test_a_capitalised_compass_word_or_a_nationality_keeps_its_label() -> None:
    story = "She wired money by Western Union to southern Italian relatives."
    entities = [entity("Western Union", "ORG", story), entity("Italian", "NORP", story)]
    assert labels(settle("", story, entities).entities) == {
        "Western Union": "ORG",
        "Italian": "NORP",
    }


def test_a_town_the_model_called_a_product_after_a_preposition_of_place_is_a_place() -> None:
    story = "A laboratory in Winnipeg confirmed the case on Friday, Canada's officials said."
    entities = [entity("Winnipeg", "PRODUCT", story), entity("Canada", "GPE", story)]
    settled = settle("", story, entities)
    assert labels(settled.entities)["Winnipeg"] == "GPE"
    assert any(m.text == "Winnipeg" for c in settled.countries for m in c.mentions)


def test_a_name_after_a_preposition_of_place_with_its_region_after_it_is_a_place() -> None:
    # made-up names: the town is known by its cues alone, "in X, <a place>"
    story = "Hundreds camped in Port Orrin, Leeward Province, as Sam Dale, Leeward's mayor, spoke."
    entities = [
        entity("Port Orrin", "PERSON", story),
        entity("Leeward Province", "GPE", story),
        entity("Sam Dale", "PERSON", story),
    ]
    assert labels(settle("", story, entities).entities) == {
        "Port Orrin": "GPE",
        "Leeward Province": "GPE",
        "Sam Dale": "PERSON",  # no preposition of place before him
    }


@pytest.mark.parametrize("cue", ["from", "between", "at", "into"])
def test_a_town_the_model_called_a_firm_on_a_route_is_a_place(cue: str) -> None:
    # Obama is a small town of Japan: on a route ("trucks queued from X") it is the town
    story = f"Trucks queued {cue} Obama and the port on Monday, Japan's officials said."
    entities = [entity("Obama", "ORG", story), entity("Japan", "GPE", story)]
    assert labels(settle("", story, entities).entities)["Obama"] == "GPE"


def test_a_person_after_a_preposition_of_a_route_stays_a_person() -> None:
    story = "A letter from Obama reached the port on Monday, Japan's officials said."
    entities = [entity("Obama", "PERSON", story), entity("Japan", "GPE", story)]
    assert labels(settle("", story, entities).entities)["Obama"] == "PERSON"
