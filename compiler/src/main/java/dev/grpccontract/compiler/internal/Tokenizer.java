package dev.grpccontract.compiler.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code .proto} source text into tokens the way protoc's tokenizer does. */
public final class Tokenizer {

  /** Token kinds. */
  public enum Kind {
    START,
    END,
    IDENTIFIER,
    INTEGER,
    FLOAT,
    STRING,
    SYMBOL
  }

  /**
   * One token; line and column are zero-based, columns count tabs to multiples of 8, and {@code
   * offset} is the index of its first character in the text.
   */
  public record Token(Kind kind, String text, int line, int column, int endColumn, int offset) {
    boolean is(String s) {
      return text.equals(s) && kind != Kind.STRING;
    }
  }

  /** A byte order mark, which protoc ignores at the start of a file. */
  static final String BYTE_ORDER_MARK = "\uFEFF";

  private final String text;
  private final ErrorSink sink;
  private final ErrorAt errors = (line, column, message) -> sinkError(line, column, message);

  private interface ErrorAt {
    void error(int line, int column, String message);
  }

  private void sinkError(int line, int column, String message) {
    sink.error(tokens.size(), line, column, message);
  }

  private int pos;
  private int line;
  private int column;
  private final List<Token> tokens = new ArrayList<>();

  /** Receives tokenizer errors. */
  public interface ErrorSink {
    /** Reports an error found while scanning the token at {@code tokenIndex}. */
    void error(int tokenIndex, int line, int column, String message);
  }

  private Tokenizer(String text, ErrorSink errors) {
    this.text = text;
    this.sink = errors;
  }

  /** Tokenizes the whole text; the last token is always {@link Kind#END}. */
  public static List<Token> tokenize(String text, ErrorSink errors) {
    Tokenizer t = new Tokenizer(text, errors);
    t.run();
    return t.tokens;
  }

  private char cur() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private char peek(int n) {
    return pos + n < text.length() ? text.charAt(pos + n) : 0;
  }

