# The worker image: `docker compose up` builds it (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml constraints.txt README.md LICENSE ./
COPY pipeline ./pipeline
COPY examples ./examples
RUN pip install -c constraints.txt . && useradd --create-home pipeline
USER pipeline
# the worker's faust data folder goes here (/app belongs to root)
ENV PIPELINE_HOME=/home/pipeline/.cache

# the worker's web server (faust): health, agent state, dashboards
EXPOSE 6066
ENV PIPELINE_WEB_HOST=0.0.0.0
ENTRYPOINT ["pipeline"]
CMD ["worker"]
