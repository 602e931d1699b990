package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;

/** {@code length}: min (0), max (Integer.MAX_VALUE). */
@NamedComponent("length")
public class LengthTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min", defaultValue = 0)
        int min();

        @IntSetting(path = "max", defaultValue = Integer.MAX_VALUE)
        int max();
    }

    private final int min;
    private final int max;

    @Inject
    public LengthTokenFilterFactory(Settings settings) {
        this.min = settings.min();
        this.max = settings.max();
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return new LengthFilter(ts, min, max);
    }
}
