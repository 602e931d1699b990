package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code lowercase}: option {@code language} (greek, irish, turkish; otherwise plain). */
@NamedComponent("lowercase")
public class LowercaseTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "")
        String language();
    }

    private final String language;

    @Inject
    public LowercaseTokenFilterFactory(Settings settings) {
        this.language = Support.lower(settings.language());
        if (!language.isEmpty() && !language.equals("greek") && !language.equals("irish") && !language.equals("turkish")) {
            throw new IllegalArgumentException("language [" + settings.language() + "] not support for lower case");
        }
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return switch (language) {
            case "greek" -> new GreekLowerCaseFilter(ts);
            case "irish" -> new IrishLowerCaseFilter(ts);
            case "turkish" -> new TurkishLowerCaseFilter(ts);
            default -> new LowerCaseFilter(ts);
        };
    }

    @Override
    public TokenStream normalize(TokenStream ts) {
        return create(ts);
    }
}
