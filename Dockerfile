FROM python:3.11-slim

# gunicorn binds 0.0.0.0:$PORT and starts $WEB_CONCURRENCY workers when they are set (its own
# defaults read them), so the command below needs no shell and gunicorn gets docker's SIGTERM.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=kooperativa.settings.production \
    PORT=8000 \
    WEB_CONCURRENCY=3

# The demo content (loaded on request by deploy/init.sh) sets its PDFs in DejaVu Sans (demo/assets.py).
# Not pinned to a version: Debian replaces a package's version with its security updates, and a pin
# would make the build fail on the first one; the base image fixes the release.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --gid 1000 hub && useradd --create-home --uid 1000 --gid hub hub
WORKDIR /app

COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY --chown=hub:hub . .
# The compose file's volumes mount at /app/media and /srv/static: a new named volume takes the owner
# of the folder it is mounted on, so they are the hub user's to write.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --no-input \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py compile_translations \
    && mkdir -p /app/media /srv/static && chown -R hub:hub /app /srv/static

USER 1000:1000
EXPOSE 8000
CMD ["gunicorn", "--pythonpath", "site", "kooperativa.wsgi", "--access-logfile", "-"]
