package kooperativa.testnode.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * analysis-common's lowercase tokenizer: splits on non-letters and lowercases each token
 * (tokens longer than 255 chars are split, as in Lucene's CharTokenizer).
 */
final class LowercaseLetterTokenizer extends Tokenizer {
    private static final int MAX_TOKEN_LENGTH = 255;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private int position;      // chars read so far
    private int pushedBack = -1;
    private int finalOffset;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        int start = -1;
        int end = -1;
        while (true) {
            int c = readCodePoint();
            if (c == -1) {
                break;
            }
            int width = Character.charCount(c);
            if (Character.isLetter(c)) {
                if (start == -1) {
                    start = position - width;
                } else if (term.length() + width > MAX_TOKEN_LENGTH) {
                    pushedBack = c;
                    position -= width;
                    break;
                }
                appendCodePoint(Character.toLowerCase(c));
                end = position;
            } else if (start != -1) {
                break;
            }
        }
        if (start == -1) {
            return false;
        }
        offset.setOffset(correctOffset(start), correctOffset(end));
        return true;
    }

    private void appendCodePoint(int c) {
        if (Character.isBmpCodePoint(c)) {
            term.append((char) c);
        } else {
            term.append(Character.highSurrogate(c)).append(Character.lowSurrogate(c));
        }
    }

    private int readCodePoint() throws IOException {
        if (pushedBack != -1) {
            int c = pushedBack;
            pushedBack = -1;
            position += Character.charCount(c);
            return c;
        }
        int c = input.read();
        if (c == -1) {
            return -1;
        }
        position++;
        if (Character.isHighSurrogate((char) c)) {
            int low = input.read();
            if (low == -1) {
                return c;
            }
            if (Character.isLowSurrogate((char) low)) {
                position++;
                return Character.toCodePoint((char) c, (char) low);
            }
            // unpaired high surrogate: keep it alone, hold the next char back
            pushedBack = low;
        }
        return c;
    }

    @Override
    public void end() throws IOException {
        super.end();
        finalOffset = correctOffset(position);
        offset.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        position = 0;
        pushedBack = -1;
        finalOffset = 0;
    }
}
