# syntax=docker/dockerfile:1.7
# One image recipe for every Sōsai service, chosen by build args:
#   docker build --build-arg SERVICE=registry      --build-arg SERVICE_MODULE=sosai_registry      -t sosai/registry .
#   docker build --build-arg SERVICE=events-catalog --build-arg SERVICE_MODULE=sosai_events_catalog -t sosai/catalog .
# SERVICE is the folder under services/ (and the uv package sosai-<SERVICE>); SERVICE_MODULE its import name.
# The same image runs the migrations as a separate step (compose one-shot container, Kubernetes Job):
#   python -m sosai_shared.migrations upgrade <SERVICE_MODULE>

# Release builds pin the base by digest (--build-arg PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:...),
# resolved by CI: docs/runbooks/images.md (also SBOM, scan and signing).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------- build: resolve from uv.lock only
FROM ${PYTHON_IMAGE} AS build
ARG SERVICE=registry
ARG UV_VERSION=0.13.9
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
# Dependencies first, from the lock and the workspace's pyproject files only, so source edits
# do not invalidate this (slow) layer. --frozen: the lock is the truth; a stale lock fails the build.
COPY uv.lock pyproject.toml ./
COPY shared/pyproject.toml shared/pyproject.toml
COPY services/registry/pyproject.toml services/registry/pyproject.toml
COPY services/certification/pyproject.toml services/certification/pyproject.toml
COPY services/calculator/pyproject.toml services/calculator/pyproject.toml
COPY services/events-catalog/pyproject.toml services/events-catalog/pyproject.toml
COPY services/notifications/pyproject.toml services/notifications/pyproject.toml
COPY services/explorer/pyproject.toml services/explorer/pyproject.toml
COPY clients/python/pyproject.toml clients/python/pyproject.toml
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-workspace --package "sosai-${SERVICE}"
# Then the code: the shared package and this one service (with its migrations/ folder).
COPY shared/src shared/src
COPY services/${SERVICE}/src services/${SERVICE}/src
COPY services/${SERVICE}/migrations services/${SERVICE}/migrations
# the stored event examples: the notifications service puts them in its AsyncAPI document
COPY shared/tests/contract_examples shared/tests/contract_examples
# Workspace members stay editable installs on purpose: sosai_shared.migrations finds a service's
# migrations/ next to its src/ folder, which a wheel in site-packages would lose.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --package "sosai-${SERVICE}"

# ---------------------------------------------------------------- runtime: slim, non-root, read-only friendly
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE=registry
ARG SERVICE_MODULE=sosai_registry
RUN groupadd --system --gid 10001 sosai \
 && useradd --system --uid 10001 --gid sosai --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin sosai
# Root owns the code: the service user can read it, never change it.
COPY --from=build /app /app
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SOSAI_VAR_DIR=/tmp/sosai \
    SOSAI_SERVICE=${SERVICE} \
    SOSAI_SERVICE_MODULE=${SERVICE_MODULE}
WORKDIR /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"]
# exec: uvicorn becomes PID 1 and gets SIGTERM directly (graceful shutdown of relay and consumers)
CMD exec uvicorn "${SOSAI_SERVICE_MODULE}.main:create_app" --factory --host 0.0.0.0 --port 8000 --no-server-header
