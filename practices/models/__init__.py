from .organisations import Organisation, OrganisationIndexPage, OrganisationPage
from .pages import (
    GoodPracticePage,
    MaterialIndexPage,
    PracticeIndexPage,
    PracticeRelatedMaterial,
    TrainingMaterialPage,
)
from .taxonomy import Country, MaterialFormat, Theme
from .workshops import LearningPathIndexPage, LearningPathPage, WorkshopIndexPage, WorkshopPage

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
