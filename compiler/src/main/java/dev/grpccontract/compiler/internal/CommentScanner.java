package dev.grpccontract.compiler.internal;

import dev.grpccontract.compiler.internal.Tokenizer.Kind;
import dev.grpccontract.compiler.internal.Tokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the comments between two tokens and sorts them the way protoc's tokenizer does when the
 * parser steps over the end of a declaration: a comment that starts on the previous token's line
 * trails it, a comment block that runs up to the next token leads it, and everything else is
 * detached. Blank lines end a block; a line comment does not merge with a block comment.
 */
final class CommentScanner {

  /** The comments found in one gap; strings are empty when there is none. */
  record Comments(String trailing, List<String> detached, String leading) {}

  private final String text;
  private int pos;
  private int line;

  private final StringBuilder buffer = new StringBuilder();
  private boolean pending;
  private boolean pendingIsLineComment;
  private boolean mayTrail = true;
  private boolean hasTrailing;
  private int flushed;
  private String trailing = "";
  private final List<String> detached = new ArrayList<>();

  private CommentScanner(String text, int pos, int line) {
    this.text = text;
    this.pos = pos;
    this.line = line;
  }

  /**
   * The comments protoc collects when it moves from {@code previous} to {@code next}.
   *
   * @param text the whole source text the tokens were read from
   * @param previous the token just consumed, or null at the start of the file
   * @param next the token that follows, possibly the end token
   */
  static Comments between(String text, Token previous, Token next) {
    if (previous == null) {
      int start = text.startsWith(Tokenizer.BYTE_ORDER_MARK) ? 1 : 0;
      CommentScanner s = new CommentScanner(text, start, 0);
      return s.scan(true, next);
    }
    CommentScanner s =
        new CommentScanner(text, previous.offset() + previous.text().length(), previous.line());
    return s.scan(false, next);
  }

  private Comments scan(boolean atStart, Token next) {
    int previousLine = line;
    int trailingEndLine = -1;
    if (atStart) {
      mayTrail = false;
      previousLine = -1;
    } else {
      skipBlanksOnLine();
      if (startsWith('/', '/')) {
        trailingEndLine = line;
        pos += 2;
        startLineComment();
        readLineComment();
        flush();
      } else if (startsWith('/', '*')) {
        pos += 2;
        startBlockComment();
        readBlockComment();
        trailingEndLine = line;
        skipBlanksOnLine();
        flush();
      } else if (at('\n')) {
        newline();
      } else {
        // the next token is on the same line (or a lone '/'): nothing to collect
        return result();
      }
    }
    while (true) {
      skipBlanksOnLine();
      if (startsWith('/', '/')) {
        pos += 2;
        startLineComment();
        readLineComment();
      } else if (startsWith('/', '*')) {
        pos += 2;
        startBlockComment();
        readBlockComment();
        skipBlanksOnLine();
        if (at('\n')) {
          newline();
        }
      } else if (at('/')) {
        return result();
      } else if (at('\n')) {
        newline();
        flush();
        mayTrail = false;
      } else {
        boolean more = next.kind() != Kind.END;
        if (!more || closesScope(next)) {
          flush();
        }
        if (more && (previousLine == line || trailingEndLine == line)) {
          // protoc cannot tell which token a lone comment on a shared line belongs to
          int count = flushed + (pending ? 1 : 0);
          if (count == 1) {
            if (hasTrailing) {
              detached.add(0, trailing);
              trailing = "";
            }
            flush();
          }
        }
        return result();
      }
    }
  }

  private static boolean closesScope(Token t) {
    return t.kind() == Kind.SYMBOL
        && (t.text().equals("}") || t.text().equals("]") || t.text().equals(")"));
  }

  private Comments result() {
    String leading = pending ? buffer.toString() : "";
    return new Comments(trailing, detached, leading);
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private boolean startsWith(char a, char b) {
    return pos + 1 < text.length() && text.charAt(pos) == a && text.charAt(pos + 1) == b;
  }

  private void newline() {
    pos++;
    line++;
  }

  /** Skips spaces, tabs, carriage returns, vertical tabs and form feeds, but not newlines. */
  private void skipBlanksOnLine() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == 0x0b || c == '\f') {
        pos++;
      } else {
        return;
      }
    }
  }

  private void startLineComment() {
    // consecutive line comments form one block; a block comment does not join them
    if (pending && !pendingIsLineComment) {
      flush();
    }
    pending = true;
    pendingIsLineComment = true;
  }

  private void startBlockComment() {
    if (pending) {
      flush();
    }
    pending = true;
    pendingIsLineComment = false;
  }

  /** After {@code //}: the rest of the line, newline included. */
  private void readLineComment() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != 0) {
      pos++;
    }
    if (at('\n')) {
      newline();
    }
    buffer.append(text, start, pos);
  }

  /**
   * After {@code /*}: the text up to the closing delimiter. On every following line the leading
   * blanks and one {@code *} are left out, as protoc does.
   */
  private void readBlockComment() {
    int record = pos;
    while (true) {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '*' || c == '/' || c == '\n' || c == 0) {
          break;
        }
        pos++;
      }
      if (at('\n')) {
        newline();
        buffer.append(text, record, pos);
        skipBlanksOnLine();
        if (at('*')) {
          pos++;
          if (at('/')) {
            pos++;
            return;
          }
        }
        record = pos;
      } else if (at('*')) {
        pos++;
        if (at('/')) {
          pos++;
          buffer.append(text, record, pos - 2);
          return;
        }
        if (pos >= text.length()) {
          buffer.append(text, record, pos);
          return;
        }
      } else if (at('/')) {
        pos++;
      } else {
        // end of input (an error the tokenizer reports)
        buffer.append(text, record, pos);
        return;
      }
    }
  }

  private void flush() {
    if (!pending) {
      return;
    }
    if (mayTrail) {
      trailing = trailing + buffer;
      hasTrailing = true;
      mayTrail = false;
    } else {
      detached.add(buffer.toString());
    }
    buffer.setLength(0);
    pending = false;
    flushed++;
  }
}
