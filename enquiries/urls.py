from django.urls import path

from . import views

app_name = "enquiries"

urlpatterns = [
    path("<int:page_id>/", views.ask, name="ask"),
    path("<int:page_id>/thanks/", views.thanks, name="thanks"),
]
