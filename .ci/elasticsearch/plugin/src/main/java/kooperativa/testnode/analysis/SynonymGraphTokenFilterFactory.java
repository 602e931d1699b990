package kooperativa.testnode.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code synonym_graph}: synonyms (list of rules), format (solr | wordnet), expand (true), lenient (false).
 *
 * <p>Difference from analysis-common: the rules are parsed with a fixed analyzer
 * (StandardTokenizer + LowerCaseFilter), not with the analyzer chain that precedes the filter.
 * synonyms_path and synonyms_set are not supported. No synonyms: tokens pass through.
 */
@NamedComponent("synonym_graph")
public class SynonymGraphTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "synonyms")
        List<String> synonyms();

        @StringSetting(path = "format", defaultValue = "solr")
        String format();

        @BooleanSetting(path = "expand", defaultValue = true)
        boolean expand();

        @BooleanSetting(path = "lenient", defaultValue = false)
        boolean lenient();
    }

    private final SynonymMap map;

    @Inject
    public SynonymGraphTokenFilterFactory(Settings settings) {
        this.map = buildMap(settings.synonyms(), settings.format(), settings.expand(), settings.lenient());
    }

    static SynonymMap buildMap(List<String> rules, String format, boolean expand, boolean lenient) {
        if (rules.isEmpty()) {
            return null;
        }
        String fmt = Support.blank(format) ? "solr" : Support.lower(format);
        if (!fmt.equals("solr") && !fmt.equals("wordnet")) {
            throw new IllegalArgumentException("unknown synonym format [" + format + "], expected [solr] or [wordnet]");
        }
        Analyzer analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
        try {
            SynonymMap.Parser parser = fmt.equals("wordnet")
                ? new WordnetSynonymParser(true, expand, analyzer)
                : new SolrSynonymParser(true, expand, analyzer);
            if (lenient) {
                for (String rule : rules) {
                    try {
                        parser.parse(new StringReader(rule));
                    } catch (ParseException | IllegalArgumentException e) {
                        // lenient: skip the rule that cannot be parsed
                    }
                }
            } else {
                parser.parse(new StringReader(String.join("\n", rules)));
            }
            SynonymMap built = parser.build();
            return built.fst == null ? null : built;
        } catch (ParseException | IOException e) {
            throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
        } finally {
            analyzer.close();
        }
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return map == null ? ts : new SynonymGraphFilter(ts, map, false);
    }
}
