package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code remove_duplicates}: drops identical tokens at the same position. */
@NamedComponent("remove_duplicates")
public class RemoveDuplicatesTokenFilterFactory implements TokenFilterFactory {

    public RemoveDuplicatesTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new RemoveDuplicatesTokenFilter(ts);
    }
}
