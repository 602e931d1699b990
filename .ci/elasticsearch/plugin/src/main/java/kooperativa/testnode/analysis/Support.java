package kooperativa.testnode.analysis;

import java.util.List;
import java.util.Locale;

/** Small helpers shared by the components. */
final class Support {
    private Support() {}

    static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String firstNonBlank(String a, String b, String fallback) {
        if (!blank(a)) return a;
        if (!blank(b)) return b;
        return fallback;
    }

    /**
     * Unescapes a rule side the way analysis-common does for mapping rules:
     * backslash escapes for \\ \" \' \n \t \r \b \f and \\uXXXX; any other escaped char stands for itself.
     */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                }
                c = s.charAt(i++);
                switch (c) {
                    case '\\' -> c = '\\';
                    case '"' -> c = '"';
                    case '\'' -> c = '\'';
                    case 'n' -> c = '\n';
                    case 't' -> c = '\t';
                    case 'r' -> c = '\r';
                    case 'b' -> c = '\b';
                    case 'f' -> c = '\f';
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                        }
                        c = (char) Integer.parseInt(s.substring(i, i + 4), 16);
                        i += 4;
                    }
                    default -> { /* the char itself */ }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Character classes of the ngram / edge_ngram tokenizers' token_chars option. */
    static boolean isTokenChar(int c, List<String> tokenChars, String customChars) {
        if (tokenChars.isEmpty()) {
            return true;
        }
        for (String kind : tokenChars) {
            switch (lower(kind)) {
                case "letter" -> {
                    if (Character.isLetter(c)) return true;
                }
                case "digit" -> {
                    if (Character.isDigit(c)) return true;
                }
                case "whitespace" -> {
                    if (Character.isWhitespace(c)) return true;
                }
                case "punctuation" -> {
                    switch (Character.getType(c)) {
                        case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                            Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION -> {
                            return true;
                        }
                        default -> { }
                    }
                }
                case "symbol" -> {
                    switch (Character.getType(c)) {
                        case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL,
                            Character.MODIFIER_SYMBOL -> {
                            return true;
                        }
                        default -> { }
                    }
                }
                case "custom" -> {
                    if (customChars != null && customChars.indexOf(c) >= 0) return true;
                }
                default -> throw new IllegalArgumentException(
                    "Unknown token type: '" + kind + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                );
            }
        }
        return false;
    }

    static void checkTokenChars(List<String> tokenChars) {
        for (String kind : tokenChars) {
            isTokenChar('a', List.of(kind), "");
        }
    }
}
