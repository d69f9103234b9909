"""Sidebar headlines as leads: the countries each one names (no model: the gazetteer only)."""

from __future__ import annotations

import pytest

from pipeline.models import SidebarEntry
from pipeline.nlp.leads import headline_countries, with_countries
from pipeline.nlp.split import split_page
from tests.conftest import SEED


def test_seed_sidebar_headlines_get_the_countries_they_name() -> None:
    page = split_page(SEED.read_text(encoding="utf-8"), "text/plain")
    assert len(page.sidebar) == 12
    tagged = {e.headline: e.countries for e in with_countries(page.sidebar)}
    named = {headline: codes for headline, codes in tagged.items() if codes}
    assert named == {
        "Staff level agreement between Pakistan, IMF not reached": ["PK"],
        "CTD arrests suicide bomber planning major attack in Lahore": ["PK"],
        "Guard tortures citizen in Lahore: Private company office sealed": ["PK"],
        "Terrorists attack two police stations, checkpoint in Bannu": ["PK"],
        # equal weights: the country named first leads ("Pak-Afghan")
        "Torkham border closed: Pak-Afghan annual trade volume reduces by $1bn": ["PK", "AF"],
        "Senior Indian actor passes away at 83": ["IN"],
    }
    # The rest name people, teams and firms ("Trump and Musk", "Red Sox's Giolito", "Cowboys,
    # Turpin"): none of them gets a country, and every entry is tagged (an empty list).
    assert all(codes == [] for headline, codes in tagged.items() if headline not in named)


@pytest.mark.parametrize(
    ("headline", "codes"),
    [
        ("Michael Jordan returns to the court", []),
        ("Jordan Henderson signs a new contract", []),
        ("Chad Johnson retires", []),
        ("Jordan and Israel sign a water deal", ["IL", "JO"]),
        ("Storms hit North Georgia and Atlanta", ["US"]),
        ("Pakistan-US ties: what the letter means", ["PK", "US"]),
    ],
)
def test_headline_countries(headline: str, codes: list[str]) -> None:
    assert sorted(headline_countries(headline)) == codes


def test_entries_keep_their_fields() -> None:
    entry = SidebarEntry(headline="Talks in Nairobi", age="5 hours ago", url="https://x.test/a")
    [tagged] = with_countries([entry])
    assert tagged.countries == ["KE"]
    assert tagged.model_dump(exclude={"countries"}) == entry.model_dump(exclude={"countries"})
