# syntax=docker/dockerfile:1
# The arq worker (matching rounds, mail). Built from the repository root:
#   docker build -f deploy/docker/worker.Dockerfile -t vcoffee-worker:TAG .
# Base images by digest; `make build` passes the same from deploy/docker/base-images.env.
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm@sha256:081075da77b2b55c23c088251026fb69a7b2bf92471e491ff5fd75c192fd38e5

FROM ${PYTHON_IMAGE} AS app
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/vcoffee
# Every dependency (and the build tools) at the version and hash of requirements.lock, nothing
# resolved at build time; then the project itself without dependencies or build isolation.
COPY requirements.lock ./
RUN /opt/vcoffee/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY core/ core/
COPY config/ config/
COPY metrics/ metrics/
COPY runtime/ runtime/
COPY api/ api/
COPY devtools/ devtools/
COPY vcoffee/ vcoffee/
COPY schema/ schema/
COPY resolvers/ resolvers/
COPY repositories/ repositories/
COPY workers/ workers/
COPY rounds/ rounds/
COPY matching/ matching/
COPY notifications/ notifications/
COPY auth/ auth/
RUN /opt/vcoffee/bin/pip install --no-deps --no-build-isolation . \
    && /opt/vcoffee/bin/pip check \
    && /opt/vcoffee/bin/python -m compileall -q /opt/vcoffee

FROM ${PYTHON_IMAGE}
RUN groupadd --system --gid 10001 vcoffee \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin vcoffee
COPY --from=app /opt/vcoffee /opt/vcoffee
ENV PATH=/opt/vcoffee/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
USER 10001:10001
ENTRYPOINT ["vcoffee"]
CMD ["worker"]
