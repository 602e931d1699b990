"""Serbian Cyrillic ⇄ Latin transliteration (and Macedonian Cyrillic to Latin).

Serbian is written in both scripts with a one-to-one letter correspondence, except that the
Latin digraphs lj, nj and dž each stand for one Cyrillic letter.
"""

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
