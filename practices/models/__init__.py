from .listings import (
    LISTINGS_BY_KIND,
    LearningPathIndexPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    PracticeIndexPage,
    WorkshopIndexPage,
    listing_kind,
)
from .organisations import Organisation, OrganisationPage
from .pages import GoodPracticePage, PracticeRelatedMaterial, TrainingMaterialPage
from .paths import LearningPathPage
from .taxonomy import Country, MaterialFormat, Theme
from .workshops import WorkshopPage

__all__ = [
    "LISTINGS_BY_KIND",
    "listing_kind",
    "Country",
    "GoodPracticePage",
    "LearningPathIndexPage",
    "LearningPathPage",
    "MaterialFormat",
    "MaterialIndexPage",
    "Organisation",
    "OrganisationIndexPage",
    "OrganisationPage",
    "PracticeIndexPage",
    "PracticeRelatedMaterial",
    "Theme",
    "TrainingMaterialPage",
    "WorkshopIndexPage",
    "WorkshopPage",
]
