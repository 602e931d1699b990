"""schema.org descriptions (JSON-LD) of the hub's detail pages, as dictionaries.

Practices are ``Article``s, training materials ``LearningResource``s, dated workshops ``Event``s
(a workshop anyone can run, with no dates, is a ``LearningResource``: its agenda is the resource),
learning paths ``Course``s and organisation profiles ``Organization``s. Terms (themes, countries)
and organisations are named in the page's language where they are translated.
"""

from django.conf import settings
from django.utils.translation import gettext

from home.templatetags.hub_tags import licence_url
from practices.choices import Delivery
from practices.models import (
    GoodPracticePage,
    LearningPathPage,
    OrganisationPage,
    TrainingMaterialPage,
    WorkshopPage,
)
from practices.vocabularies import versions_in

from .languages import hreflang

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    Delivery.IN_PERSON: "OfflineEventAttendanceMode",
    Delivery.ONLINE: "OnlineEventAttendanceMode",
    Delivery.HYBRID: "MixedEventAttendanceMode",
}


def structured_data(page, metadata):
    """The JSON-LD of a detail page (``metadata`` is its ``PageMetadata``), or None for other pages."""
    for page_type, describe in DESCRIPTIONS:
        if isinstance(page, page_type):
            return {"@context": "https://schema.org", **describe(page, metadata)}
    return None


def in_language(terms, locale):
    """Each of ``terms`` (translatable snippets in any locale) in ``locale``, else in the default
    language, else as it is: from the vocabularies every page reads (``versions_in``), no query."""
    if not terms:
        return []
    model = terms[0]._meta.concrete_model
    wanted, default = versions_in(model, locale.language_code), versions_in(model, settings.LANGUAGE_CODE)
    return [wanted.get(term.translation_key) or default.get(term.translation_key) or term for term in terms]


def iso_duration(minutes):
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


