"""A synthetic corpus of good practices and training materials, written straight into the database.

Text is drawn word by word from the demo content of each language (``demo/data/*.toml``), so
every page is in its own language and script and words keep their real frequencies. Pages hang
under the demo's organisation profile pages like real ones, with real themes, countries,
partners, formats and languages, and come in translation groups (one ``translation_key``, one
page per language) as wagtail-localize makes them.

Creating pages one by one through treebeard takes far too long for 100,000 of them, so they are
inserted in bulk: materialised paths are computed here (steplen 4, alphabet 0-9A-Z, as treebeard
does) and each batch goes into ``wagtailcore_page``, the page type's table and the relation
tables in one transaction. No signal fires, so nothing is indexed on the way.
"""

import datetime
import html
import random
import re
import tomllib
import uuid
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from wagtail.models import Locale, Page

from demo.loader import DEMO_DIR, PRACTICE_SECTIONS
from practices.choices import BudgetRange, Level, Licence
from practices.models import (
    Country,
    GoodPracticePage,
    MaterialFormat,
    OrganisationPage,
    Theme,
    TrainingMaterialPage,
)

SLUG_PREFIX = "bench-"
WORD = re.compile(r"[^\W\d_]+")
FIRST_PUBLISHED = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
PUBLISHING_DAYS = 3800  # until mid-2026
BATCH = 2000


def demo_words():
    """Every word of the demo content by language code, repeats kept (so sampling follows frequency)."""
    codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    words = defaultdict(list)

    def walk(value, code):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if key in codes else code)
        elif isinstance(value, list):
            for item in value:
                walk(item, code)
        elif isinstance(value, str) and code:
            words[code].extend(word.lower() for word in WORD.findall(value))

    for path in sorted(DEMO_DIR.glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")), None)
    return dict(words)


def path_step(number):
    """One level of a treebeard materialised path: ``number`` in base 36, four characters."""
    digits = ""
    while number:
        number, digit = divmod(number, len(Page.alphabet))
        digits = Page.alphabet[digit] + digits
    return digits.rjust(Page.steplen, "0")


class Writer:
    """Sentences, paragraphs and rich text in one language, from that language's demo words."""

    def __init__(self, rng, words):
        self.rng = rng
        self.words = words

    def phrase(self, code, low, high):
        return " ".join(self.rng.choices(self.words[code], k=self.rng.randint(low, high)))

    def sentence(self, code, low=8, high=20):
        text = self.phrase(code, low, high)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, code):
        return " ".join(self.sentence(code) for _ in range(self.rng.randint(2, 5)))

    def rich_text(self, code, low, high):
        paragraphs = (self.paragraph(code) for _ in range(self.rng.randint(low, high)))
        return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)

    def title(self, code):
        return self.sentence(code, 4, 10)[:-1]

    def summary(self, code):
        text = " ".join(self.sentence(code) for _ in range(3))
        return text if len(text) <= 290 else text[: text.rfind(" ", 0, 290)] + " …"

    def names(self, code, count):
        return ", ".join(self.phrase(code, 2, 2).title() for _ in range(count))


