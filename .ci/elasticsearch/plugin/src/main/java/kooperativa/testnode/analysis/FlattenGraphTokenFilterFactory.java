package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code flatten_graph}: flattens a token graph (e.g. after synonym_graph at index time). */
@NamedComponent("flatten_graph")
public class FlattenGraphTokenFilterFactory implements TokenFilterFactory {

    public FlattenGraphTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new FlattenGraphFilter(ts);
    }
}
