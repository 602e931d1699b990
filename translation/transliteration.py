"""Serbian Cyrillic ⇄ Latin transliteration (and Macedonian Cyrillic to Latin).

Serbian is written in both scripts with a one-to-one letter correspondence, except that the
Latin digraphs lj, nj and dž each stand for one Cyrillic letter.
"""

import re

SERBIAN_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
MACEDONIAN_EXTRA = {"ѓ": "gj", "ќ": "kj", "ѕ": "dz", "ѐ": "e", "ѝ": "i"}

_LATIN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_LATIN_TO_CYRILLIC = {
    latin: cyrillic for cyrillic, latin in SERBIAN_CYRILLIC_TO_LATIN.items() if len(latin) == 1
}


def _match_case(source, target):
    if source.isupper():
        # "Љ" alone or before a lower-case letter is "Lj"; inside an upper-case word it is "LJ".
        return target.upper() if len(target) == 1 else target[0].upper() + target[1:]
    return target


def cyrillic_to_latin(text, table=None):
    table = table or {**SERBIAN_CYRILLIC_TO_LATIN, **MACEDONIAN_EXTRA}
    result = []
    for index, char in enumerate(text):
        latin = table.get(char.lower())
        if latin is None:
            result.append(char)
            continue
        next_char = text[index + 1] if index + 1 < len(text) else ""
        if char.isupper() and len(latin) > 1 and next_char.isupper():
            result.append(latin.upper())
        else:
            result.append(_match_case(char, latin))
    return "".join(result)


def latin_to_cyrillic(text):
    result = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair.lower() in _LATIN_DIGRAPHS:
            cyrillic = _LATIN_DIGRAPHS[pair.lower()]
            result.append(cyrillic.upper() if pair[0].isupper() else cyrillic)
            index += 2
            continue
        char = text[index]
        cyrillic = _LATIN_TO_CYRILLIC.get(char.lower())
        if cyrillic is None:
            result.append(char)
        else:
            result.append(cyrillic.upper() if char.isupper() else cyrillic)
        index += 1
    return "".join(result)


# --- deriving one Serbian script's translation from the other --------------------------------

SERBIAN_SCRIPTS = {"sr-latn": "sr", "sr": "sr-latn"}
# Markup, placeholders, addresses and links keep their Latin letters.
_UNTOUCHABLE = re.compile(r"(<[^>]+>|&[#\w]+;|%\(\w+\)[sd]|\S+@\S+|https?://\S+|www\.\S+)")


def transliterate_text(text, target_code):
    convert = latin_to_cyrillic if target_code == "sr" else cyrillic_to_latin
    return "".join(
        part if _UNTOUCHABLE.fullmatch(part) else convert(part) for part in _UNTOUCHABLE.split(text) if part
    )


def in_reader_script(text, language_code, reader_code):
    """Text in the reader's Serbian script when it is written in the other one (shown on the fly
    where no version in the reader's script exists); any other text as it is."""
    if SERBIAN_SCRIPTS.get(language_code) == reader_code:
        return transliterate_text(text, reader_code)
    return text


_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_HAS_LANG = re.compile(r"\slang=")
_TEXT_ATTRIBUTE = re.compile(r'(\s(?:alt|title|aria-label|placeholder)=")([^"]*)(")')
_VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_RAW_TEXT_ELEMENTS = {"script", "style"}


def transliterate_html(html, target_code):
    """An HTML fragment's Serbian text in the script of ``target_code``: text and the words of
    alt, title, aria-label and placeholder attributes, but not what is marked as another language
    (an element with ``lang`` and everything in it), nor scripts and styles."""
    parts = []
    kept = []  # the names of the open elements whose content stays as it is
    for part in _TAG.split(html):
        tag = _TAG_NAME.match(part) if part.startswith("<") else None
        if tag is None:
            parts.append(part if kept or part.startswith("<!--") else transliterate_text(part, target_code))
            continue
        name = tag.group(1).lower()
        if part.startswith("</"):
            if kept and kept[-1] == name:
                kept.pop()
            parts.append(part)
            continue
        if not kept:
            part = _TEXT_ATTRIBUTE.sub(
                lambda found: found[1] + transliterate_text(found[2], target_code) + found[3], part
            )
        # The same element inside a kept one closes later: count it so its end tag does not end the keeping.
        nested = kept and kept[-1] == name
        starts_keeping = not kept and (name in _RAW_TEXT_ELEMENTS or _HAS_LANG.search(part))
        if name not in _VOID_ELEMENTS and (nested or starts_keeping):
            kept.append(name)
        parts.append(part)
    return "".join(parts)


def derive_other_script(instance, user=None):
    """Create or refresh the other Serbian script's translation of ``instance`` by transliteration.

    ``instance`` is the sr-latn or sr version of a translatable page or snippet (the original or
    a translation). The result is a wagtail-localize translation like any other: a page is saved
    as a draft, to be reviewed and published through the workflow; "sync from source" and the
    translation editor keep working on it. Returns the derived object.
    """
    from wagtail.models import Locale, Page
    from wagtail_localize.models import Translation, TranslationSource

    from_code = instance.locale.language_code
    if from_code not in SERBIAN_SCRIPTS:
        raise ValueError("Only Serbian (Latin or Cyrillic) content can be transliterated.")
    target_code = SERBIAN_SCRIPTS[from_code]
    source = TranslationSource.objects.filter(object_id=instance.translation_key).first()
    if source is None:
        source, _created = TranslationSource.get_or_create_from_instance(instance)
    if source.locale.language_code == target_code:
        raise ValueError("The other script is the original here; transliterate from it instead.")
    source.update_from_db()

    if source.locale.language_code == from_code:
        texts = None  # the strings to transliterate are the source strings themselves
    else:
        from_translation = Translation.objects.get(source=source, target_locale__language_code=from_code)
        texts = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in from_translation.export_po()}

    target, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=target_code), defaults={"enabled": True}
    )
    po = target.export_po()
    for entry in po:
        text = entry.msgid if texts is None else texts.get((entry.msgctxt, entry.msgid)) or entry.msgid
        # Slugs stay ASCII so that both scripts share their addresses.
        entry.msgstr = text if entry.msgctxt == "slug" else transliterate_text(text, target_code)
    target.import_po(po, tool_name="Serbian transliteration")
    is_page = isinstance(instance, Page)
    target.save_target(user=user, publish=not is_page)
    return instance.get_translation(target.target_locale)
