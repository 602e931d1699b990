"""Factories for unit tests: the few objects a test needs, instead of the whole demo content.

Every page factory creates its page in the tree, under a parent of the right type that it
creates too unless one is given (``GoodPracticePageFactory(parent=profile)``), so a test builds
only what it names. In a whole run the demo content is in the same database: every name, slug
and username made here carries a ``unit`` prefix and a sequence number, and never meets the
demo's. Free text comes from Faker, drawn anew for each object.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from faker import Faker
from wagtail.models import Locale, Page

from home.models import HomePage
from practices import roles
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
    Theme,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)

PASSWORD = "unit-test-password"  # noqa: S105 - a test database's only
fake = Faker()


def locale(language_code):
    """One of the nine content languages (the migrations create them)."""
    return Locale.objects.get(language_code=language_code)


def rich_text():
    return factory.LazyFunction(lambda: f"<p>{fake.paragraph()}</p>")


def one(subfactory):
    """A many-to-many value holding one new object (the relation is required on the page)."""
    return factory.LazyFunction(lambda: [subfactory()])


# --- taxonomies and organisations --------------------------------------------------------------


class TaxonomyFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)
    description = factory.Faker("sentence")


class ThemeFactory(TaxonomyFactory):
    name = factory.Sequence(lambda n: f"Unit theme {n}")
    slug = factory.Sequence(lambda n: f"unit-theme-{n}")

    class Meta:
        model = Theme


class CountryFactory(TaxonomyFactory):
    name = factory.Sequence(lambda n: f"Unit country {n}")
    slug = factory.Sequence(lambda n: f"unit-country-{n}")

    class Meta:
        model = Country


class MaterialFormatFactory(TaxonomyFactory):
    name = factory.Sequence(lambda n: f"Unit format {n}")
    slug = factory.Sequence(lambda n: f"unit-format-{n}")

    class Meta:
        model = MaterialFormat


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Unit organisation {n}")
    slug = factory.Sequence(lambda n: f"unit-organisation-{n}")
    locale = factory.LazyFunction(Locale.get_default)
    country = factory.SubFactory(CountryFactory)
    city = factory.Faker("city")
    description = factory.Faker("sentence")
    year_joined = 2020

    class Meta:
        model = Organisation


class ImageFactory(wagtail_factories.ImageFactory):
    """A 1200 × 675 picture with a description (what Wagtail's image form calls the alt text)."""

    title = factory.Sequence(lambda n: f"Unit image {n}")
    file = factory.django.ImageField(width=1200, height=675, color="teal")
    description = factory.Faker("sentence")


# --- the home page and its listings ------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page under the root, in the default language. ``listings=True`` gives it the five
    listing pages a real home page has."""

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = factory.Sequence(lambda n: f"Unit home {n}")
    slug = factory.Sequence(lambda n: f"unit-home-{n}")
    tagline = factory.Faker("sentence")
    introduction = factory.Faker("paragraph")
    story = rich_text()

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    @factory.post_generation
    def listings(home, create, extracted, **kwargs):
        if create and extracted:
            for listing_factory in LISTING_FACTORIES:
                listing_factory(parent=home)


class ListingPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(HomePageFactory)
    intro = rich_text()


class PracticeIndexPageFactory(ListingPageFactory):
    title = "Good practices"
    slug = "practices"

    class Meta:
        model = PracticeIndexPage


class MaterialIndexPageFactory(ListingPageFactory):
    title = "Training materials"
    slug = "materials"

    class Meta:
        model = MaterialIndexPage


class WorkshopIndexPageFactory(ListingPageFactory):
    title = "Workshops"
    slug = "workshops"

    class Meta:
        model = WorkshopIndexPage


class LearningPathIndexPageFactory(ListingPageFactory):
    title = "Learning paths"
    slug = "paths"

    class Meta:
        model = LearningPathIndexPage


class OrganisationIndexPageFactory(ListingPageFactory):
    title = "Organisations"
    slug = "organisations"

    class Meta:
        model = OrganisationIndexPage


LISTING_FACTORIES = [
    PracticeIndexPageFactory,
    MaterialIndexPageFactory,
    WorkshopIndexPageFactory,
    LearningPathIndexPageFactory,
    OrganisationIndexPageFactory,
]


# --- an organisation's pages -------------------------------------------------------------------


class OrganisationPageFactory(wagtail_factories.PageFactory):
    """A member organisation's profile page. Creating it gives the organisation its editors group
    and collection, as on the site (``practices/signals.py``)."""

    parent = factory.SubFactory(OrganisationIndexPageFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.LazyAttribute(lambda page: page.organisation.name)
    slug = factory.LazyAttribute(lambda page: page.organisation.slug)

    class Meta:
        model = OrganisationPage


class KnowledgePageFactory(wagtail_factories.PageFactory):
    """A good practice or training material; its organisation is its parent's (the page's save)."""

    parent = factory.SubFactory(OrganisationPageFactory)
    summary = factory.Faker("sentence")
    themes = one(ThemeFactory)


class GoodPracticePageFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Unit practice {n}")
    slug = factory.Sequence(lambda n: f"unit-practice-{n}")
    countries = one(CountryFactory)
    start_year = 2019
    context = rich_text()
    approach = rich_text()
    results = rich_text()
    lessons = rich_text()
    transferability = rich_text()
    budget_range = "5k-20k"

    class Meta:
        model = GoodPracticePage


class TrainingMaterialPageFactory(KnowledgePageFactory):
    title = factory.Sequence(lambda n: f"Unit material {n}")
    slug = factory.Sequence(lambda n: f"unit-material-{n}")
    material_format = factory.SubFactory(MaterialFormatFactory)
    audience = factory.Faker("sentence")
    level = "introductory"
    duration_minutes = 90
    description = rich_text()
    learning_outcomes = factory.LazyFunction(lambda: [("outcome", fake.sentence())])
    languages = factory.LazyFunction(lambda: [Locale.get_default()])
    authors = factory.Faker("name")
    published_year = 2022

    class Meta:
        model = TrainingMaterialPage


# --- workshops and learning paths --------------------------------------------------------------


def session(title, minutes, method="input", new_day=False, items=()):
    """One agenda session, as the agenda's raw stream data."""
    return {
        "type": "session",
        "value": {
            "title": title,
            "duration": minutes,
            "method": method,
            "starts_new_day": new_day,
            "description": "",
            "items": list(items),
        },
    }


