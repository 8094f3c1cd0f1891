# syntax=docker/dockerfile:1
# The API with the web front end it serves. Built from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t vcoffee-api:TAG .
# Base images by digest; `make build` passes the same from deploy/docker/base-images.env.
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm@sha256:081075da77b2b55c23c088251026fb69a7b2bf92471e491ff5fd75c192fd38e5
ARG NODE_IMAGE=node:22.21.1-bookworm-slim@sha256:25b3eb23a00590b7499f2a2ce939322727fcce1b15fdd69754fcd09536a3ae2c

FROM ${NODE_IMAGE} AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

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
COPY --from=web /src/frontend/dist /app/frontend/dist
# The root filesystem is read-only in the cluster: no bytecode is written at run time.
ENV PATH=/opt/vcoffee/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VCOFFEE_FRONTEND_DIST=/app/frontend/dist
WORKDIR /app
USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["vcoffee"]
CMD ["api"]
