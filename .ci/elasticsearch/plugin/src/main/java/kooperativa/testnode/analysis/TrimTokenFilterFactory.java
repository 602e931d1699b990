package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code trim}. */
@NamedComponent("trim")
public class TrimTokenFilterFactory implements TokenFilterFactory {

    public TrimTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new TrimFilter(ts);
    }

    @Override
    public TokenStream normalize(TokenStream ts) {
        return create(ts);
    }
}
