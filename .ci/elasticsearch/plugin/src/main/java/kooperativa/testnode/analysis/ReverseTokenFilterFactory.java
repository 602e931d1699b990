package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code reverse}: reverses each token. */
@NamedComponent("reverse")
public class ReverseTokenFilterFactory implements TokenFilterFactory {

    public ReverseTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new ReverseStringFilter(ts);
    }
}
