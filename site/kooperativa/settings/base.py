"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def required_setting(name, because):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when {because}.")
    return value


INSTALLED_APPS = [
    "home",
    "demo",
    "translation",
    "practices",
    "search",
    "feeds",
    "enquiries",
    "discovery",
    "export",
    "regionmap",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kooperativa.headers.CompressTextMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "kooperativa.headers.ContentSecurityPolicyMiddleware",
    "kooperativa.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "practices.per_request.PerRequestMiddleware",
    "translation.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kooperativa.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "kooperativa.headers.CacheControlMiddleware",
]

# What a page may load and run (django-csp; kooperativa/headers.py). The public pages have no inline
# script and only inline styles the page's policy names by hash; nothing comes from another site but
# the players of the videos editors embed (practices/blocks.py, VideoBlock).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin (and its previews) has these directives instead: what Wagtail 8 needs, found by loading its
# pages under the public policy in a browser (tests/test_browser_headers.py loads them under this one).
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    # each chooser widget starts itself with an inline script of its own (new PageChooser("id_…", …)),
    # modals run the scripts of the HTML they load, wagtail-localize's editor sets its choosers' addresses
    "script-src": [SELF, UNSAFE_INLINE],
    # wagtail-localize's editor (styled-components) writes <style> elements
    "style-src": [SELF, UNSAFE_INLINE],
    # the dashboard asks releases.wagtail.org whether a newer Wagtail is out (superusers only)
    "connect-src": [SELF, "https://releases.wagtail.org"],
    # the page preview is a frame of the edit view, showing the hub's own address
    "frame-src": [SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
    "frame-ancestors": [SELF],
}
# Browser features no page of the hub uses, off for it and for anything it embeds.
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is refused for LOGIN_COOLOFF_MINUTES (answer 429). Locking the pair,
# not the account, keeps an attacker from locking a moderator out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kooperativa.proxy.client_address"
# How many reverse proxies (each appending to X-Forwarded-For) stand in front of the site.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

ROOT_URLCONF = "kooperativa.urls"
WSGI_APPLICATION = "kooperativa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Montenegrin has no entry in Django, so it gets one here.
LANG_INFO["cnr"] = {
    "bidi": False,
    "code": "cnr",
    "name": "Montenegrin",
    "name_local": "crnogorski",
}
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("bs", _("Bosnian")),
    ("hr", _("Croatian")),
    ("sr-latn", _("Serbian (Latin)")),
    ("sr", _("Serbian (Cyrillic)")),
    ("cnr", _("Montenegrin")),
    ("mk", _("Macedonian")),
    ("sl", _("Slovenian")),
    ("sq", _("Albanian")),
]
WAGTAIL_I18N_ENABLED = True
# The hub's languages that Wagtail's admin (with its contrib apps and wagtail-localize) is translated
# into. Its Serbian is five strings, so it is not offered; editors of the other languages get the
# nearest of these (translation/middleware.py; docs/translation.md says which and why).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("hr", "Croatian"), ("sl", "Slovenian")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Optional machine translation in the translation editor; off unless MACHINE_TRANSLATOR is set.
MACHINE_TRANSLATOR = os.environ.get("MACHINE_TRANSLATOR", "").strip().lower()
if MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": required_setting("DEEPL_AUTH_KEY", "MACHINE_TRANSLATOR=deepl")},
    }
elif MACHINE_TRANSLATOR == "libretranslate":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": required_setting("LIBRETRANSLATE_URL", "MACHINE_TRANSLATOR=libretranslate"),
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }
elif MACHINE_TRANSLATOR:
    raise ImproperlyConfigured("MACHINE_TRANSLATOR must be empty, 'deepl' or 'libretranslate'.")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zagreb"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images belong on object storage or behind the proxy at scale; a single-host demo serves
