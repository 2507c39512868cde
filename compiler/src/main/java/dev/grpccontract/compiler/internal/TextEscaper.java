package dev.grpccontract.compiler.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** C-style escaping and number formatting exactly as protoc's string utilities produce them. */
public final class TextEscaper {
  private TextEscaper() {}

  /** Escapes a byte string (one char per byte) as protoc's CEscape does. */
  public static String cEscape(String bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes.length(); i++) {
      int c = bytes.charAt(i) & 0xff;
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            sb.append('\\')
                .append((char) ('0' + ((c >> 6) & 7)))
                .append((char) ('0' + ((c >> 3) & 7)))
                .append((char) ('0' + (c & 7)));
          } else {
            sb.append((char) c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** Formats like C's {@code printf("%.Pg", v)}. */
  static String formatG(double v, int precision) {
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= precision) {
      String digits = bd.unscaledValue().abs().toString();
      digits = digits.replaceAll("0+$", "");
      if (digits.isEmpty()) {
        digits = "0";
      }
      StringBuilder sb = new StringBuilder();
      if (bd.signum() < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
      return sb.toString();
    }
    String plain = bd.stripTrailingZeros().toPlainString();
    return plain;
  }

  /** protoc's SimpleDtoa. */
  public static String simpleDtoa(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    String s = formatG(v, 15);
    if (Double.parseDouble(s) != v) {
      s = formatG(v, 17);
    }
    return s;
  }

  /** protoc's SimpleFtoa. */
  public static String simpleFtoa(float v) {
    if (Float.isNaN(v)) {
      return "nan";
    }
    if (Float.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    String s = formatG(v, 6);
    if (Float.parseFloat(s) != v) {
      s = formatG(v, 9);
    }
    return s;
  }
}