class SyntheticCorpus:
    """Adds synthetic pages, translation group by translation group, under the demo organisations."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible text, not security
        self.writer = Writer(self.rng, demo_words())
        self.locales = list(Locale.objects.order_by("pk"))
        self.themes = list(Theme.objects.filter(locale__language_code="en").order_by("pk"))
        self.countries = list(Country.objects.filter(locale__language_code="en").order_by("pk"))
        self.formats = list(MaterialFormat.objects.filter(locale__language_code="en").order_by("pk"))
        self.content_types = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (GoodPracticePage, TrainingMaterialPage)
        }
        # Each organisation's profile page in every language, keyed by language code.
        self.profiles = defaultdict(dict)
        for profile in OrganisationPage.objects.select_related("locale", "organisation").order_by("pk"):
            self.profiles[profile.translation_key][profile.locale.language_code] = profile
        self.organisations = list(self.profiles.values())
        self.next_child = {}
        self.works = 0

    # --- one translation group ---------------------------------------------------------------

    def work(self):
        """The pages of one practice or material: its original and 0-3 translations."""
        self.works += 1
        profiles = self.rng.choice(self.organisations)
        original = min(profiles.values(), key=lambda page: page.pk)
        codes = [original.locale.language_code]
        if codes[0] != "en" and self.rng.random() < 0.5:
            codes.append("en")
        if self.rng.random() < 0.3:
            others = [code for code in profiles if code not in codes]
            codes += self.rng.sample(others, self.rng.randint(1, 2))

        model = GoodPracticePage if self.rng.random() < 0.6 else TrainingMaterialPage
        shared = self.shared_fields(model, original)
        translation_key = uuid.uuid4()
        published = FIRST_PUBLISHED + datetime.timedelta(
            days=self.rng.uniform(0, PUBLISHING_DAYS), minutes=self.works
        )
        slug = f"{SLUG_PREFIX}{self.works}"
        for code in codes:
            parent = profiles[code]
            page = Page(
                title=self.writer.title(code),
                slug=slug,
                path=parent.path + path_step(self.child_number(parent)),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                translation_key=translation_key,
                content_type_id=self.content_types[model],
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
            )
            page.draft_title = page.title
            specific = model(
                organisation_id=parent.organisation_id, **shared["fields"], **self.texts(model, code)
            )
            yield parent, page, specific, shared["relations"]

    def child_number(self, parent):
        if parent.pk not in self.next_child:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_child[parent.pk] = int(last[-Page.steplen :], 36) + 1 if last else 1
        number = self.next_child[parent.pk]
        self.next_child[parent.pk] += 1
        return number

    def shared_fields(self, model, original):
        """What all translations of a page share (synchronised fields, relations)."""
        rng = self.rng
        themes = [theme.pk for theme in rng.sample(self.themes, rng.randint(1, 3))]
        if model is GoodPracticePage:
            start = rng.randint(1995, 2025)
            home_country = original.organisation.country_id
            countries = {home_country, *(c.pk for c in rng.sample(self.countries, rng.randint(0, 1)))}
            partners = {
                min(profiles.values(), key=lambda page: page.pk).organisation_id
                for profiles in rng.sample(self.organisations, rng.randint(0, 2))
            } - {original.organisation_id}
            fields = {
                "start_year": start,
                "end_year": None if rng.random() < 0.3 else min(start + rng.randint(0, 6), 2026),
                "budget_range": rng.choice(BudgetRange.values),
                "media": [],
            }
            relations = {"themes": themes, "countries": sorted(countries), "partners": sorted(partners)}
        else:
            fields = {
                "material_format_id": rng.choice(self.formats).pk,
                "level": rng.choice(Level.values),
                "duration_minutes": rng.choice([45, 90, 180, 360, 960, 2400]),
                "licence": rng.choice(Licence.values),
                "published_year": rng.randint(2005, 2026),
                "files": [],
            }
            languages = [locale.pk for locale in rng.sample(self.locales, rng.randint(1, 3))]
            relations = {"themes": themes, "languages": languages}
        return {"fields": fields, "relations": relations}

    def texts(self, model, code):
        """The translatable fields, written in the page's own language."""
        write = self.writer
        if model is GoodPracticePage:
            return {
                "summary": write.summary(code),
                **{section: write.rich_text(code, 1, 3) for section in PRACTICE_SECTIONS},
                "team_size": write.phrase(code, 4, 10),
                "funding_sources": write.phrase(code, 6, 14),
                "contact": write.names(code, 1),
            }
        return {
            "summary": write.summary(code),
            "audience": write.phrase(code, 3, 8),
            "description": write.rich_text(code, 2, 4),
            "learning_outcomes": [
                ("outcome", write.sentence(code, 6, 14)) for _ in range(self.rng.randint(3, 6))
            ],
            "authors": write.names(code, self.rng.randint(1, 3)),
        }

    # --- writing -----------------------------------------------------------------------------

    def add(self, count, progress=print):
        """Insert ``count`` more pages (the last translation group may be cut short)."""
        rows = []
        added = 0
        while added < count:
            for row in self.work():
                rows.append(row)
                added += 1
                if added == count:
                    break
            if len(rows) >= BATCH or added == count:
                self.write(rows)
                rows = []
                progress(f"  {added}/{count} pages inserted")

    @transaction.atomic
    def write(self, rows):
        pages = Page.objects.bulk_create([page for _parent, page, _specific, _relations in rows])
        for (_parent, _page, specific, _relations), saved in zip(rows, pages, strict=True):
            specific.page_ptr_id = saved.pk
        for model in (GoodPracticePage, TrainingMaterialPage):
            objects = [specific for _parent, _page, specific, _relations in rows if type(specific) is model]
            if objects:
                # bulk_create refuses multi-table inheritance; this is the child-table insert that
                # Model.save() itself does, for many rows at once.
                model._base_manager._insert(objects, fields=model._meta.local_concrete_fields)
                self.write_relations(model, [row for row in rows if type(row[2]) is model])
        children = Counter(parent.pk for parent, _page, _specific, _relations in rows)
        for parent_pk, number in children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + number)

    def write_relations(self, model, rows):
        for name in rows[0][3]:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                through(**{source: specific.page_ptr_id, target: target_pk})
                for _parent, _page, specific, relations in rows
                for target_pk in relations[name]
            )


def synthetic_pages():
    return Page.objects.filter(slug__startswith=SLUG_PREFIX)
