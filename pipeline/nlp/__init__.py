"""Text analysis as pure functions: no Kafka, no I/O beyond loading the packaged model and data."""
