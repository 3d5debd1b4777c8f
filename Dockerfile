# Quire production images. `app` (the default): gunicorn serving Django, whitenoise
# serving static files. `front`: nginx with deploy/nginx.conf, the public entry in
# docker-compose.yml, serving the same collected static files itself.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY assets assets
RUN npm run build

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.production \
    QUIRE_DATA_DIR=/data \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/app/staticfiles
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
COPY --from=assets /build/node_modules/katex node_modules/katex
COPY --from=assets /build/build/editor build/editor
# collectstatic needs settings but no secrets; the throwaway key never serves a request.
RUN SECRET_KEY=collectstatic-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
    python manage.py collectstatic --no-input \
    && useradd --system --home /app quire && mkdir -p /data && chown quire /data
USER quire
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["gunicorn", "-c", "config/gunicorn.conf.py"]

FROM nginx:1.27-bookworm AS front
RUN rm /etc/nginx/conf.d/default.conf
# The image renders templates into conf.d (inside http { }) from its environment.
COPY deploy/nginx.conf /etc/nginx/templates/quire.conf.template
COPY deploy/nginx-cache.conf /etc/nginx/snippets/quire-cache.conf
COPY --from=app /app/staticfiles /srv/quire/staticfiles

# The default target: the application image.
FROM app
