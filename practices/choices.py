"""The fixed lists editors choose from: budget ranges, levels, licences, workshop formats and
session methods."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetRange(models.TextChoices):
    UNDER_5K = "under-5k", _("under €5,000")
    FROM_5K = "5k-20k", _("€5,000–20,000")
    FROM_20K = "20k-50k", _("€20,000–50,000")
    FROM_50K = "50k-150k", _("€50,000–150,000")
    OVER_150K = "over-150k", _("over €150,000")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Licence(models.TextChoices):
    CC_BY = "CC BY 4.0", "CC BY 4.0"
    CC_BY_SA = "CC BY-SA 4.0", "CC BY-SA 4.0"
    CC_BY_NC_SA = "CC BY-NC-SA 4.0", "CC BY-NC-SA 4.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


class Delivery(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class SessionMethod(models.TextChoices):
    INPUT = "input", _("Input talk")
    EXERCISE = "exercise", _("Exercise")
    GROUP_WORK = "group-work", _("Group work")
    CASE_DISCUSSION = "case-discussion", _("Case discussion")
    PLENARY = "plenary", _("Plenary discussion")
    BREAK = "break", _("Break")
