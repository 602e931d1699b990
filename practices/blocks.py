"""Blocks of the media stream shared by good practices and training materials."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


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


class MediaStreamBlock(blocks.StreamBlock):
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    link = ExternalLinkBlock()


class LearningOutcomesBlock(blocks.StreamBlock):
    outcome = blocks.CharBlock(
        max_length=300,
        label=_("Learning outcome"),
        help_text=_("One thing a participant can do afterwards, e.g. 'draft a one-year budget'."),
    )

    class Meta:
        icon = "tick"
