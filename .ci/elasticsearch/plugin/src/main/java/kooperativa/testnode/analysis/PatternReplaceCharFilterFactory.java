package kooperativa.testnode.analysis;

import java.io.Reader;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code pattern_replace}: pattern (Java regex), replacement (""). No pattern: text passes through. */
@NamedComponent("pattern_replace")
public class PatternReplaceCharFilterFactory implements CharFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "pattern", defaultValue = "")
        String pattern();

        @StringSetting(path = "replacement", defaultValue = "")
        String replacement();
    }

    private final Pattern pattern;
    private final String replacement;

    @Inject
    public PatternReplaceCharFilterFactory(Settings settings) {
        this.pattern = Support.blank(settings.pattern()) ? null : Pattern.compile(settings.pattern());
        this.replacement = settings.replacement() == null ? "" : settings.replacement();
    }

    @Override
    public Reader create(Reader reader) {
        return pattern == null ? reader : new PatternReplaceCharFilter(pattern, replacement, reader);
    }

    @Override
    public Reader normalize(Reader reader) {
        return create(reader);
    }
}
