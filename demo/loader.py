"""Loads the demo content: taxonomies, member organisations, practices, materials, users and roles.

The data lives in ``demo/data/*.toml`` (original writing in the region's languages). Every page
goes through the same path an editor's page does: drafted by the organisation's editor,
submitted to the "Platform review" workflow and approved by the moderator, so the review badge
is real. Translations are made through wagtail-localize, so the translation editor, "sync from
source" and the status of every translation work on the demo exactly as on real content.

Running it again changes nothing: every object is looked up by its slug before it is created.
"""

import datetime
import hashlib
import io
import tomllib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site, TaskState
from wagtail_localize.models import Translation, TranslationSource

from home.models import HomePage
from practices.images import RENDITIONS
from practices.models import (
    Country,
    GoodPracticePage,
    LearningPathIndexPage,
    LearningPathPage,
    MaterialFormat,
    MaterialIndexPage,
    Organisation,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    PracticeRelatedMaterial,
    Theme,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from practices.roles import (
    MODERATORS,
    ensure_organisation_editors,
    ensure_review_workflow,
    ensure_trainers,
    handouts_collection,
    organisation_collection,
    shared_collection,
)
from search import lexicon
from translation.templatetags.language_tags import bcp47

from .assets import font_files, logo_png, pdf_document
from .scenes import scene_png
from .strings import (
    PRACTICE_SECTIONS,
    material_strings,
    paragraphs,
    path_strings,
    practice_strings,
    rich_text,
    string_pairs,
    workshop_strings,
)

DEMO_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "kooperativa-demo"  # noqa: S105 - published on purpose, see README
ADMIN_USERNAME = "admin"
MODERATOR_USERNAME = "moderator"
PUBLICATION_START = datetime.datetime(2024, 1, 15, 10, 0, tzinfo=datetime.UTC)
WORKSHOPS_PUBLICATION_START = datetime.datetime(2025, 9, 1, 10, 0, tzinfo=datetime.UTC)


def editor_username(organisation_slug):
    return f"editor-{organisation_slug}"


def read_demo_file(name):
    with open(DEMO_DIR / name, "rb") as file:
        return tomllib.load(file)


class Progress:
    def __init__(self, write):
        self.write = write

    def step(self, label, items):
        items = list(items)
        total = len(items)
        for number, item in enumerate(items, start=1):
            yield item
            if number == total or number % 5 == 0:
                self.write(f"  {label}: {number}/{total}")


class DemoContentLoader:
    def __init__(self, write=print):
        self.write = write
        self.progress = Progress(write)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.scenes = read_demo_file("scenes.toml")
        self.created = 0

    # --- entry point -------------------------------------------------------------------------

    def load(self):
        # Before anything is written: without the documents' font the load would stop halfway.
        font_files()
        # Moderators' notification emails about the demo's own reviews would only be noise.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            return self.load_all()

    @transaction.atomic
    def load_all(self):
        missing = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code not in self.locales]
        if missing:
            raise RuntimeError(f"Locales missing, run migrate first: {', '.join(missing)}")
        self.write("Roles and review workflow")
        self.workflow = ensure_review_workflow()
        self.users = self.load_users()
        self.write("Taxonomies")
        self.load_taxonomies()
        self.write("Home and listing pages")
        self.home = self.load_site_pages()
        self.write("Member organisations")
        self.load_organisations()
        self.write("Training materials")
        self.load_materials()
        self.write("Good practices")
        self.practices = {}
        for name in sorted(DEMO_DIR.glob("practices_*.toml")):
            self.load_practices(read_demo_file(name.name)["practice"])
        self.write("Workshops and learning paths")
        workshops = read_demo_file("workshops.toml")
        self.load_trainers(workshops["trainer"])
        self.load_workshops(workshops["workshop"])
        self.load_paths(workshops["path"])
        self.set_publication_dates()
        # The search's word equivalents come from the translations just written (a rebuild of the
        # indexes learns them again; a site that loads the demo may not run one).
        self.write(f"Word equivalents learned from the translations: {lexicon.relearn()}")
        return self.created

    # --- users -------------------------------------------------------------------------------

    def load_users(self):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"email": "admin@kooperativa.example", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        moderator, created = User.objects.get_or_create(
            username=MODERATOR_USERNAME,
            defaults={
                "email": "moderator@kooperativa.example",
                "first_name": "Mirna",
                "last_name": "Kovačević",
            },
        )
        if created:
            moderator.set_password(DEMO_PASSWORD)
            moderator.save()
        moderator.groups.add(Group.objects.get(name=MODERATORS))
        return {ADMIN_USERNAME: admin, MODERATOR_USERNAME: moderator}

    def editor_for(self, organisation, profile_page):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=editor_username(organisation.slug),
            defaults={"email": f"editor@{organisation.slug}.example", "first_name": organisation.name[:150]},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(ensure_organisation_editors(organisation, profile_page))
        return user

    # --- translation through wagtail-localize ------------------------------------------------

    def translate(self, instance, locale_code, strings, user=None, publish=True):
        """Create the translation of ``instance`` from known segment translations, unless it exists."""
        existing = instance.get_translation_or_none(self.locales[locale_code])
        if existing is not None:
            return existing
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=self.locales[locale_code], defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get(entry.msgid, entry.msgid)
        translation.import_po(po, tool_name="Kooperativa demo content")
        if not isinstance(instance, Page):
            translation.save_target(user=user)
            self.created += 1
            return instance.get_translation(self.locales[locale_code])
        # wagtail-localize would publish a page only when the outermost transaction commits;
        # the loader publishes at once so that later steps (and tests) see live pages.
        translation.save_target(user=user, publish=False)
        translated = instance.get_translation(self.locales[locale_code])
        if publish:
            translated.get_latest_revision().publish(user=user)
        self.created += 1
        return translated

    # --- taxonomies --------------------------------------------------------------------------

    def load_taxonomies(self):
        data = read_demo_file("taxonomies.toml")
        for key, model in (("theme", Theme), ("format", MaterialFormat), ("country", Country)):
            for order, term in enumerate(self.progress.step(key, data[key])):
                slug = term.get("slug") or term["code"].lower()
                names = term["name"]
                descriptions = term.get("description", {})
                source, created = model.objects.get_or_create(
                    slug=slug,
                    locale=self.locales["en"],
                    defaults={
                        "name": names["en"],
                        "description": descriptions.get("en", ""),
                        "sort_order": order,
                    },
                )
                self.created += created
                for code in self.locales:
                    if code == "en":
                        continue
                    strings = {names["en"]: names[code]}
                    if descriptions:
                        strings[descriptions["en"]] = descriptions[code]
                    self.translate(source, code, strings)

    # --- home page and listings --------------------------------------------------------------

    def load_site_pages(self):
        data = read_demo_file("site.toml")
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=self.locales["en"]).first()
        if home is None:
            # Wagtail's starter "Welcome" page makes way for the hub's home page.
            root.get_children().not_type(HomePage).delete()
            texts = data["home"]["en"]
            home = root.add_child(
                instance=HomePage(
                    title=texts["title"],
                    slug="home",
                    tagline=texts["tagline"],
                    introduction=texts["introduction"],
                    story=rich_text(texts["story"]),
                    locale=self.locales["en"],
                )
            )
            home.save_revision(user=self.users[ADMIN_USERNAME]).publish()
            self.created += 1
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title},
        )

        listings = [
            (PracticeIndexPage, "practices"),
            (MaterialIndexPage, "materials"),
            (WorkshopIndexPage, "workshops"),
            (LearningPathIndexPage, "paths"),
            (OrganisationIndexPage, "organisations"),
        ]
        for model, key in listings:
            if not model.objects.child_of(home).exists():
                texts = data[key]["en"]
                page = home.add_child(
                    instance=model(title=texts["title"], slug=key, intro=rich_text(texts["intro"]))
                )
                page.save_revision(user=self.users[ADMIN_USERNAME]).publish()
                self.created += 1

        for code in self.progress.step("languages", [code for code in self.locales if code != "en"]):
            home_texts = data["home"]
            strings = {
                home_texts["en"]["title"]: home_texts[code]["title"],
                home_texts["en"]["tagline"]: home_texts[code]["tagline"],
                home_texts["en"]["introduction"]: home_texts[code]["introduction"],
                **string_pairs(home_texts["en"]["story"], home_texts[code]["story"], is_rich_text=True),
            }
            self.translate(home, code, strings, user=self.users[ADMIN_USERNAME])
            for model, key in listings:
                texts = data[key]
                strings = {
                    texts["en"]["title"]: texts[code]["title"],
                    **string_pairs(texts["en"]["intro"], texts[code]["intro"], is_rich_text=True),
                }
                self.translate(
                    model.objects.child_of(home).get(), code, strings, user=self.users[ADMIN_USERNAME]
                )
        return home

    # --- organisations -----------------------------------------------------------------------

    def load_organisations(self):
        self.organisations = {}
        self.profiles = {}
        self.editors = {}
        index = OrganisationIndexPage.objects.child_of(self.home).get()
        countries = {country.slug: country for country in Country.objects.filter(locale=self.locales["en"])}
        themes = {theme.slug: theme for theme in Theme.objects.filter(locale=self.locales["en"])}
        for data in self.progress.step("organisations", read_demo_file("organisations.toml")["organisation"]):
            source_code = data["source_locale"]
            source_locale = self.locales[source_code]
            organisation = Organisation.objects.filter(slug=data["slug"], locale=source_locale).first()
            if organisation is None:
                organisation = Organisation.objects.create(
                    slug=data["slug"],
                    locale=source_locale,
                    name=data["name"][source_code],
                    city=data["city"][source_code],
                    description=data["description"][source_code],
                    country=countries[data["country"].lower()],
                    website=data.get("website", ""),
                    email=data.get("email", ""),
                    show_email=data.get("show_email", True),
                    enquiries_email=data.get("enquiries_email", ""),
                    founding_member=data["founding_member"],
                    year_joined=data["year_joined"],
                    logo=self.image(
                        f"Logo: {data['name']['en']}", logo_png(data["slug"]), shared_collection()
                    ),
                )
                organisation.themes.set([themes[slug] for slug in data["themes"]])
                organisation.save()
                self.created += 1
            for code in self.locales:
                if code != source_code:
                    strings = {
                        data[field][source_code]: data[field][code]
                        for field in ("name", "city", "description")
                    }
                    self.translate(organisation, code, strings)

            profile = OrganisationPage.objects.filter(organisation=organisation).first()
            source_index = index.get_translation(source_locale)
            if profile is None:
                profile = source_index.add_child(
                    instance=OrganisationPage(
                        title=organisation.name, slug=organisation.slug, organisation=organisation
                    )
                )
                profile.save_revision(user=self.users[ADMIN_USERNAME]).publish()
                self.created += 1
            for code in self.locales:
                if code != source_code:
                    strings = {
                        data["name"][source_code]: data["name"][code],
                        organisation.slug: organisation.slug,
                    }
                    self.translate(profile, code, strings, user=self.users[ADMIN_USERNAME])
            self.organisations[data["slug"]] = organisation
            self.profiles[data["slug"]] = profile
            self.editors[data["slug"]] = self.editor_for(organisation, profile)

    # --- images and documents ----------------------------------------------------------------

    def image(self, title, content, collection, description=""):
        image = Image.objects.filter(title=title).first()
        if image is None:
            name = hashlib.sha256(title.encode()).hexdigest()[:12]
            image = Image(
                title=title,
                file=ImageFile(io.BytesIO(content), name=f"{name}.png"),
                collection=collection,
                description=description,
            )
            image.save()
        return image

    def scene_image(self, data, title, collection):
        """The picture of the item ``data`` (its ``scene``, drawn for its slug), described in the
        item's own language; the same alt text starts its page's (``scene_strings``). Its renditions
        are made with it, so the demo's first readers (and every test) find them ready."""
        alt = self.scenes[data["scene"]][data["source_locale"]]
        image = self.image(title[:255], scene_png(data["scene"], data["slug"]), collection, alt)
        image.get_renditions(*RENDITIONS)
        return image, alt

    def scene_strings(self, data, code):
        """The alt text of the item's picture, source → ``code``, for its translation."""
        alt = self.scenes[data["scene"]]
        return {alt[data["source_locale"]]: alt[code]}

    def document(self, title, filename, content, organisation):
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, collection=organisation_collection(organisation))
            document.file.save(filename, ContentFile(content), save=False)
            document.save()
        return document

    # --- workflow ----------------------------------------------------------------------------

    def submit_and_approve(self, page, editor):
        """The path of every real submission: editor submits, the moderator approves, it goes live."""
        page = page.specific
        workflow_state = self.workflow.start(page, editor)
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, self.users[MODERATOR_USERNAME], "approve")

    def create_knowledge_page(self, parent, page, editor):
        page.live = False
        page.owner = editor
        parent.add_child(instance=page)
        page.save_revision(user=editor)
        self.submit_and_approve(page, editor)
        self.created += 1
        return page

    # --- training materials ------------------------------------------------------------------

    def load_materials(self):
        self.materials = {}
        formats = {term.slug: term for term in MaterialFormat.objects.filter(locale=self.locales["en"])}
        themes = {term.slug: term for term in Theme.objects.filter(locale=self.locales["en"])}
        for data in self.progress.step("materials", read_demo_file("materials.toml")["material"]):
            source_code = data["source_locale"]
            content = data["content"]
            source = content[source_code]
            profile = self.profiles[data["organisation"]].get_translation(self.locales[source_code])
            editor = self.editors[data["organisation"]]
            page = TrainingMaterialPage.objects.filter(
                slug=data["slug"], locale=self.locales[source_code]
            ).first()
            if page is None:
                pdf = pdf_document(
                    source["title"],
                    [source["summary"], *paragraphs(source["description"]), *source["learning_outcomes"]],
                    footer=f"{', '.join(data['authors'])} · {data['licence']}",
                    language=bcp47(source_code),
                )
                document = self.document(
                    source["title"], f"{data['slug']}.pdf", pdf, self.organisations[data["organisation"]]
                )
                image, alt = self.scene_image(
                    data, source["title"], organisation_collection(self.organisations[data["organisation"]])
                )
                page = TrainingMaterialPage(
                    title=source["title"],
                    slug=data["slug"],
                    summary=source["summary"],
                    image=image,
                    image_alt=alt,
                    audience=source["audience"],
                    description=rich_text(source["description"]),
                    learning_outcomes=[("outcome", outcome) for outcome in source["learning_outcomes"]],
                    material_format=formats[data["format"]],
                    level=data["level"],
                    duration_minutes=data["duration_minutes"],
                    licence=data["licence"],
                    authors=", ".join(data["authors"]),
                    published_year=data["published_year"],
                    files=[("document", {"document": document, "title": "", "description": ""})],
                )
                page.themes = [themes[slug] for slug in data["themes"]]
                page.languages = [self.locales[code] for code in data["languages"] if code in self.locales]
                page = self.create_knowledge_page(profile, page, editor)
            self.translate_knowledge_page(page, data, editor, material_strings)
            self.materials[data["slug"]] = page

    def translate_knowledge_page(self, page, data, editor, strings):
        """Translate ``page`` into each other language of the item ``data`` that it lacks, through
        review; ``strings(source, target)`` pairs the source texts with one language's translations."""
        content = data["content"]
        source_code = data["source_locale"]
        source = content[source_code]
        for code, target in content.items():
            if code == source_code or page.get_translation_or_none(self.locales[code]) is not None:
                continue
            pairs = {**strings(source, target), **self.scene_strings(data, code)}
            translated = self.translate(page, code, pairs, user=editor, publish=False)
            self.submit_and_approve(translated, editor)

    # --- good practices ----------------------------------------------------------------------

    def load_practices(self, practices):
        countries = {term.slug: term for term in Country.objects.filter(locale=self.locales["en"])}
        themes = {term.slug: term for term in Theme.objects.filter(locale=self.locales["en"])}
        for data in self.progress.step("practices", practices):
            source_code = data["source_locale"]
            content = data["content"]
            source = content[source_code]
            organisation = self.organisations[data["organisation"]]
            profile = self.profiles[data["organisation"]].get_translation(self.locales[source_code])
            editor = self.editors[data["organisation"]]
            page = GoodPracticePage.objects.filter(
                slug=data["slug"], locale=self.locales[source_code]
            ).first()
            if page is None:
                image, alt = self.scene_image(data, source["title"], organisation_collection(organisation))
                media = []
                if organisation.website:
                    media.append(
                        ("link", {"url": organisation.website, "title": organisation.name, "description": ""})
                    )
                page = GoodPracticePage(
                    title=source["title"],
                    slug=data["slug"],
                    summary=source["summary"],
                    image=image,
                    image_alt=alt,
                    start_year=data["start_year"],
                    end_year=data.get("end_year"),
                    budget_range=data["budget_range"],
                    team_size=source["team"],
                    funding_sources=source["funding"],
                    contact=source["contact"],
                    featured=data.get("featured", False),
                    media=media,
                    **{section: rich_text(source[section]) for section in PRACTICE_SECTIONS},
                )
                page.themes = [themes[slug] for slug in data["themes"]]
                page.countries = [countries[code.lower()] for code in data["countries"]]
                page.partners = [self.organisations[slug] for slug in data.get("partners", [])]
                page.related_materials = [
                    PracticeRelatedMaterial(material=self.materials[slug])
                    for slug in data.get("related_materials", [])
                    if slug in self.materials
                ]
                page = self.create_knowledge_page(profile, page, editor)
            self.translate_knowledge_page(page, data, editor, practice_strings)
            self.practices[data["slug"]] = page

    # --- workshops and learning paths --------------------------------------------------------

    def load_trainers(self, trainers):
        group = ensure_trainers(
            WorkshopIndexPage.objects.child_of(self.home).get(),
            LearningPathIndexPage.objects.child_of(self.home).get(),
        )
        User = get_user_model()
        self.trainers = {}
        self.trainer_organisations = {}
        for data in trainers:
            user, created = User.objects.get_or_create(
                username=data["username"],
                defaults={
                    "email": f"{data['username']}@kooperativa.example",
                    "first_name": data["first_name"],
                    "last_name": data["last_name"],
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(group)
            self.trainers[data["username"]] = user
            self.trainer_organisations[data["username"]] = self.organisations[data["organisation"]]

    def linked_page(self, reference):
        kind, slug = reference.split(":", 1)
        return {"material": self.materials, "practice": self.practices, "workshop": self.workshops}[kind][
            slug
        ]

    def session_items(self, session, texts, source_code):
        items = [
            (reference.split(":", 1)[0], {"page": self.linked_page(reference), "note": ""})
            for reference in session["items"]
        ]
        if session.get("handout"):
            title = texts["title"]
            pdf = pdf_document(
                title,
                [texts["description"]],
                footer="Kooperativa · workshop handout",
                language=bcp47(source_code),
            )
            name = hashlib.sha256(f"{source_code}:{title}".encode()).hexdigest()[:10]
            document = Document.objects.filter(title=title, collection=handouts_collection()).first()
            if document is None:
                document = Document(title=title, collection=handouts_collection())
                document.file.save(f"handout-{name}.pdf", ContentFile(pdf), save=False)
                document.save()
            items.append(("handout", {"document": document, "title": title, "description": ""}))
        for link in session.get("links", []):
            items.append(("link", {"url": link["url"], "title": link["title"], "description": ""}))
        return items

    def load_workshops(self, workshops):
        self.workshops = {}
        themes = {term.slug: term for term in Theme.objects.filter(locale=self.locales["en"])}
        index = WorkshopIndexPage.objects.child_of(self.home).get()
        for data in self.progress.step("workshops", workshops):
            source_code = data["source_locale"]
            content = data["content"]
            source = content[source_code]
            trainer = self.trainers[data["trainer"]]
            page = WorkshopPage.objects.filter(slug=data["slug"], locale=self.locales[source_code]).first()
            if page is None:
                agenda = [
                    (
                        "session",
                        {
                            "title": texts["title"],
                            "duration": session["duration"],
                            "method": session["method"],
                            "starts_new_day": session.get("new_day", False),
                            "description": rich_text(texts["description"]),
                            "items": self.session_items(session, texts, source_code),
                        },
                    )
                    for session, texts in zip(data["session"], source["sessions"], strict=True)
                ]
                organisations = [self.organisations[slug] for slug in data["facilitating_organisations"]]
                image, alt = self.scene_image(data, source["title"], handouts_collection())
                page = WorkshopPage(
                    title=source["title"],
                    slug=data["slug"],
                    summary=source["summary"],
                    image=image,
                    image_alt=alt,
                    organisation=organisations[0],
                    facilitators=data["facilitators"],
                    audience=source["audience"],
                    level=data["level"],
                    delivery=data["delivery"],
                    starts_on=data.get("starts_on"),
                    ends_on=data.get("ends_on"),
                    place=source["place"],
                    day_starts_at=datetime.time.fromisoformat(data["day_starts_at"]),
                    objectives=[("outcome", objective) for objective in source["objectives"]],
                    agenda=agenda,
                )
                page.partners = organisations[1:]
                page.themes = [themes[slug] for slug in data["themes"]]
                page = self.create_knowledge_page(
                    index.get_translation(self.locales[source_code]), page, trainer
                )
            self.translate_knowledge_page(page, data, trainer, workshop_strings)
            self.workshops[data["slug"]] = page

    def load_paths(self, paths):
        themes = {term.slug: term for term in Theme.objects.filter(locale=self.locales["en"])}
        index = LearningPathIndexPage.objects.child_of(self.home).get()
        for data in self.progress.step("learning paths", paths):
            source_code = data["source_locale"]
            content = data["content"]
            source = content[source_code]
            trainer = self.trainers[data["trainer"]]
            page = LearningPathPage.objects.filter(
                slug=data["slug"], locale=self.locales[source_code]
            ).first()
            if page is None:
                image, alt = self.scene_image(data, source["title"], handouts_collection())
                page = LearningPathPage(
                    title=source["title"],
                    slug=data["slug"],
                    summary=source["summary"],
                    image=image,
                    image_alt=alt,
                    organisation=self.trainer_organisations[data["trainer"]],
                    compiled_by=trainer.get_full_name(),
                    steps=[
                        ("step", {"page": self.linked_page(reference), "note": note})
                        for reference, note in zip(data["steps"], source["notes"], strict=True)
                    ],
                )
                page.themes = [themes[slug] for slug in data["themes"]]
                page = self.create_knowledge_page(
                    index.get_translation(self.locales[source_code]), page, trainer
                )
            self.translate_knowledge_page(page, data, trainer, path_strings)

    # --- dates -------------------------------------------------------------------------------

    def set_publication_dates(self):
        """Spread publication and review dates in a fixed order, so that 'latest' means something:
        practices and materials over 2024-2026, workshops and paths (added later) from autumn 2025."""
        self.spread_publication_dates([GoodPracticePage, TrainingMaterialPage], PUBLICATION_START, 900)
        self.spread_publication_dates([WorkshopPage, LearningPathPage], WORKSHOPS_PUBLICATION_START, 360)

    def spread_publication_dates(self, models, start, days):
        pages = list(Page.objects.type(*models).order_by("translation_key", "pk"))
        now = timezone.now()
        for number, page in enumerate(pages):
            published = min(start + datetime.timedelta(days=number * 3 % days, hours=number % 7), now)
            Page.objects.filter(pk=page.pk).update(
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
            )
            TaskState.objects.filter(
                workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED
            ).update(started_at=published, finished_at=published)