def _creative_work(page, metadata, schema_type):
    data = {
        "@type": schema_type,
        "name": page.title,
        "url": metadata.url,
        "inLanguage": hreflang(page.locale.language_code),
        "description": page.summary,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if metadata.image:
        data["image"] = _image(metadata)
    themes = in_language(page.themes.all(), page.locale)
    if themes:
        data["about"] = [{"@type": "Thing", "name": theme.name} for theme in themes]
    return data


def _image(metadata):
    return {
        "@type": "ImageObject",
        "contentUrl": metadata.image_url,
        "width": metadata.image.width,
        "height": metadata.image.height,
        "caption": metadata.image_alt,
    }


def _organisation(organisation, url=""):
    data = {"@type": "Organization", "name": organisation.name}
    if url:
        data["url"] = url
    if organisation.website:
        data["sameAs"] = organisation.website
    return data


def _network():
    return {"@type": "Organization", "name": gettext("Kooperativa – Regional Platform for Culture")}


def _add_owner(data, page, metadata):
    """The organisation behind a practice or material, with its profile page (the page's parent), as
    its author; the network as its publisher."""
    if page.organisation is not None:
        organisation = in_language([page.organisation], page.locale)[0]
        # The profile page is the page's parent, whose address is the page's without its slug.
        profile_url = metadata.url.removesuffix(f"{page.slug}/")
        data["author"] = _organisation(organisation, profile_url)
    data["publisher"] = _network()


def _organisers(organisations, page, metadata):
    """``organisations`` (in the page's language) with their profile pages, in one query: the
    profile in the page's language, else any."""
    keys = [organisation.translation_key for organisation in organisations]
    profiles = {}
    for profile in (
        OrganisationPage.objects.live()
        .public()
        .filter(organisation__translation_key__in=keys)
        .select_related("organisation")
        .order_by("pk")
    ):
        key = profile.organisation.translation_key
        if key not in profiles or profile.locale_id == page.locale_id:
            profiles[key] = profile
    return [
        _organisation(organisation, metadata.url_of(profiles[organisation.translation_key]))
        if organisation.translation_key in profiles
        else _organisation(organisation)
        for organisation in organisations
    ]


def _audience(text):
    return {"@type": "Audience", "audienceType": text}


def practice(page, metadata):
    data = _creative_work(page, metadata, "Article")
    data["headline"] = page.title
    _add_owner(data, page, metadata)
    countries = in_language(page.countries.all(), page.locale)
    if countries:
        data["spatialCoverage"] = [{"@type": "Country", "name": country.name} for country in countries]
    data["temporalCoverage"] = f"{page.start_year}/{page.end_year or '..'}"
    return data


def material(page, metadata):
    data = _creative_work(page, metadata, "LearningResource")
    _add_owner(data, page, metadata)
    data["educationalLevel"] = page.get_level_display()
    data["timeRequired"] = iso_duration(page.duration_minutes)
    data["learningResourceType"] = in_language([page.material_format], page.locale)[0].name
    data["audience"] = _audience(page.audience)
    data["teaches"] = [block.value for block in page.learning_outcomes]
    data["copyrightYear"] = page.published_year
    if licence_url(page.licence):
        data["license"] = licence_url(page.licence)
    return data


def workshop(page, metadata):
    if page.starts_on is None:
        return _workshop_to_run(page, metadata)
    data = _creative_work(page, metadata, "Event")
    data.pop("datePublished", None)
    data.pop("dateModified", None)
    data["startDate"] = page.starts_on.isoformat()
    data["endDate"] = (page.ends_on or page.starts_on).isoformat()
    data["eventStatus"] = SCHEMA + "EventScheduled"
    data["eventAttendanceMode"] = SCHEMA + ATTENDANCE_MODES.get(page.delivery, "OfflineEventAttendanceMode")
    data["location"] = _workshop_location(page, metadata)
    organisers = in_language([page.organisation, *page.partners.all()], page.locale)
    data["organizer"] = _organisers(organisers, page, metadata)
    data["audience"] = _audience(page.audience)
    return data


def _workshop_location(page, metadata):
    online = {"@type": "VirtualLocation", "url": metadata.url}
    if page.delivery == Delivery.ONLINE:
        return online
    place = {"@type": "Place", "name": page.place or page.title}
    return [place, online] if page.delivery == Delivery.HYBRID else place


def _workshop_to_run(page, metadata):
    data = _creative_work(page, metadata, "LearningResource")
    data["learningResourceType"] = gettext("Workshop")
    data["educationalLevel"] = page.get_level_display()
    if page.total_minutes:
        data["timeRequired"] = iso_duration(page.total_minutes)
    data["audience"] = _audience(page.audience)
    data["teaches"] = [block.value for block in page.objectives]
    data["author"] = _organisers(in_language([page.organisation], page.locale), page, metadata)[0]
    return data


def learning_path(page, metadata):
    data = _creative_work(page, metadata, "Course")
    data["provider"] = _organisers(in_language([page.organisation], page.locale), page, metadata)[0]
    if page.total_minutes:
        data["timeRequired"] = iso_duration(page.total_minutes)
    data["hasPart"] = [
        {
            "@type": "CreativeWork",
            "position": step.number,
            "name": step.item.title,
            "url": metadata.url_of(step.item.page),
            "inLanguage": hreflang(step.item.page.locale.language_code),
        }
        for step in page.path_steps
        if step.item.available
    ]
    return data


def organisation(page, metadata):
    organisation = in_language([page.organisation], page.locale)[0]
    country = in_language([organisation.country], page.locale)[0]
    data = _organisation(organisation, metadata.url)
    data["description"] = organisation.description
    data["address"] = {
        "@type": "PostalAddress",
        "addressLocality": organisation.city,
        "addressCountry": country.name,
    }
    data["memberOf"] = _network()
    if organisation.logo:
        rendition = metadata.rendition(organisation.logo, "max-160x160")
        if rendition:
            data["logo"] = metadata.absolute(rendition.url)
    return data


DESCRIPTIONS = [
    (GoodPracticePage, practice),
    (TrainingMaterialPage, material),
    (WorkshopPage, workshop),
    (LearningPathPage, learning_path),
    (OrganisationPage, organisation),
]
