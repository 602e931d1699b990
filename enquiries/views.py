from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from practices.models import GoodPracticePage, TrainingMaterialPage

from .delivery import send_enquiry
from .forms import EnquiryForm
from .models import Enquiry
from .protection import count_sent, rate_limited

ASKABLE_PAGE_TYPES = (GoodPracticePage, TrainingMaterialPage)


def askable_page(page_id):
    """The live, public practice or material with this id whose organisation takes enquiries."""
    page = Page.objects.live().public().type(*ASKABLE_PAGE_TYPES).filter(pk=page_id).specific().first()
    if page is None or page.organisation is None or not page.organisation.enquiry_address:
        raise Http404
    return page


def ask(request, page_id):
    """The "Ask about this practice" form on its own: shown again with its errors, or sent."""
    page = askable_page(page_id)
    status = 200
    if request.method == "POST":
        form = EnquiryForm(request.POST, page_id=page.pk)
        if rate_limited(request):
            form.is_valid()
            form.add_error(None, _("You have sent several messages in a short time. Please try again later."))
            status = 429
        elif form.is_valid():
            enquiry = Enquiry.objects.create(
                page=page,
                page_title=page.title,
                organisation=page.organisation,
                sender_name=form.cleaned_data["name"],
                sender_email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                language=get_language(),
            )
            count_sent(request)
            send_enquiry(enquiry, page.full_url)
            return redirect("enquiries:thanks", page_id=page.pk)
        else:
            status = 400
    else:
        form = EnquiryForm(page_id=page.pk)
    return TemplateResponse(
        request,
        "enquiries/ask.html",
        {"asked_about": page, "form": form, "organisation": page.organisation.localized, **notice_context()},
        status=status,
    )


def thanks(request, page_id):
    page = askable_page(page_id)
    return TemplateResponse(
        request, "enquiries/thanks.html", {"asked_about": page, "organisation": page.organisation.localized}
    )


def notice_context():
    return {"retention_days": settings.ENQUIRY_RETENTION_DAYS}
