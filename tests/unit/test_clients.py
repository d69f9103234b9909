"""Security settings reach every Kafka client the project builds, and secrets stay secret."""

from __future__ import annotations

import ssl

import faust
import pytest
from pydantic import SecretStr

from pipeline.app import broker_credentials
from pipeline.clients import consumer_options, producer_options
from pipeline.errors import ConfigurationError
from pipeline.settings import Settings

SASL = Settings(
    kafka_bootstrap_servers="broker:9093",
    security_protocol="SASL_SSL",
    sasl_mechanism="SCRAM-SHA-512",
    sasl_username="pipeline",
    sasl_password=SecretStr("hunter2-secret"),
)


def test_sasl_and_tls_reach_producers_and_consumers() -> None:
    for options in (producer_options(SASL), consumer_options(SASL)):
        assert options["bootstrap_servers"] == "broker:9093"
        assert options["security_protocol"] == "SASL_SSL"
        assert options["sasl_mechanism"] == "SCRAM-SHA-512"
        assert options["sasl_plain_username"] == "pipeline"
        assert options["sasl_plain_password"] == "hunter2-secret"
        assert isinstance(options["ssl_context"], ssl.SSLContext)


def test_sasl_reaches_the_faust_worker() -> None:
    credentials = broker_credentials(SASL)
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.mechanism.value == "SCRAM-SHA-512"
    assert credentials.username == "pipeline"
    assert credentials.ssl_context is not None
    assert broker_credentials(Settings(kafka_bootstrap_servers="b:9092")) is None


def test_plaintext_sends_no_credentials() -> None:
    options = producer_options(Settings(kafka_bootstrap_servers="b:9092"))
    assert options["security_protocol"] == "PLAINTEXT"
    assert "sasl_plain_password" not in options


def test_sasl_without_a_password_is_a_clear_error() -> None:
    settings = Settings(kafka_bootstrap_servers="b:9092", security_protocol="SASL_PLAINTEXT")
    with pytest.raises(ConfigurationError, match="PIPELINE_SASL_PASSWORD"):
        producer_options(settings)


def test_secrets_are_masked_when_settings_are_printed_or_logged() -> None:
    assert "hunter2-secret" not in repr(SASL)
    assert "hunter2-secret" not in str(SASL.model_dump())


def test_every_consumer_reads_committed_records_only() -> None:
    # the dashboard and `pipeline consume` never show outputs of aborted transactions
    assert consumer_options(SASL)["isolation_level"] == "read_committed"
