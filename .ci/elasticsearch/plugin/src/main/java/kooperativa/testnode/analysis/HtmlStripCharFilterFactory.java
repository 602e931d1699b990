package kooperativa.testnode.analysis;

import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/** {@code html_strip}: strips HTML and decodes entities; option escaped_tags (list). */
@NamedComponent("html_strip")
public class HtmlStripCharFilterFactory implements CharFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "escaped_tags")
        List<String> escapedTags();
    }

    private final Set<String> escapedTags;

    @Inject
    public HtmlStripCharFilterFactory(Settings settings) {
        List<String> tags = settings.escapedTags();
        this.escapedTags = tags.isEmpty() ? null : new HashSet<>(tags);
    }

    @Override
    public Reader create(Reader reader) {
        return new HTMLStripCharFilter(reader, escapedTags);
    }
}
