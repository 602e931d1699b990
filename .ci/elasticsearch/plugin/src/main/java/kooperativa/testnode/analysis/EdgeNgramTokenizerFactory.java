package kooperativa.testnode.analysis;

import java.util.List;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code edge_ngram} tokenizer: min_gram (1), max_gram (2), token_chars (list of letter, digit,
 * whitespace, punctuation, symbol, custom; empty = all), custom_token_chars.
 * index.max_ngram_diff is not enforced.
 */
@NamedComponent("edge_ngram")
public class EdgeNgramTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();

        @ListSetting(path = "token_chars")
        List<String> tokenChars();

        @StringSetting(path = "custom_token_chars", defaultValue = "")
        String customTokenChars();
    }

    private final int minGram;
    private final int maxGram;
    private final List<String> tokenChars;
    private final String customTokenChars;

    @Inject
    public EdgeNgramTokenizerFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.tokenChars = List.copyOf(settings.tokenChars());
        this.customTokenChars = settings.customTokenChars() == null ? "" : settings.customTokenChars();
        Support.checkTokenChars(tokenChars);
        if (minGram < 1 || maxGram < minGram) {
            throw new IllegalArgumentException("edge_ngram needs 1 <= min_gram <= max_gram, got [" + minGram + "," + maxGram + "]");
        }
    }

    @Override
    public Tokenizer create() {
        if (tokenChars.isEmpty()) {
            return new EdgeNGramTokenizer(minGram, maxGram);
        }
        return new EdgeNGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return Support.isTokenChar(chr, tokenChars, customTokenChars);
            }
        };
    }
}
