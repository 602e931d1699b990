package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.sr.SerbianNormalizationFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code serbian_normalization}: Cyrillic to Latin, strips č/ć/š/ž/đ diacritics (expects lowercase input). */
@NamedComponent("serbian_normalization")
public class SerbianNormalizationTokenFilterFactory implements TokenFilterFactory {

    public SerbianNormalizationTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream ts) {
        return new SerbianNormalizationFilter(ts);
    }

    @Override
    public TokenStream normalize(TokenStream ts) {
        return create(ts);
    }
}
