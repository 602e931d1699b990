from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .protection import seconds_since_shown


class EnquiryForm(forms.Form):
    """A visitor's message to the organisation behind a page, with the traps for robots: ``homepage``
    is hidden from people (by the stylesheet), so whoever fills it in is a program; ``shown`` is the
    signed moment the form was shown."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("The organisation replies to this address."),
    )
    message = forms.CharField(
        label=_("Your question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    consent = forms.BooleanField(
        label=_("I agree that the hub stores my message as the privacy notice above describes."),
        error_messages={"required": _("Please agree to the privacy notice, or the message cannot be sent.")},
    )
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)
    shown = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form did not come from this page. Please send your message again.")
        },
    )

    def __init__(self, *args, page_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_id = page_id
        for name in ("name", "email", "message"):
            self.fields[name].widget.attrs["class"] = "field__control"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean(self):
        cleaned_data = super().clean()
        # A form error, not the field's: the field is out of sight, and so would its error be.
        if cleaned_data.get("homepage"):
            raise ValidationError(_("Your message could not be sent."), code="honeypot")
        return cleaned_data

    def clean_shown(self):
        seconds = seconds_since_shown(self.cleaned_data["shown"], self.page_id)
        if seconds is None:
            raise ValidationError(
                _("This form did not come from this page. Please send your message again."), code="forged"
            )
        if seconds < settings.ENQUIRY_MIN_SECONDS:
            raise ValidationError(
                _("That was sent faster than anyone can write. Please wait a few seconds and send it again."),
                code="too_fast",
            )
        if seconds > settings.ENQUIRY_FORM_MAX_AGE_HOURS * 3600:
            raise ValidationError(
                _("This form was opened too long ago. Please send your message again."), code="too_old"
            )
        return self.cleaned_data["shown"]
