"""article-pipeline: news articles through Kafka, split, tagged and enriched."""

__version__ = "0.1.0"
