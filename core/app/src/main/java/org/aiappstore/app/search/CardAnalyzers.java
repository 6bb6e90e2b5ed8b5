package org.aiappstore.app.search;

import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How card text becomes terms. The same analyzers read cards and queries, so a user's words are
 * matched as words: nothing in them is syntax.
 *
 * <ul>
 *   <li>Full text: words by Unicode rules, lower case, accents folded, English stop words dropped,
 *       plurals reduced ("classifiers" finds "classifier"). Language names that are mostly
 *       punctuation ({@code C++}, {@code C#}, {@code F#}) are made words first by {@link #prepare},
 *       which every text goes through, since the word rules would otherwise reduce them to a bare
 *       "c".
 *   <li>Title words for suggestions: the same without stop words and plural reduction, so that a
 *       prefix typed so far matches the words as written.
 * </ul>
 */
final class CardAnalyzers {

  /**
   * Keeps a phrase from matching across two values of one field (the end of one tag and the start
   * of the next).
   */
  private static final int POSITION_GAP = 100;

  /** Shared instances: analyzers are thread-safe and keep per-thread state, so reuse pays. */
  static final Analyzer TEXT = text();

  static final Analyzer WORDS = words();
  static final Analyzer PER_FIELD =
      new PerFieldAnalyzerWrapper(TEXT, Map.of(CardDocuments.TITLE_WORDS, WORDS));

  private CardAnalyzers() {}

  /** Full text analysis. */
  private static Analyzer text() {
    return new Analyzer() {

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new EnglishMinimalStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }

      @Override
      public int getPositionIncrementGap(String fieldName) {
        return POSITION_GAP;
      }
    };
  }

  /** Words as written, lower case and without accents: for prefixes typed so far. */
  private static Analyzer words() {
    return new Analyzer() {

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(
            tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }

  /**
   * The key a facet value is counted and filtered under: trimmed, lower case, without control
   * characters (which facet paths cannot hold). "PyTorch" and "pytorch" are one framework.
   */
  static String key(String value) {
    StringBuilder key = new StringBuilder(value.length());
    value
        .strip()
        .toLowerCase(Locale.ROOT)
        .codePoints()
        .filter(c -> !Character.isISOControl(c))
        .forEach(key::appendCodePoint);
    return key.toString();
  }

  /**
   * The text to analyze: "C++" becomes "C__", "C#" "C_", "F#" "F_" (any case). Underscores join
   * letters into one word (Unicode word rules), so these stay distinct from "c" and "f"; and since
   * each replacement is as long as what it replaces, offsets into it are offsets into the original,
   * so highlights fall exactly on the original characters. Done on the string rather than by a char
   * filter, which looked up every character of every text in a map.
   */
  static String prepare(String text) {
    if (text.indexOf('+') < 0 && text.indexOf('#') < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = 0; i + 1 < chars.length; i++) {
      char c = Character.toLowerCase(chars[i]);
      if (c == 'c' && i + 2 < chars.length && chars[i + 1] == '+' && chars[i + 2] == '+') {
        chars[i + 1] = '_';
        chars[i + 2] = '_';
      } else if ((c == 'c' || c == 'f') && chars[i + 1] == '#') {
        chars[i + 1] = '_';
      }
    }
    return new String(chars);
  }
}
