"""Apache Kafka for development: the local broker from Maven jars, and finding it."""
