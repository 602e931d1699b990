"""What the translation editor offers someone who may translate a page but not publish it."""

from django import template

from ..admin_views import can_submit_translation, translation_of

register = template.Library()


@register.simple_tag
def translation_review(page, user):
    """Whether ``user`` may submit this translation for review, or it is already waiting for the
    review, and the review workflow's name."""
    workflow = page.get_workflow()
    may_publish = page.permissions_for_user(user).can_publish()
    return {
        "can_submit": translation_of(page) is not None and can_submit_translation(page, user),
        "waiting": page.workflow_in_progress and not may_publish,
        "workflow_name": workflow.name if workflow else "",
    }
