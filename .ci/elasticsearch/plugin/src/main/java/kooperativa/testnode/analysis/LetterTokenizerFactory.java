package kooperativa.testnode.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** {@code letter} tokenizer: splits on non-letters. */
@NamedComponent("letter")
public class LetterTokenizerFactory implements TokenizerFactory {

    public LetterTokenizerFactory() {}

    @Override
    public Tokenizer create() {
        return new LetterTokenizer();
    }
}
