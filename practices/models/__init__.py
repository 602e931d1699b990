from .listings import (
    LearningPathIndexPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    PracticeIndexPage,
    WorkshopIndexPage,
)
from .organisations import Organisation, OrganisationPage
from .pages import GoodPracticePage, PracticeRelatedMaterial, TrainingMaterialPage
from .paths import LearningPathPage
from .taxonomy import Country, MaterialFormat, Theme
from .workshops import WorkshopPage

__all__ = [
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