  private void next() {
    char c = text.charAt(pos++);
    if (c == '\n') {
      line++;
      column = 0;
    } else if (c == '\t') {
      column += 8 - (column % 8);
    } else if (c < 0x80) {
      column++;
    } else if (c < 0x800) {
      column += 2;
    } else if (Character.isSurrogate(c)) {
      column += 2;
    } else {
      column += 3;
    }
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Consumes {@code c} if it is next. */
  private boolean tryConsume(char c) {
    if (pos < text.length() && cur() == c) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes up to {@code n} hex digits, stopping at the first other character. */
  private boolean hexDigits(int n) {
    for (int i = 0; i < n; i++) {
      if (pos >= text.length() || !isHex(cur())) {
        return false;
      }
      next();
    }
    return true;
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private void run() {
    if (text.startsWith(BYTE_ORDER_MARK)) {
      // protoc skips a UTF-8 byte order mark, counting its three bytes as columns
      next();
    }
    while (true) {
      // skip whitespace and comments
      while (pos < text.length()) {
        char c = cur();
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
          next();
        } else if (c == '/' && peek(1) == '/') {
          while (pos < text.length() && cur() != '\n') {
            next();
          }
        } else if (c == '/' && peek(1) == '*') {
          int sl = line;
          int sc = column;
          next();
          next();
          boolean closed = false;
          while (pos < text.length()) {
            if (cur() == '*' && peek(1) == '/') {
              next();
              next();
              closed = true;
              break;
            }
            if (cur() == '/' && peek(1) == '*') {
              errors.error(
                  line, column, "\"/*\" inside block comment.  Block comments cannot be nested.");
            }
            next();
          }
          if (!closed) {
            errors.error(line, column, "End-of-file inside block comment.");
            errors.error(sl, sc, "  Comment started here.");
          }
        } else {
          break;
        }
      }
      if (pos >= text.length()) {
        tokens.add(new Token(Kind.END, "", line, column, column, pos));
        return;
      }
      int startPos = pos;
      int sl = line;
      int sc = column;
      char c = cur();
      Kind kind;
      if (isLetter(c)) {
        while (isLetter(cur()) || isDigit(cur())) {
          next();
        }
        kind = Kind.IDENTIFIER;
      } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
        if (c == '.' && !tokens.isEmpty()) {
          Token prev = tokens.get(tokens.size() - 1);
          if (prev.kind() == Kind.IDENTIFIER && prev.line() == line && prev.endColumn() == column) {
            errors.error(line, column, "Need space between identifier and decimal point.");
          }
        }
        kind = number();
      } else if (c == '"' || c == '\'') {
        next();
        while (true) {
          char d = cur();
          if (pos >= text.length()) {
            errors.error(line, column, "Unexpected end of string.");
            break;
          }
          if (d == '\n') {
            errors.error(line, column, "Multiline strings are not allowed. Did you miss a \"?.");
            break;
          }
          if (d == '\\') {
            next();
            char e = cur();
            if ("abfnrtv\\?'\"".indexOf(e) >= 0 || (e >= '0' && e <= '7')) {
              next();
            } else if (e == 'x' || e == 'X') {
              next();
              if (!isHex(cur())) {
                errors.error(line, column, "Expected hex digits for escape sequence.");
              }
            } else if (e == 'u') {
              next();
              if (!hexDigits(4)) {
                errors.error(line, column, "Expected four hex digits for \\u escape sequence.");
              }
            } else if (e == 'U') {
              // protoc wants eight hex digits, 00 then 0 or 1 then five: up to 0x1fffff
              next();
              if (!tryConsume('0')
                  || !tryConsume('0')
                  || !(tryConsume('0') || tryConsume('1'))
                  || !hexDigits(5)) {
                errors.error(
                    line, column, "Expected eight hex digits up to 10ffff for \\U escape sequence");
              }
            } else {
              errors.error(line, column, "Invalid escape sequence in string literal.");
            }
            continue;
          }
          next();
          if (d == c) {
            break;
          }
        }
        kind = Kind.STRING;
      } else {
        if (c < 32 || c == 127) {
          errors.error(line, column, "Invalid control characters encountered in text.");
          next();
          continue;
        }
        if (c >= 0x80) {
          // protoc reads a non-ASCII character byte by byte: each byte is a symbol of its own,
          // reported when it is read
          int col = column;
          int charEnd = pos + (Character.isHighSurrogate(c) && pos + 1 < text.length() ? 2 : 1);
          String ch = text.substring(pos, charEnd);
          byte[] bytes = ch.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          for (int i = 0; i < bytes.length; i++) {
            errors.error(
                line, col + i, "Interpreting non ascii codepoint " + (bytes[i] & 0xff) + ".");
            tokens.add(
                new Token(
                    Kind.SYMBOL,
                    i == 0 ? ch : "",
                    line,
                    col + i,
                    col + i + 1,
                    i == 0 ? pos : charEnd));
          }
          while (pos < charEnd) {
            next();
          }
          continue;
        }
        next();
        kind = Kind.SYMBOL;
      }
      tokens.add(new Token(kind, text.substring(startPos, pos), sl, sc, column, startPos));
    }
  }

  private Kind number() {
    boolean isFloat = false;
    if (cur() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      next();
      next();
      if (!isHex(cur())) {
        errors.error(line, column, "\"0x\" must be followed by hex digits.");
      }
      while (isHex(cur())) {
        next();
      }
    } else if (cur() == '0' && isDigit(peek(1))) {
      next();
      while (cur() >= '0' && cur() <= '7') {
        next();
      }
      if (isDigit(cur())) {
        errors.error(line, column, "Numbers starting with leading zero must be in octal.");
        while (isDigit(cur())) {
          next();
        }
      }
    } else {
      if (cur() == '.') {
        isFloat = true;
        next();
      }
      while (isDigit(cur())) {
        next();
      }
      if (!isFloat && cur() == '.') {
        isFloat = true;
        next();
        while (isDigit(cur())) {
          next();
        }
      }
      if (cur() == 'e' || cur() == 'E') {
        isFloat = true;
        next();
        if (cur() == '-' || cur() == '+') {
          next();
        }
        if (!isDigit(cur())) {
          errors.error(line, column, "\"e\" must be followed by exponent.");
        }
        while (isDigit(cur())) {
          next();
        }
      }
    }
    if (isLetter(cur())) {
      errors.error(line, column, "Need space between number and identifier.");
    } else if (cur() == '.') {
      errors.error(
          line,
          column,
          isFloat
              ? "Already saw decimal point or exponent; can't have another one."
              : "Hex and octal numbers must be integers.");
    }
    return isFloat ? Kind.FLOAT : Kind.INTEGER;
  }

  /** The value of {@code len} characters read as hex digits, protoc's way. */
  private static int hexValue(String s, int from, int len) {
    int v = 0;
    for (int k = from; k < from + len; k++) {
      v = (v << 4) + Character.digit(s.charAt(k), 36);
    }
    return v;
  }

  /**
   * Appends a code point as protoc does: UTF-8 of up to four bytes, surrogates included, and the
   * escape itself (backslash, U, eight hex digits) beyond 0x10ffff.
   */
  private static void appendUtf8(int cp, StringBuilder out) {
    if (cp < 0) {
      cp = 0;
    }
    if (cp <= 0x7f) {
      out.append((char) cp);
    } else if (cp <= 0x7ff) {
      out.append((char) (0xc0 | (cp >> 6))).append((char) (0x80 | (cp & 0x3f)));
    } else if (cp <= 0xffff) {
      out.append((char) (0xe0 | (cp >> 12)))
          .append((char) (0x80 | ((cp >> 6) & 0x3f)))
          .append((char) (0x80 | (cp & 0x3f)));
    } else if (cp <= 0x10ffff) {
      out.append((char) (0xf0 | (cp >> 18)))
          .append((char) (0x80 | ((cp >> 12) & 0x3f)))
          .append((char) (0x80 | ((cp >> 6) & 0x3f)))
          .append((char) (0x80 | (cp & 0x3f)));
    } else {
      out.append(String.format(java.util.Locale.ROOT, "\\U%08x", cp));
    }
  }

  /** Decodes a string literal token (with its quotes) to bytes, Latin-1 in a Java String. */
  public static String unescape(String literal) {
    StringBuilder out = new StringBuilder();
    int end = literal.length() - 1;
    if (end < 1 || literal.charAt(end) != literal.charAt(0)) {
      end = literal.length();
    }
    for (int i = 1; i < end; i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        if (c < 0x80) {
          out.append(c);
        } else {
          byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          if (Character.isHighSurrogate(c) && i + 1 < end) {
            b = literal.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            i++;
          }
          for (byte x : b) {
            out.append((char) (x & 0xff));
          }
        }
        continue;
      }
      i++;
      if (i >= end) {
        break;
      }
      c = literal.charAt(i);
      if (c >= '0' && c <= '7') {
        int v = c - '0';
        int n = 1;
        while (n < 3
            && i + 1 < end
            && literal.charAt(i + 1) >= '0'
            && literal.charAt(i + 1) <= '7') {
          v = v * 8 + (literal.charAt(++i) - '0');
          n++;
        }
        out.append((char) (v & 0xff));
      } else if (c == 'x' || c == 'X') {
        int v = 0;
        int n = 0;
        while (n < 2 && i + 1 < end && isHex(literal.charAt(i + 1))) {
          v = v * 16 + Character.digit(literal.charAt(++i), 16);
          n++;
        }
        out.append((char) v);
      } else if (c == 'u' || c == 'U') {
        int len = c == 'u' ? 4 : 8;
        // like protoc: exactly len characters (the closing quote may be one of them, after a
        // tokenizer error), or the letter alone when the text ends first
        if (i + len >= literal.length()) {
          out.append(c);
          continue;
        }
        int v = hexValue(literal, i + 1, len);
        i += len;
        if (v >= 0xd800
            && v < 0xdc00
            && i + 6 < literal.length()
            && literal.charAt(i + 1) == '\\'
            && literal.charAt(i + 2) == 'u') {
          int trail = hexValue(literal, i + 3, 4);
          if (trail >= 0xdc00 && trail < 0xe000) {
            v = 0x10000 + (((v - 0xd800) << 10) | (trail - 0xdc00));
            i += 6;
          }
        }
        appendUtf8(v, out);
      } else {
        switch (c) {
          case 'a' -> out.append((char) 7);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'v' -> out.append((char) 11);
          default -> out.append(c);
        }
      }
    }
    return out.toString();
  }
}
