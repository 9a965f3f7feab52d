# syntax=docker/dockerfile:1.7
# border_map in two images, from one build of the boundary layers:
#   app (the default target)  the Streamlit app, layers built in, run as a non-root user, read-only at run time
#   web                       nginx with deploy/nginx/border_map.conf.template and the static briefing site
#
#   docker build -t border_map-app .                                          layers from their public URLs
#   docker build --build-context mirror=../shared/geodata -t border_map-app .  from a local mirror, offline
#   docker build --target web -t border_map-web .
# compose.yaml builds and runs both (replicas behind nginx); docs/deploy.md explains the design.

# The boundary mirror: empty unless the build is given `--build-context mirror=DIR` (compose: the
# BORDER_MAP_MIRROR variable), which replaces this stage with that directory.
FROM scratch AS mirror

# --- build: install, fetch, build the layers, export the briefing site --------------------------------------
FROM python:3.11-slim AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# The pins alone first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
# Editable, as scripts/_venv.sh installs it: the package finds geodata/ beside src/ (border_map.paths).
RUN pip install --no-deps -e . && python -m border_map points --from-csv
# The fetched layers stay in the image: the Data page's upload checks a revised table against them
# (`border_map check`, in a child process). A mirror counts when it holds any layer file (deploy/no-mirror, compose's default, holds only a note).
RUN --mount=type=bind,from=mirror,target=/mirror \
    if find /mirror -name '*.geojson' -print -quit | grep -q .; then \
        python -m border_map fetch --mirror /mirror; \
    else \
        python -m border_map fetch; \
    fi \
    && python -m border_map build \
    && mkdir -p /srv/briefing \
    && python -m border_map export site --lang en --out /srv/briefing/en \
    && python -m border_map export site --lang th --out /srv/briefing/th

# --- web: nginx with the one template the tests run, and the briefing site as plain files ------------------
FROM nginx:1.28-alpine AS web
# The image renders /etc/nginx/templates/*.template with envsubst at start; only BM_* variables are touched.
ENV NGINX_ENVSUBST_FILTER=^BM_
RUN rm -f /etc/nginx/conf.d/default.conf
COPY deploy/nginx/border_map.conf.template /etc/nginx/templates/border_map.conf.template
COPY --from=build /srv/briefing /usr/share/nginx/briefing
HEALTHCHECK --interval=10s --timeout=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1/briefing/en/index.html || exit 1

# --- app: the Streamlit server, one replica per container -----------------------------------------------------
FROM build AS app
# Nothing under /app is written at run time (the app serves Leaflet, the font and the layers from memory and
# the installed wheels), so the files stay root's and the server runs as a user that cannot change them.
RUN useradd --system --uid 10001 --home-dir /tmp --shell /usr/sbin/nologin border_map
USER border_map
ENV HOME=/tmp
EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
