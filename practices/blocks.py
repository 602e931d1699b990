"""Blocks of the hub's stream fields: media of practices and materials, workshop agendas, paths."""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from .choices import SessionMethod

MIN_SESSION_MINUTES = 5
MAX_SESSION_MINUTES = 480
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


class StrictStreamBlock(blocks.StreamBlock):
    """Wagtail's StreamBlock, which answers a malformed edit form with a 400 instead of a 500.

    Wagtail's editor always posts ``<prefix>-count`` and each child's ``-type``, ``-order`` and
    ``-deleted``; Wagtail reads them with ``data[...]`` and ``int()``, so a form without them (a
    script, a truncated request) raised KeyError or ValueError. Such a form is no edit to report
    errors on: it is a bad request.
    """

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError) as error:
            raise BadRequest(f"Malformed stream field data under “{prefix}”") from error


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/figure.html"
        label = _("Image")
        description = _("A photograph or illustration with an optional caption.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("Address of the video, e.g. on YouTube or Vimeo."))
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "components/blocks/video.html"
        label = _("Video")
        description = _("An embedded video from a public video platform.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Leave empty to use the document's title.")
    )
    description = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document.html"
        label = _("Attachment")
        description = _("A file readers can download: a report, handout, budget template.")


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock()
    title = blocks.CharBlock(max_length=200)
    description = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "link"
        template = "components/blocks/external_link.html"
        label = _("External link")
        description = _("A link to a website, publication or recording elsewhere.")
        preview_value = {
            "url": "https://kooperativa.example/",
            "title": "Kooperativa – Regional Platform for Culture",
            "description": "The network's own website.",
        }


class MediaStreamBlock(StrictStreamBlock):
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    link = ExternalLinkBlock()


class LearningOutcomesBlock(StrictStreamBlock):
    outcome = blocks.CharBlock(
        max_length=300,
        label=_("Learning outcome"),
        help_text=_("One thing a participant can do afterwards, e.g. 'draft a one-year budget'."),
    )

    class Meta:
        icon = "tick"


# --- workshops and learning paths ------------------------------------------------------------


def hub_page_block(page_type, label, icon):
    """A page of the hub used in a session, with a note on how the session uses it."""
    return blocks.StructBlock(
        [
            ("page", blocks.PageChooserBlock(page_type=page_type)),
            (
                "note",
                blocks.CharBlock(
                    required=False, max_length=300, help_text=_("How the session uses it (optional).")
                ),
            ),
        ],
        label=label,
        icon=icon,
    )


class SessionItemsBlock(StrictStreamBlock):
    material = hub_page_block("practices.TrainingMaterialPage", _("Training material"), "doc-full-inverse")
    practice = hub_page_block("practices.GoodPracticePage", _("Good practice"), "tick-inverse")
    handout = DocumentBlock(label=_("Handout"))
    link = ExternalLinkBlock()


class SessionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    duration = blocks.IntegerBlock(
        min_value=MIN_SESSION_MINUTES,
        max_value=MAX_SESSION_MINUTES,
        label=_("Duration in minutes"),
        help_text=_("Between 5 and 480 minutes; start times are computed from the durations."),
    )
    method = blocks.ChoiceBlock(choices=SessionMethod.choices, default=SessionMethod.INPUT)
    starts_new_day = blocks.BooleanBlock(
        required=False, label=_("Starts a new day"), help_text=_("The agenda's next day begins here.")
    )
    description = blocks.RichTextBlock(required=False, features=["bold", "italic", "ol", "ul", "link"])
    items = SessionItemsBlock(
        required=False,
        label=_("What the session uses"),
        help_text=_("Materials and practices from the hub, handouts to print, links."),
    )

    class Meta:
        icon = "time"
        label = _("Session")


class AgendaBlock(StrictStreamBlock):
    session = SessionBlock()

    class Meta:
        max_num = 40


class PathStepBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type=["practices.TrainingMaterialPage", "practices.GoodPracticePage", "practices.WorkshopPage"],
        help_text=_("A training material, good practice or workshop."),
    )
    note = blocks.TextBlock(
        max_length=500, help_text=_("Why this step, and what to look for in it (one or two sentences).")
    )

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class PathStepsBlock(StrictStreamBlock):
    step = PathStepBlock()

    class Meta:
        min_num = 2
        max_num = 30
