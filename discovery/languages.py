"""How the hub's languages are named to search engines and social sites."""

from translation.templatetags.language_tags import bcp47

# OpenGraph locales are language_TERRITORY. Each language gets the country where it is most read;
# Serbian in Latin script gets the script as well, so that the two Serbian versions stay apart
# (Facebook's own sr_RS is the Cyrillic one).
OPENGRAPH_LOCALES = {
    "en": "en_GB",
    "bs": "bs_BA",
    "hr": "hr_HR",
    "sr-latn": "sr_Latn_RS",
    "sr": "sr_RS",
    "cnr": "cnr_ME",
    "mk": "mk_MK",
    "sl": "sl_SI",
    "sq": "sq_AL",
}


def hreflang(language_code):
    """The tag a language is given in ``hreflang`` and ``inLanguage``: the one ``<html lang>`` uses."""
    return bcp47(language_code)


def opengraph_locale(language_code):
    return OPENGRAPH_LOCALES.get(language_code, language_code.replace("-", "_"))
