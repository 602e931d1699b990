package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code keyword_repeat}: emits each token twice, once as keyword (unstemmed). */
@NamedComponent("keyword_repeat")
public class KeywordRepeatTokenFilterFactory implements TokenFilterFactory {

    public KeywordRepeatTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new KeywordRepeatFilter(ts);
    }
}
