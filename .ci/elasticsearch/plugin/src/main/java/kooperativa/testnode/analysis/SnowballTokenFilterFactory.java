package kooperativa.testnode.analysis;

import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code snowball}: option {@code language} (default English), e.g. Serbian, Russian, German. */
@NamedComponent("snowball")
public class SnowballTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "English")
        String language();
    }

    private final Function<TokenStream, TokenStream> stemmer;

    @Inject
    public SnowballTokenFilterFactory(Settings settings) {
        String language = Support.lower(Support.firstNonBlank(settings.language(), null, "English"));
        this.stemmer = StemmerTokenFilterFactory.forLanguage(language.equals("english") ? "porter2" : language);
        if (stemmer == null || language.contains("_")) {
            throw new IllegalArgumentException("unknown snowball language [" + settings.language() + "]");
        }
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return stemmer.apply(ts);
    }
}
