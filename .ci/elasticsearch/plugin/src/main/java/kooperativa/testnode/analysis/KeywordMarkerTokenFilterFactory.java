package kooperativa.testnode.analysis;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/** {@code keyword_marker}: keywords (list), ignore_case (false). keywords_path/keywords_pattern unsupported. */
@NamedComponent("keyword_marker")
public class KeywordMarkerTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "keywords")
        List<String> keywords();

        @BooleanSetting(path = "ignore_case", defaultValue = false)
        boolean ignoreCase();
    }

    private final CharArraySet keywords;

    @Inject
    public KeywordMarkerTokenFilterFactory(Settings settings) {
        this.keywords = new CharArraySet(settings.keywords(), settings.ignoreCase());
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return keywords.isEmpty() ? ts : new SetKeywordMarkerFilter(ts, keywords);
    }
}
