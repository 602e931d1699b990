package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code decimal_digit}: folds Unicode decimal digits to 0-9. */
@NamedComponent("decimal_digit")
public class DecimalDigitTokenFilterFactory implements TokenFilterFactory {

    public DecimalDigitTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new DecimalDigitFilter(ts);
    }

    @Override
    public TokenStream normalize(TokenStream ts) {
        return create(ts);
    }
}
