"""A workshop's agenda: start times computed from the durations, days that restart, and what an
agenda may not be."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from practices.agenda import agenda_slots
from practices.models import WorkshopPage
from tests.factories import (
    GoodPracticePageFactory,
    LearningPathPageFactory,
    TrainingMaterialPageFactory,
    WorkshopPageFactory,
    agenda,
    session,
)


def test_start_times_follow_durations_and_days_restart():
    slots = agenda_slots(
        agenda(
            session("Welcome", 30),
            session("Coffee", 15, "break"),
            session("Budget exercise", 60, "exercise"),
            session("Day two opening", 45, "group-work", new_day=True),
            session("Closing", 20, "plenary"),
        ),
        datetime.time(9, 30),
    )
    assert [(slot.day, f"{slot.starts:%H:%M}", f"{slot.ends:%H:%M}") for slot in slots] == [
        (1, "09:30", "10:00"),
        (1, "10:00", "10:15"),
        (1, "10:15", "11:15"),
        (2, "09:30", "10:15"),
        (2, "10:15", "10:35"),
    ]
    assert [slot.is_break for slot in slots] == [False, True, False, False, False]


@pytest.mark.parametrize("minutes", [0, -10, 4, 481, 10**6])
def test_durations_outside_five_minutes_to_eight_hours_are_refused(minutes):
    block = WorkshopPage._meta.get_field("agenda").stream_block
    with pytest.raises(ValidationError):
        block.clean(agenda(session("Too long or too short", minutes)))


@pytest.mark.django_db
def test_a_day_may_not_run_past_midnight():
    workshop = WorkshopPageFactory()
    workshop.day_starts_at = datetime.time(20, 0)
    workshop.agenda = agenda(session("Evening", 240), session("Night", 61))
    with pytest.raises(ValidationError) as error:
        workshop.clean()
    assert "agenda" in error.value.message_dict
    workshop.agenda = agenda(session("Evening", 240), session("Next morning", 61, new_day=True))
    workshop.clean()


@pytest.mark.django_db
def test_the_last_day_may_not_come_before_the_first():
    workshop = WorkshopPageFactory(starts_on=datetime.date(2027, 3, 19))
    workshop.ends_on = workshop.starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        workshop.clean()
    assert "ends_on" in error.value.message_dict


@pytest.mark.django_db
def test_a_path_step_is_labelled_by_what_it_links_to():
    linked = [TrainingMaterialPageFactory(), GoodPracticePageFactory(), WorkshopPageFactory()]
    path = LearningPathPageFactory(steps=[("step", {"page": page, "note": "Read it"}) for page in linked])
    path = type(path).objects.get(pk=path.pk)
    assert [step.item.kind_label for step in path.path_steps] == [
        "Training material",
        "Good practice",
        "Workshop",
    ]