# them itself. Only these folders of MEDIA_ROOT are public: documents go through Wagtail's serve
# view, which checks the privacy of their collection (a proxy must not serve MEDIA_ROOT/documents/).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
PUBLIC_MEDIA_FOLDERS = ["images", "original_images"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Kooperativa Knowledge Hub"
# Editors' avatars are the ones they upload, or Wagtail's default: no request to gravatar.com
# tells a third party who opens the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's own search (the admin, and the public search's fallback) stays on the database. On
# PostgreSQL its words lose their accents first (configuration made by search/migrations/0002).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "kooperativa"

# The cache every worker shares (Wagtail's site root paths, facet labels, the enquiry limit): a table
# in the database (made by `manage.py createcachetable`, which every setup runs after `migrate`), or
# Redis when REDIS_URL is set (kooperativa/cache.py: the site keeps answering while Redis is away).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    redis_timeout = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
    CACHES = {
        "default": {
            "BACKEND": "kooperativa.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": redis_timeout,
                "socket_timeout": redis_timeout,
                "RETRY_SECONDS": int(os.environ.get("REDIS_RETRY_SECONDS", "10")),
            },
        }
    }
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
    CACHES["searches"] = {**CACHES["default"], "KEY_PREFIX": "searches"}
else:
    # Each table holds up to MAX_ENTRIES and, once full, forgets a third of them in the order of
    # their keys (Django's culling), the content version among the first, and with it every kept
    # page. The search's answers, one per search ever asked, have a table of their own; the shared
    # one holds the chrome and fragments of each content version until they expire, and the enquiry
    # limit's counts, with room to spare.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hub_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hub_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "searches": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hub_search_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    # Wagtail writes an image's rendition back to its cache each time a template shows it: in the
    # database that would be a write per picture per page. Each worker keeps its own instead; a
    # rendition another worker deleted is forgotten within ten minutes.
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

# Whole pages kept for readers who are not logged in (kooperativa/page_cache.py), in the "pages" cache
# (its own table, or Redis under a prefix of its own), for at most this many seconds; 0 keeps none.
# A change to the content is seen at once whatever this is.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))

# The demo content's PDFs are set in DejaVu Sans from this folder (Debian's fonts-dejavu-core).
DEMO_FONT_DIR = Path(os.environ.get("DEMO_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))

# The public knowledge search (search/): Elasticsearch when configured, the database otherwise.
# Workshop kits (ZIP of a workshop's files) larger than this are not built; readers get the files one by one.
WORKSHOP_KIT_MAX_MB = int(os.environ.get("WORKSHOP_KIT_MAX_MB", "200"))

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5"))
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "kooperativa")
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
SEARCH_INDEX_REFRESH_INTERVAL = os.environ.get("SEARCH_INDEX_REFRESH_INTERVAL", "1s")
# After the engine fails, the site answers from the database for this long before trying again.
SEARCH_ENGINE_RETRY_SECONDS = int(os.environ.get("SEARCH_ENGINE_RETRY_SECONDS", "30"))
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "odp", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's responsive wrapper sets its ratio in a style attribute, which the policy refuses; the
# stylesheet gives embedded videos their ratio instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False

# "Ask about this practice" (enquiries/): messages are deleted ENQUIRY_RETENTION_DAYS after they were
# sent (prune_enquiries); a form sent sooner than ENQUIRY_MIN_SECONDS after it was shown, or more than
# ENQUIRY_FORM_MAX_AGE_HOURS after, is refused; one address may send ENQUIRY_RATE_LIMIT messages in
# ENQUIRY_RATE_WINDOW_MINUTES.
ENQUIRY_RETENTION_DAYS = int(os.environ.get("ENQUIRY_RETENTION_DAYS", "180"))
ENQUIRY_MIN_SECONDS = 3
ENQUIRY_FORM_MAX_AGE_HOURS = 24
ENQUIRY_RATE_LIMIT = int(os.environ.get("ENQUIRY_RATE_LIMIT", "5"))
ENQUIRY_RATE_WINDOW_MINUTES = 60
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kooperativa Knowledge Hub <hub@localhost>")
# Pages listed in one sitemap file; beyond it /sitemap.xml becomes an index of sitemap-<n>.xml files.
SITEMAP_SECTION_SIZE = 50000

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
