"""What the stream memory keeps of one article, as a serialisable record.

`StoryMemory.assign` returns an `ArticleMemo` for each new article; a caller that persists them
(a faust table with a changelog, keyed by article id) and the latest `StoryState` of each story
can rebuild the whole memory after a restart with `StoryMemory.restore`. A memo holds sketches,
not the text: the MinHash signature, the exact keys, the article's TF-IDF vector and entities,
about 2 kB as JSON.
"""

from __future__ import annotations

from datetime import datetime

import orjson
from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import DuplicateMatch

# bumped when the sketches change meaning (another shingle size, seed...); 2: signature slots
# hold 16 bits, and version 1's full slots are cut to them on restore
MEMO_VERSION = 2


class ArticleMemo(BaseModel):
    """One article in the window: its assignment and the sketches it is matched by."""

    model_config = ConfigDict(frozen=True)

    version: int = MEMO_VERSION
    article_id: str
    story_id: str
    new_story: bool
    duplicate_of: str | None = None
    duplicate_match: DuplicateMatch | None = None
    similarity: float
    event_time: datetime
    url: str | None = None
    source: str | None = None
    title: str | None = None
    url_key: str | None = None
    title_key: str | None = None
    signature: list[int] = Field(
        description="MinHash of the story's word 4-grams, 16 bits a slot; [] if none."
    )
    shingles: int = Field(ge=0, description="Distinct word 4-grams of the story.")
    terms: list[int] = Field(description="Term ids of the TF-IDF vector.")
    weights: list[float] = Field(description="Their weights (the vector has unit length).")
    entities: list[str] = Field(description="Entity names, most salient first.")
    saliences: list[float]
    countries: list[str] = Field(description="Focus countries.")

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"))

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleMemo:
        return cls.model_validate_json(data)
