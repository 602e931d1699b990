package kooperativa.testnode.analysis;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/** {@code elision}: articles (list; default French articles), articles_case (false; true = match articles case-insensitively). */
@NamedComponent("elision")
public class ElisionTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "articles")
        List<String> articles();

        @BooleanSetting(path = "articles_case", defaultValue = false)
        boolean articlesCase();
    }

    private final CharArraySet articles;

    @Inject
    public ElisionTokenFilterFactory(Settings settings) {
        List<String> list = settings.articles();
        this.articles = list.isEmpty() ? FrenchAnalyzer.DEFAULT_ARTICLES : new CharArraySet(list, settings.articlesCase());
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return new ElisionFilter(ts, articles);
    }

    @Override
    public TokenStream normalize(TokenStream ts) {
        return create(ts);
    }
}
