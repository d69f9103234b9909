"""Ages and dates beside sidebar headlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipeline.nlp.ages import clean_age, is_age, resolve_age, split_trailing_age

FETCHED = datetime(2024, 3, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 hours ago", FETCHED - timedelta(hours=5)),
        ("- an hour ago", FETCHED - timedelta(hours=1)),
        ("41 minutes ago", FETCHED - timedelta(minutes=41)),
        ("3 days ago", FETCHED - timedelta(days=3)),
        ("yesterday", FETCHED - timedelta(days=1)),
        ("Mar 3", datetime(2024, 3, 3, tzinfo=UTC)),
        ("Nov 3", datetime(2023, 11, 3, tzinfo=UTC)),  # later this year: so last year
        ("3 November 2022", datetime(2022, 11, 3, tzinfo=UTC)),
        ("2024-01-05", datetime(2024, 1, 5, tzinfo=UTC)),
    ],
)
def test_resolve_age(text: str, expected: datetime) -> None:
    assert is_age(text)
    assert resolve_age(text, FETCHED) == expected


def test_unknown_fetch_time_gives_no_date() -> None:
    assert resolve_age("5 hours ago", None) is None


@pytest.mark.parametrize(
    "text", ["The vote came three days ago in a tense session", "Home", "March madness", ""]
)
def test_not_ages(text: str) -> None:
    assert not is_age(text)


def test_clean_age_strips_separator() -> None:
    assert clean_age("- 5 hours ago") == "5 hours ago"


def test_split_trailing_age_needs_a_separator() -> None:
    assert split_trailing_age("Bridge closed - 2 hours ago") == ("Bridge closed", "2 hours ago")
    assert split_trailing_age("The vote came two days ago") is None


@pytest.mark.parametrize("age", ["5 hours ago", "3 years ago", "yesterday", "Nov 3"])
def test_an_age_before_year_one_resolves_to_nothing(age: str) -> None:
    assert resolve_age(age, datetime(1, 1, 1, 1, 0, tzinfo=UTC)) is None
