"""The demo's translations as wagtail-localize string pairs: source segment → translated segment."""

import html

PRACTICE_SECTIONS = ["context", "approach", "results", "lessons", "transferability"]


def paragraphs(text):
    return [" ".join(part.split()) for part in text.strip().split("\n\n") if part.strip()]


def rich_text(text):
    return "".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs(text))


def string_pairs(source_value, target_value, is_rich_text=False):
    """Source segment → translated segment, as wagtail-localize extracts them from a field."""
    if not is_rich_text:
        return {source_value: target_value}
    source_parts = [html.escape(part, quote=False) for part in paragraphs(source_value)]
    target_parts = [html.escape(part, quote=False) for part in paragraphs(target_value)]
    if len(target_parts) > len(source_parts):
        target_parts[len(source_parts) - 1 :] = [" ".join(target_parts[len(source_parts) - 1 :])]
    return dict(zip(source_parts, target_parts, strict=False))


def material_strings(source, target):
    return {
        source["title"]: target["title"],
        source["summary"]: target["summary"],
        source["audience"]: target["audience"],
        **string_pairs(source["description"], target["description"], is_rich_text=True),
        **dict(zip(source["learning_outcomes"], target["learning_outcomes"], strict=False)),
    }


def practice_strings(source, target):
    strings = {
        source["title"]: target["title"],
        source["summary"]: target["summary"],
        source["team"]: target["team"],
        source["funding"]: target["funding"],
        source["contact"]: target["contact"],
    }
    for section in PRACTICE_SECTIONS:
        strings.update(string_pairs(source[section], target[section], is_rich_text=True))
    return strings


def workshop_strings(source, target):
    strings = {
        source["title"]: target["title"],
        source["summary"]: target["summary"],
        source["audience"]: target["audience"],
        source["place"]: target["place"],
        **dict(zip(source["objectives"], target["objectives"], strict=True)),
    }
    for texts, translated in zip(source["sessions"], target["sessions"], strict=True):
        strings[texts["title"]] = translated["title"]
        strings.update(string_pairs(texts["description"], translated["description"], is_rich_text=True))
    return strings


def path_strings(source, target):
    return {
        source["title"]: target["title"],
        source["summary"]: target["summary"],
        **dict(zip(source["notes"], target["notes"], strict=True)),
    }
