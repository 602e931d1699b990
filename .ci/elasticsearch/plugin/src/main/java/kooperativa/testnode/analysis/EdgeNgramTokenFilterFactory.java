package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code edge_ngram}: min_gram (1), max_gram (2), preserve_original (false), side (front|back). */
@NamedComponent("edge_ngram")
public class EdgeNgramTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();

        @BooleanSetting(path = "preserve_original", defaultValue = false)
        boolean preserveOriginal();

        @StringSetting(path = "side", defaultValue = "front")
        String side();
    }

    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;
    private final boolean back;

    @Inject
    public EdgeNgramTokenFilterFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        String side = Support.blank(settings.side()) ? "front" : Support.lower(settings.side());
        if (!side.equals("front") && !side.equals("back")) {
            throw new IllegalArgumentException("invalid side [" + settings.side() + "], must be [front] or [back]");
        }
        this.back = side.equals("back");
        if (minGram < 1 || maxGram < minGram) {
            throw new IllegalArgumentException("edge_ngram needs 1 <= min_gram <= max_gram, got [" + minGram + "," + maxGram + "]");
        }
    }

    @Override
    public TokenStream create(TokenStream ts) {
        if (back) {
            TokenStream reversed = new ReverseStringFilter(ts);
            return new ReverseStringFilter(new EdgeNGramTokenFilter(reversed, minGram, maxGram, preserveOriginal));
        }
        return new EdgeNGramTokenFilter(ts, minGram, maxGram, preserveOriginal);
    }
}
