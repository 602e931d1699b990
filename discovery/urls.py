from django.urls import path

from . import views

urlpatterns = [
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("sitemap-<int:number>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]
