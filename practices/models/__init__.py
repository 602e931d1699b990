from .organisations import Organisation, OrganisationIndexPage, OrganisationPage
from .pages import (
    GoodPracticePage,
    MaterialIndexPage,
    PracticeIndexPage,
    PracticeRelatedMaterial,
    TrainingMaterialPage,
)
from .taxonomy import Country, MaterialFormat, Theme

__all__ = [
    "Country",
    "GoodPracticePage",
    "MaterialFormat",
    "MaterialIndexPage",
    "Organisation",
    "OrganisationIndexPage",
    "OrganisationPage",
    "PracticeIndexPage",
    "PracticeRelatedMaterial",
    "Theme",
    "TrainingMaterialPage",
]