def agenda(*sessions):
    """An agenda as the page holds it (a stream value), from ``session(...)`` data."""
    return WorkshopPage._meta.get_field("agenda").stream_block.to_python(list(sessions))


class WorkshopPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(WorkshopIndexPageFactory)
    title = factory.Sequence(lambda n: f"Unit workshop {n}")
    slug = factory.Sequence(lambda n: f"unit-workshop-{n}")
    summary = factory.Faker("sentence")
    organisation = factory.SubFactory(OrganisationFactory)
    audience = factory.Faker("sentence")
    level = "introductory"
    delivery = "in-person"
    themes = one(ThemeFactory)
    starts_on = datetime.date(2027, 3, 19)
    place = factory.Faker("city")
    objectives = factory.LazyFunction(lambda: [("outcome", fake.sentence())])
    agenda = factory.LazyFunction(lambda: [session("Opening", 30), session("Exercise", 90, "exercise")])

    class Meta:
        model = WorkshopPage


class LearningPathPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(LearningPathIndexPageFactory)
    title = factory.Sequence(lambda n: f"Unit learning path {n}")
    slug = factory.Sequence(lambda n: f"unit-learning-path-{n}")
    summary = factory.Faker("sentence")
    organisation = factory.SubFactory(OrganisationFactory)
    themes = one(ThemeFactory)
    steps = factory.LazyFunction(
        lambda: [("step", {"page": TrainingMaterialPageFactory(), "note": fake.sentence()})]
    )

    class Meta:
        model = LearningPathPage


# --- people ------------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A user who logs in with ``PASSWORD``; ``groups=[...]`` puts them in groups."""

    username = factory.Sequence(lambda n: f"unit-user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@unit.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*extracted)


class ModeratorFactory(UserFactory):
    """A platform moderator: the moderators group, reviewer of the "Platform review" workflow."""

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            roles.ensure_review_workflow()
            user.groups.add(Group.objects.get(name=roles.MODERATORS), *(extracted or ()))


def draft_beside(page, slug, title):
    """A new draft next to ``page``: a copy of it, not live, without its revisions."""
    return page.copy(
        to=page.get_parent(),
        update_attrs={"slug": slug, "title": title},
        keep_live=False,
        copy_revisions=False,
    ).specific
