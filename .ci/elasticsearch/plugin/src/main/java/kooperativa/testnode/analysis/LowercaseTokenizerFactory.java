package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.Tokenizer;

import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** {@code lowercase} tokenizer: splits on non-letters and lowercases. */
@NamedComponent("lowercase")
public class LowercaseTokenizerFactory implements TokenizerFactory {

    public LowercaseTokenizerFactory() {}

    @Override
    public Tokenizer create() {
        return new LowercaseLetterTokenizer();
    }
}
