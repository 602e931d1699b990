package kooperativa.testnode.analysis;

import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.no.NorwegianMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * {@code stemmer}: option {@code language} or {@code name} (default porter = english), with the
 * language names of analysis-common, e.g. serbian (Snowball SerbianStemmer), english/porter
 * (PorterStemFilter), porter2 (Snowball English), light_english/kstem (KStemFilter),
 * minimal_english, possessive_english. Unknown names are rejected when the index is created.
 */
@NamedComponent("stemmer")
public class StemmerTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "")
        String language();

        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    /** Lucene's NorwegianLightStemmer.NYNORSK flag (the constant is package-private). */
    private static final int NYNORSK = 2;

    private final Function<TokenStream, TokenStream> stemmer;

    @Inject
    public StemmerTokenFilterFactory(Settings settings) {
        String language = Support.lower(Support.firstNonBlank(settings.language(), settings.name(), "porter"));
        this.stemmer = forLanguage(language);
        if (stemmer == null) {
            throw new IllegalArgumentException("unknown stemmer language [" + language + "]");
        }
    }

    static Function<TokenStream, TokenStream> forLanguage(String language) {
        return switch (language) {
            // the region's languages
            case "serbian" -> ts -> new SnowballFilter(ts, new SerbianStemmer());
            // English
            case "english", "porter" -> PorterStemFilter::new;
            case "porter2" -> ts -> new SnowballFilter(ts, new EnglishStemmer());
            case "light_english", "kstem" -> KStemFilter::new;
            case "minimal_english" -> EnglishMinimalStemFilter::new;
            case "possessive_english" -> EnglishPossessiveFilter::new;
            // other Snowball stemmers
            case "armenian" -> ts -> new SnowballFilter(ts, new ArmenianStemmer());
            case "basque" -> ts -> new SnowballFilter(ts, new BasqueStemmer());
            case "catalan" -> ts -> new SnowballFilter(ts, new CatalanStemmer());
            case "danish" -> ts -> new SnowballFilter(ts, new DanishStemmer());
            case "dutch", "dutch_kp" -> ts -> new SnowballFilter(ts, new DutchStemmer());
            case "estonian" -> ts -> new SnowballFilter(ts, new EstonianStemmer());
            case "finnish" -> ts -> new SnowballFilter(ts, new FinnishStemmer());
            case "french" -> ts -> new SnowballFilter(ts, new FrenchStemmer());
            case "german", "german2" -> ts -> new SnowballFilter(ts, new GermanStemmer());
            case "hungarian" -> ts -> new SnowballFilter(ts, new HungarianStemmer());
            case "irish" -> ts -> new SnowballFilter(ts, new IrishStemmer());
            case "italian" -> ts -> new SnowballFilter(ts, new ItalianStemmer());
            case "lithuanian" -> ts -> new SnowballFilter(ts, new LithuanianStemmer());
            case "norwegian" -> ts -> new SnowballFilter(ts, new NorwegianStemmer());
            case "portuguese" -> ts -> new SnowballFilter(ts, new PortugueseStemmer());
            case "romanian" -> ts -> new SnowballFilter(ts, new RomanianStemmer());
            case "russian" -> ts -> new SnowballFilter(ts, new RussianStemmer());
            case "spanish" -> ts -> new SnowballFilter(ts, new SpanishStemmer());
            case "swedish" -> ts -> new SnowballFilter(ts, new SwedishStemmer());
            case "turkish" -> ts -> new SnowballFilter(ts, new TurkishStemmer());
            // Lucene's light / minimal / algorithmic stemmers
            case "arabic" -> ArabicStemFilter::new;
            case "bengali" -> BengaliStemFilter::new;
            case "brazilian" -> BrazilianStemFilter::new;
            case "bulgarian" -> BulgarianStemFilter::new;
            case "czech" -> CzechStemFilter::new;
            case "galician" -> GalicianStemFilter::new;
            case "minimal_galician" -> GalicianMinimalStemFilter::new;
            case "greek" -> GreekStemFilter::new;
            case "hindi" -> HindiStemFilter::new;
            case "indonesian" -> IndonesianStemFilter::new;
            case "latvian" -> LatvianStemFilter::new;
            case "sorani" -> SoraniStemFilter::new;
            case "light_finnish", "light_finish" -> FinnishLightStemFilter::new;
            case "light_french" -> FrenchLightStemFilter::new;
            case "minimal_french" -> FrenchMinimalStemFilter::new;
            case "light_german" -> GermanLightStemFilter::new;
            case "minimal_german" -> GermanMinimalStemFilter::new;
            case "light_hungarian" -> HungarianLightStemFilter::new;
            case "light_italian" -> ItalianLightStemFilter::new;
            case "light_norwegian" -> NorwegianLightStemFilter::new;
            case "minimal_norwegian" -> NorwegianMinimalStemFilter::new;
            case "light_nynorsk" -> ts -> new NorwegianLightStemFilter(ts, NYNORSK);
            case "minimal_nynorsk" -> ts -> new NorwegianMinimalStemFilter(ts, NYNORSK);
            case "light_portuguese" -> PortugueseLightStemFilter::new;
            case "minimal_portuguese" -> PortugueseMinimalStemFilter::new;
            case "portuguese_rslp" -> PortugueseStemFilter::new;
            case "light_russian" -> RussianLightStemFilter::new;
            case "light_spanish" -> SpanishLightStemFilter::new;
            case "spanish_plural" -> SpanishPluralStemFilter::new;
            case "light_swedish" -> SwedishLightStemFilter::new;
            default -> null;
        };
    }

    @Override
    public TokenStream create(TokenStream ts) {
        return stemmer.apply(ts);
    }
}
