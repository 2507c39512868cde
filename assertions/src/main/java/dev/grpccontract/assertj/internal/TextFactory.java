package dev.grpccontract.assertj.internal;

import org.assertj.core.error.BasicErrorMessageFactory;

/** Gives the error message factories of this module AssertJ's unquoted text arguments. */
public final class TextFactory extends BasicErrorMessageFactory {

  private TextFactory() {
    super("");
  }

  /**
   * Returns {@code text} as an argument that {@link BasicErrorMessageFactory} prints as it is,
   * without quotes.
   */
  public static CharSequence unquotedString(String text) {
    return BasicErrorMessageFactory.unquotedString(text);
  }
}
