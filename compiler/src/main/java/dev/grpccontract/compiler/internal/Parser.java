package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SymbolVisibility;
import dev.grpccontract.compiler.Diagnostic;
import dev.grpccontract.compiler.internal.SourceInfoRecorder.Location;
import dev.grpccontract.compiler.internal.Tokenizer.Kind;
import dev.grpccontract.compiler.internal.Tokenizer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one {@code .proto} file into a {@link FileDescriptorProto} builder, as protoc's parser.
 */
public final class Parser {

  /** Result of parsing: the proto, the side table, and whether errors occurred. */
  public record Parsed(FileDescriptorProto.Builder proto, SourceTable source, boolean hadErrors) {}

  static final Map<String, FieldDescriptorProto.Type> SCALARS =
      Map.ofEntries(
          Map.entry("double", FieldDescriptorProto.Type.TYPE_DOUBLE),
          Map.entry("float", FieldDescriptorProto.Type.TYPE_FLOAT),
          Map.entry("int64", FieldDescriptorProto.Type.TYPE_INT64),
          Map.entry("uint64", FieldDescriptorProto.Type.TYPE_UINT64),
          Map.entry("int32", FieldDescriptorProto.Type.TYPE_INT32),
          Map.entry("fixed64", FieldDescriptorProto.Type.TYPE_FIXED64),
          Map.entry("fixed32", FieldDescriptorProto.Type.TYPE_FIXED32),
          Map.entry("bool", FieldDescriptorProto.Type.TYPE_BOOL),
          Map.entry("string", FieldDescriptorProto.Type.TYPE_STRING),
          Map.entry("bytes", FieldDescriptorProto.Type.TYPE_BYTES),
          Map.entry("uint32", FieldDescriptorProto.Type.TYPE_UINT32),
          Map.entry("sfixed32", FieldDescriptorProto.Type.TYPE_SFIXED32),
          Map.entry("sfixed64", FieldDescriptorProto.Type.TYPE_SFIXED64),
          Map.entry("sint32", FieldDescriptorProto.Type.TYPE_SINT32),
          Map.entry("sint64", FieldDescriptorProto.Type.TYPE_SINT64));

  /**
   * The scalar types of a file of edition UNSTABLE: its integer types have a fixed-width encoding,
   * and the varint and zigzag encodings have names of their own.
   */
  static final Map<String, FieldDescriptorProto.Type> UNSTABLE_SCALARS =
      Map.ofEntries(
          Map.entry("double", FieldDescriptorProto.Type.TYPE_DOUBLE),
          Map.entry("float", FieldDescriptorProto.Type.TYPE_FLOAT),
          Map.entry("int64", FieldDescriptorProto.Type.TYPE_SFIXED64),
          Map.entry("uint64", FieldDescriptorProto.Type.TYPE_FIXED64),
          Map.entry("int32", FieldDescriptorProto.Type.TYPE_SFIXED32),
          Map.entry("uint32", FieldDescriptorProto.Type.TYPE_FIXED32),
          Map.entry("bool", FieldDescriptorProto.Type.TYPE_BOOL),
          Map.entry("string", FieldDescriptorProto.Type.TYPE_STRING),
          Map.entry("bytes", FieldDescriptorProto.Type.TYPE_BYTES),
          Map.entry("varint32", FieldDescriptorProto.Type.TYPE_INT32),
          Map.entry("varint64", FieldDescriptorProto.Type.TYPE_INT64),
          Map.entry("uvarint32", FieldDescriptorProto.Type.TYPE_UINT32),
          Map.entry("uvarint64", FieldDescriptorProto.Type.TYPE_UINT64),
          Map.entry("zigzag32", FieldDescriptorProto.Type.TYPE_SINT32),
          Map.entry("zigzag64", FieldDescriptorProto.Type.TYPE_SINT64));

  /** The scalar type names edition UNSTABLE no longer has, each with the name to use instead. */
  private static final Map<String, String> OBSOLETE_IN_UNSTABLE =
      Map.of(
          "fixed32", "uint32",
          "fixed64", "uint64",
          "sfixed32", "int32",
          "sfixed64", "int64",
          "sint32", "zigzag32",
          "sint64", "zigzag64");

  private static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseError() {
      super(null, null, false, false);
    }
  }

  private final String fileName;
  private final List<Token> tokens;
  private final List<Diagnostic> diagnostics;
  private final SourceTable src = new SourceTable();
  private final FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder();

  /** Records source code info; null when it is not wanted, so parsing costs nothing extra. */
  private final SourceInfoRecorder rec;

  private int p;
  private boolean hadErrors;

  /** "proto2", "proto3" or "editions". */
  private String syntax = "proto2";

  private Parser(
      String fileName, String text, List<Diagnostic> diagnostics, boolean recordSourceInfo) {
    this.fileName = fileName;
    this.diagnostics = diagnostics;
    this.tokens =
        Tokenizer.tokenize(
            text,
            (index, line, col, msg) -> {
              hadErrors = true;
              tokenErrors.add(
                  new Object[] {index, Diagnostic.of(fileName, line + 1, col + 1, msg)});
            });
    this.rec = recordSourceInfo ? new SourceInfoRecorder(text, tokens) : null;
    src.sourceInfo(rec);
  }

  /** Parses {@code text} as the file {@code fileName}, appending errors to {@code diagnostics}. */
  public static Parsed parse(String fileName, String text, List<Diagnostic> diagnostics) {
    return parse(fileName, text, diagnostics, false);
  }

  /**
   * Parses {@code text} as the file {@code fileName}, appending errors to {@code diagnostics}; with
   * {@code recordSourceInfo} the result's source table also records protoc's source code info.
   */
  public static Parsed parse(
      String fileName, String text, List<Diagnostic> diagnostics, boolean recordSourceInfo) {
    Parser parser = new Parser(fileName, text, diagnostics, recordSourceInfo);
    parser.parseFile();
    parser.cur();
    return new Parsed(parser.file, parser.src, parser.hadErrors);
  }

  // ---------------------------------------------------------------- token helpers

  private final List<Object[]> tokenErrors = new ArrayList<>();
  private int nextTokenError;

  private Token cur() {
    while (nextTokenError < tokenErrors.size()
        && (Integer) tokenErrors.get(nextTokenError)[0] <= p) {
      diagnostics.add((Diagnostic) tokenErrors.get(nextTokenError++)[1]);
    }
    return tokens.get(p);
  }

  private Token peekToken(int n) {
    return tokens.get(Math.min(p + n, tokens.size() - 1));
  }

  private boolean atEnd() {
    return cur().kind() == Kind.END;
  }

  private boolean lookingAt(String s) {
    Token t = cur();
    return t.kind() != Kind.STRING && t.kind() != Kind.END && t.text().equals(s);
  }

  private boolean tryConsume(String s) {
    if (lookingAt(s)) {
      p++;
      return true;
    }
    return false;
  }

  private void consume(String s) {
    consume(s, "Expected \"" + s + "\".");
  }

  private void consume(String s, String message) {
    if (!tryConsume(s)) {
      throw error(message);
    }
  }

  private ParseError error(String message) {
    return error(cur(), message);
  }

  private ParseError error(Token at, String message) {
    addError(at.line(), at.column(), message);
    return new ParseError();
  }

  /** protoc's identifier: a letter or '_', then letters, digits and '_'. */
  private static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private void addError(int line, int column, String message) {
    hadErrors = true;
    diagnostics.add(Diagnostic.of(fileName, line + 1, column + 1, message));
  }

  private String identifier(String message) {
    Token t = cur();
    if (t.kind() != Kind.IDENTIFIER) {
      throw error(message);
    }
    p++;
    return t.text();
  }

  private long integer(String message, BigInteger max) {
    Token t = cur();
    if (t.kind() != Kind.INTEGER) {
      throw error(message);
    }
    BigInteger v = parseInteger(t.text());
    if (v == null || v.compareTo(max) > 0) {
      // protoc reports this and goes on: an integer was read after all
      addError(t.line(), t.column(), "Integer out of range.");
      p++;
      return 0;
    }
    p++;
    return v.longValue();
  }

  static BigInteger parseInteger(String text) {
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        // "0x" alone, which the tokenizer reports, reads as 0 like protoc's
        return text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
      }
      if (text.length() > 1 && text.startsWith("0")) {
        return new BigInteger(text.substring(1), 8);
      }
      return new BigInteger(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private String stringLiteral(String message) {
    if (cur().kind() != Kind.STRING) {
      throw error(message);
    }
    StringBuilder sb = new StringBuilder();
    while (cur().kind() == Kind.STRING) {
      sb.append(Tokenizer.unescape(cur().text()));
      p++;
    }
    return sb.toString();
  }

  static String utf8(String latin1) {
    byte[] b = new byte[latin1.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) latin1.charAt(i);
    }
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private void skipStatement() {
    while (!atEnd()) {
      if (cur().kind() == Kind.SYMBOL) {
        if (tryConsumeEndOfDeclaration(";", null)) {
          return;
        }
        if (tryConsume("{")) {
          skipRestOfBlock();
          return;
        }
        if (lookingAt("}")) {
          return;
        }
      }
      p++;
    }
  }

  /** protoc's SkipRestOfBlock, including its habit of also skipping the token after a brace. */
  private void skipRestOfBlock() {
    int depth = 1;
    while (true) {
      if (atEnd()) {
        return;
      }
      if (cur().kind() == Kind.SYMBOL) {
        if (tryConsumeEndOfDeclaration("}", null)) {
          if (--depth == 0) {
            return;
          }
        } else if (tryConsume("{")) {
          depth++;
        }
      }
      if (!atEnd()) {
        p++;
      }
    }
  }

  private void put(Object element, String kind, Token t) {
    src.put(element, kind, t.line(), t.column());
  }

  // ---------------------------------------------------------------- source code info

  /** Starts a location at the current token with the parent's path; null when not recording. */
  private Location open(Location parent) {
    return rec == null ? null : rec.open(parent, cur());
  }

  private Location open(Location parent, int a) {
    return rec == null ? null : rec.open(parent, cur(), a);
  }

  private Location open(Location parent, int a, int b) {
    return rec == null ? null : rec.open(parent, cur(), a, b);
  }

  /** Ends a location at the last token read. */
  private void close(Location l) {
    if (l != null) {
      rec.close(l, p);
    }
  }

  /**
   * Consumes {@code s} if it is next, like protoc's TryConsumeEndOfDeclaration: the comments around
   * it go to {@code owner} (which may be null).
   */
  private boolean tryConsumeEndOfDeclaration(String s, Location owner) {
    if (!lookingAt(s)) {
      return false;
    }
    p++;
    if (rec != null) {
      rec.endOfDeclaration(s, owner, p);
    }
    return true;
  }

  private void consumeEndOfDeclaration(String s, Location owner) {
    if (!tryConsumeEndOfDeclaration(s, owner)) {
      throw error("Expected \"" + s + "\".");
    }
  }

  // ---------------------------------------------------------------- file level

  private void parseFile() {
    file.setName(fileName);
    cur();
    Location root = rec == null ? null : rec.root(cur());
    if (lookingAt("syntax") || lookingAt("edition")) {
      try {
        if (!parseSyntax(root)) {
          return;
        }
      } catch (ParseError e) {
        // protoc does not parse a file whose syntax statement is broken
        return;
      }
    }
    while (!atEnd()) {
      try {
        if (!parseTopLevel(root)) {
          skipStatement();
        }
      } catch (ParseError e) {
        skipStatement();
        if (lookingAt("}")) {
          addError(cur().line(), cur().column(), "Unmatched \"}\".");
          p++;
        }
      }
    }
    close(root);
  }

  private boolean parseSyntax(Location root) {
    // protoc records "edition" under the syntax field too
    Location loc = open(root, FileDescriptorProto.SYNTAX_FIELD_NUMBER);
    Token kw = cur();
    p++;
    consume("=");
    Token value = cur();
    String s = utf8(stringLiteral("Expected syntax identifier."));
    consumeEndOfDeclaration(";", loc);
    close(loc);
    put(file, "syntax", kw);
    if (kw.text().equals("syntax")) {
      put(file, "name", kw);
    }
    if (kw.text().equals("syntax")) {
      if (!s.equals("proto2") && !s.equals("proto3")) {
        addError(
            value.line(),
            value.column(),
            "Unrecognized syntax identifier \""
                + s
                + "\".  This parser only recognizes \"proto2\" and \"proto3\".");
        return false;
      }
      syntax = s;
      if (s.equals("proto3")) {
        file.setSyntax("proto3");
      }
      return true;
    } else {
      Edition ed = null;
      for (Edition e : Edition.values()) {
        if (e.name().equals("EDITION_" + s) && e.getNumber() >= Edition.EDITION_2023_VALUE) {
          ed = e;
        }
      }
      if (ed == null) {
        addError(value.line(), value.column(), "Unknown edition \"" + s + "\".");
        return false;
      }
      syntax = "editions";
      file.setSyntax("editions");
      file.setEdition(ed);
    }
    return true;
  }

  private boolean parseTopLevel(Location root) {
    if (tryConsumeEndOfDeclaration(";", null)) {
      return true;
    }
    Token t = cur();
    SymbolVisibility vis = visibility();
    if (lookingAt("message")) {
      Location loc =
          open(root, FileDescriptorProto.MESSAGE_TYPE_FIELD_NUMBER, file.getMessageTypeCount());
      p++;
      parseMessage(file.addMessageTypeBuilder(), vis, loc);
      close(loc);
      return true;
    }
    if (lookingAt("enum")) {
      Location loc =
          open(root, FileDescriptorProto.ENUM_TYPE_FIELD_NUMBER, file.getEnumTypeCount());
      p++;
      parseEnum(file.addEnumTypeBuilder(), vis, loc);
      close(loc);
      return true;
    }
    if (lookingAt("service")) {
      Location loc = open(root, FileDescriptorProto.SERVICE_FIELD_NUMBER, file.getServiceCount());
      p++;
      parseService(loc);
      close(loc);
      return true;
    }
    if (lookingAt("extend")) {
      Location loc = open(root, FileDescriptorProto.EXTENSION_FIELD_NUMBER);
      p++;
      parseExtend(null, loc, root, FileDescriptorProto.MESSAGE_TYPE_FIELD_NUMBER);
      close(loc);
      return true;
    }
    if (tryConsume("import")) {
      parseImport(t, root);
      return true;
    }
    if (lookingAt("package")) {
      if (file.hasPackage()) {
        addError(t.line(), t.column(), "Multiple package definitions.");
        file.clearPackage();
      }
      Location loc = open(root, FileDescriptorProto.PACKAGE_FIELD_NUMBER);
      p++;
      put(file, "package", t);
      put(file, "name", t);
      // like protoc, the package grows as it is read, so a broken one still counts as set
      StringBuilder sb = new StringBuilder();
      while (true) {
        sb.append(identifier("Expected identifier."));
        file.setPackage(sb.toString());
        if (!tryConsume(".")) {
          break;
        }
        sb.append('.');
        file.setPackage(sb.toString());
      }
      consumeEndOfDeclaration(";", loc);
      close(loc);
      return true;
    }
    if (lookingAt("option")) {
      Location loc = open(root, FileDescriptorProto.OPTIONS_FIELD_NUMBER);
      parseOptionStatement(file, loc);
      close(loc);
      return true;
    }
    if (lookingAt("syntax") || lookingAt("edition")) {
      throw error(t, "Expected top-level statement (e.g. \"message\").");
    }
    throw error("Expected top-level statement (e.g. \"message\").");
  }

  private SymbolVisibility visibility() {
    // protoc reads 'export' and 'local' as modifiers from edition 2024 on
    if (!syntax.equals("editions") || file.getEdition().getNumber() <= Edition.EDITION_2023_VALUE) {
      return null;
    }
    SymbolVisibility v;
    if (tryConsume("export")) {
      v = SymbolVisibility.VISIBILITY_EXPORT;
    } else if (tryConsume("local")) {
      v = SymbolVisibility.VISIBILITY_LOCAL;
    } else {
      return null;
    }
    if (!lookingAt("message") && !lookingAt("enum")) {
      throw error(
          "'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'");
    }
    return v;
  }

  private void parseImport(Token kw, Location root) {
    int index = file.getDependencyCount();
    boolean isOption = lookingAt("option");
    Location loc =
        isOption
            ? open(
                root,
                FileDescriptorProto.OPTION_DEPENDENCY_FIELD_NUMBER,
                file.getOptionDependencyCount())
            : open(root, FileDescriptorProto.DEPENDENCY_FIELD_NUMBER, index);
    if (loc != null) {
      SourceInfoRecorder.startAt(loc, kw);
    }
    if (!isOption && file.getOptionDependencyCount() > 0) {
      addError(
          cur().line(),
          cur().column(),
          "imports should precede any option imports to ensure proto files can roundtrip.");
    }
    if (lookingAt("public")) {
      Location modifier =
          open(
              root,
              FileDescriptorProto.PUBLIC_DEPENDENCY_FIELD_NUMBER,
              file.getPublicDependencyCount());
      p++;
      close(modifier);
      file.addPublicDependency(index);
    } else if (lookingAt("weak")) {
      Location modifier =
          open(
              root,
              FileDescriptorProto.WEAK_DEPENDENCY_FIELD_NUMBER,
              file.getWeakDependencyCount());
      p++;
      close(modifier);
      file.addWeakDependency(index);
    } else if (isOption) {
      if (!syntax.equals("editions")
          || file.getEdition().getNumber() < Edition.EDITION_2024_VALUE) {
        addError(
            cur().line(), cur().column(), "option import is not supported before edition 2024.");
      }
      p++;
    }
    String name = utf8(stringLiteral("Expected a string naming the file to import."));
    if (isOption) {
      src.put(file, "option_import:" + file.getOptionDependencyCount(), kw.line(), kw.column());
      file.addOptionDependency(name);
    } else {
      src.put(file, "import:" + name, kw.line(), kw.column());
      file.addDependency(name);
    }
    consumeEndOfDeclaration(";", loc);
    close(loc);
  }

  // ---------------------------------------------------------------- options

  /**
   * Parses {@code option name = value;} for {@code owner}; {@code optionsLoc} is the location of
   * the owner's options, under which protoc records the statement as an uninterpreted option.
   */
  private void parseOptionStatement(Object owner, Location optionsLoc) {
    Location loc = openOption(owner, optionsLoc);
    consume("option");
    parseAndAddOption(owner, loc);
    consumeEndOfDeclaration(";", loc);
    close(loc);
  }

  /** Parses {@code name = value} inside brackets, recorded like {@link #parseOptionStatement}. */
  private void parseBracketOption(Object owner, Location optionsLoc) {
    Location loc = openOption(owner, optionsLoc);
    parseAndAddOption(owner, loc);
    close(loc);
  }

  /** Opens the location of the next uninterpreted option of {@code owner}, if recording. */
  private Location openOption(Object owner, Location optionsLoc) {
    return open(
        optionsLoc,
        DescriptorProtos.FileOptions.UNINTERPRETED_OPTION_FIELD_NUMBER,
        src.options(owner).size());
  }

  private void parseAndAddOption(Object owner, Location loc) {
    OptionEntry e = parseOptionAssignment(owner);
    src.addOption(owner, e);
    if (loc != null) {
      SourceInfoRecorder.markOption(loc, e);
    }
  }

  private OptionEntry parseOptionAssignment(Object owner) {
    Token start = cur();
    List<OptionEntry.NamePart> parts = new ArrayList<>();
    try {
      return parseOptionAssignment(parts, start);
    } catch (ParseError e) {
      if (!parts.isEmpty()) {
        // like protoc, a half-parsed option is still seen by the parse-time checks
        src.addOption(
            owner,
            new OptionEntry(
                parts,
                OptionEntry.ValueKind.IDENTIFIER,
                "",
                0,
                0,
                null,
                start.line(),
                start.column(),
                start.line(),
                start.column()));
      }
      throw e;
    }
  }

  private OptionEntry parseOptionAssignment(List<OptionEntry.NamePart> parts, Token start) {
    do {
      Token pt = cur();
      // protoc adds each name part before reading it: a part that fails to parse is still in
      // the option, with what was read of it, for the parse-time checks to see
      StringBuilder sb = new StringBuilder();
      try {
        if (tryConsume("(")) {
          if (cur().kind() == Kind.IDENTIFIER) {
            sb.append(identifier("Expected identifier."));
          }
          while (tryConsume(".")) {
            sb.append('.');
            sb.append(identifier("Expected identifier."));
          }
          consume(")");
          parts.add(new OptionEntry.NamePart(sb.toString(), true, pt.line(), pt.column()));
        } else {
          parts.add(
              new OptionEntry.NamePart(
                  identifier("Expected identifier."), false, pt.line(), pt.column()));
        }
      } catch (ParseError e) {
        parts.add(new OptionEntry.NamePart(sb.toString(), false, pt.line(), pt.column()));
        throw e;
      }
    } while (tryConsume("."));
    consume("=");
    return parseOptionValue(parts, start);
  }

  private OptionEntry parseOptionValue(List<OptionEntry.NamePart> parts, Token start) {
    Token v = cur();
    // like protoc, a '-' is read first; before an aggregate it is ignored
    boolean negative = tryConsume("-");
    if (lookingAt("{")) {
      p++;
      List<Token> agg = new ArrayList<>();
      int depth = 1;
      // the value is text format, where '#' starts a comment to the end of the line; its tokens
      // still count for the braces, as protoc finds the end of the value before parsing it
      int commentLine = -1;
      while (true) {
        if (atEnd()) {
          throw error("Unexpected end of stream while parsing aggregate value.");
        }
        Token t = cur();
        if (t.kind() == Kind.SYMBOL && t.text().equals("{")) {
          depth++;
        } else if (t.kind() == Kind.SYMBOL && t.text().equals("}")) {
          depth--;
          if (depth == 0) {
            p++;
            break;
          }
        }
        if (t.kind() == Kind.SYMBOL && t.text().equals("#")) {
          commentLine = t.line();
        }
        if (t.line() != commentLine) {
          agg.add(t);
        }
        p++;
      }
      return new OptionEntry(
          parts,
          OptionEntry.ValueKind.AGGREGATE,
          "",
          0,
          0,
          agg,
          start.line(),
          start.column(),
          v.line(),
          v.column());
    }
    Token t = cur();
    switch (t.kind()) {
      case IDENTIFIER -> {
        p++;
        if (negative) {
          if (t.text().equals("inf")) {
            return new OptionEntry(
                parts,
                OptionEntry.ValueKind.DOUBLE,
                t.text(),
                0,
                Double.NEGATIVE_INFINITY,
                null,
                start.line(),
                start.column(),
                v.line(),
                v.column());
          }
          if (t.text().equals("nan")) {
            return new OptionEntry(
                parts,
                OptionEntry.ValueKind.DOUBLE,
                t.text(),
                0,
                Double.NaN,
                null,
                start.line(),
                start.column(),
                v.line(),
                v.column());
          }
          throw error("Identifier after '-' symbol must be inf or nan.");
        }
        return new OptionEntry(
            parts,
            OptionEntry.ValueKind.IDENTIFIER,
            t.text(),
            0,
            0,
            null,
            start.line(),
            start.column(),
            v.line(),
            v.column());
      }
      case INTEGER -> {
        BigInteger big = parseInteger(t.text());
        BigInteger max = negative ? BigInteger.ONE.shiftLeft(63) : UINT64_MAX;
        if (big == null || big.compareTo(max) > 0) {
          double d;
          if (isDecimal(t.text())) {
            // protoc reads decimal integers too large for 64 bits as doubles
            d = Double.parseDouble(t.text());
          } else {
            // a broken octal or hex number: protoc reports it and reads on, the value 0
            addError(t.line(), t.column(), "Integer out of range.");
            d = 0;
          }
          p++;
          return new OptionEntry(
              parts,
              OptionEntry.ValueKind.DOUBLE,
              t.text(),
              0,
              negative ? -d : d,
              null,
              start.line(),
              start.column(),
              v.line(),
              v.column());
        }
        p++;
        if (negative) {
          return new OptionEntry(
              parts,
              OptionEntry.ValueKind.NEGATIVE_INT,
              t.text(),
              big.negate().longValue(),
              0,
              null,
              start.line(),
              start.column(),
              v.line(),
              v.column());
        }
        return new OptionEntry(
            parts,
            OptionEntry.ValueKind.POSITIVE_INT,
            t.text(),
            big.longValue(),
            0,
            null,
            start.line(),
            start.column(),
            v.line(),
            v.column());
      }
      case FLOAT -> {
        p++;
        double d = parseDouble(t.text());
        return new OptionEntry(
            parts,
            OptionEntry.ValueKind.DOUBLE,
            t.text(),
            0,
            negative ? -d : d,
            null,
            start.line(),
            start.column(),
            v.line(),
            v.column());
      }
      case STRING -> {
        if (negative) {
          throw error("Invalid '-' symbol before string.");
        }
        String s = stringLiteral("Expected string.");
        return new OptionEntry(
            parts,
            OptionEntry.ValueKind.STRING,
            s,
            0,
            0,
            null,
            start.line(),
            start.column(),
            v.line(),
            v.column());
      }
      case END -> throw error("Unexpected end of stream while parsing option value.");
      default -> throw error("Expected option value.");
    }
  }

  private static boolean isDecimal(String text) {
    return !(text.startsWith("0x")
        || text.startsWith("0X")
        || (text.length() > 1 && text.startsWith("0")));
  }

  static double parseDouble(String text) {
    String s = text;
    if (s.endsWith("f") || s.endsWith("F")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("0x")
        || s.startsWith("0X")
        || (s.length() > 1 && s.startsWith("0") && s.chars().allMatch(Character::isDigit))) {
      BigInteger b = parseInteger(s);
      return b == null ? 0 : new java.math.BigDecimal(b).doubleValue();
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Parses {@code [ a = b, ... ]} for a field (also handles default and json_name). */
  private void parseFieldOptions(
      FieldDescriptorProto.Builder field, Object optionOwner, Location fieldLoc) {
    if (!lookingAt("[")) {
      return;
    }
    Location optionsLoc = open(fieldLoc, FieldDescriptorProto.OPTIONS_FIELD_NUMBER);
    p++;
    do {
      Token t = cur();
      if (lookingAt("default")) {
        if (field.hasDefaultValue()) {
          addError(t.line(), t.column(), "Already set option \"default\".");
          field.clearDefaultValue();
        }
        p++;
        consume("=");
        put(field, "default", cur());
        // protoc records the default under the field, not under its options
        Location valueLoc = open(fieldLoc, FieldDescriptorProto.DEFAULT_VALUE_FIELD_NUMBER);
        parseDefault(field);
        close(valueLoc);
      } else if (lookingAt("json_name")) {
        if (src.hasExplicitJsonName(field)) {
          addError(t.line(), t.column(), "Already set option \"json_name\".");
          field.clearJsonName();
        }
        Location nameLoc = open(fieldLoc, FieldDescriptorProto.JSON_NAME_FIELD_NUMBER);
        put(field, "json_name", t);
        p++;
        consume("=");
        put(field, "json_value", cur());
        // protoc records the whole assignment and then the value alone, both as json_name
        Location valueLoc = open(nameLoc);
        field.setJsonNameBytes(
            OptionInterpreter.latin1Bytes(stringLiteral("Expected string for JSON name.")));
        close(valueLoc);
        close(nameLoc);
        src.markJsonName(field);
      } else {
        parseBracketOption(optionOwner, optionsLoc);
      }
    } while (tryConsume(","));
    consume("]");
    close(optionsLoc);
  }

  private void parseDefault(FieldDescriptorProto.Builder field) {
    if (!field.hasType()) {
      // like protoc: the type is not known yet, so keep the raw token; linking checks it
      field.setDefaultValue(cur().text());
      if (!atEnd()) {
        p++;
      }
      return;
    }
    switch (field.getType()) {
      case TYPE_INT32,
          TYPE_INT64,
          TYPE_UINT32,
          TYPE_UINT64,
          TYPE_SINT32,
          TYPE_SINT64,
          TYPE_FIXED32,
          TYPE_FIXED64,
          TYPE_SFIXED32,
          TYPE_SFIXED64 -> {
        boolean signed =
            switch (field.getType()) {
              case TYPE_UINT32, TYPE_UINT64, TYPE_FIXED32, TYPE_FIXED64 -> false;
              default -> true;
            };
        boolean is64 =
            switch (field.getType()) {
              case TYPE_INT64, TYPE_UINT64, TYPE_SINT64, TYPE_FIXED64, TYPE_SFIXED64 -> true;
              default -> false;
            };
        BigInteger max =
            signed
                ? (is64 ? BigInteger.valueOf(Long.MAX_VALUE) : INT_MAX)
                : (is64 ? UINT64_MAX : BigInteger.valueOf(0xFFFFFFFFL));
        boolean neg = false;
        if (signed && tryConsume("-")) {
          neg = true;
          max = max.add(BigInteger.ONE);
        } else if (!signed && tryConsume("-")) {
          // protoc reports this and reads the number on
          addError(
              cur().line(), cur().column(), "Unsigned field can't have negative default value.");
        }
        Token t = cur();
        if (t.kind() != Kind.INTEGER) {
          throw error("Expected integer for field default value.");
        }
        BigInteger v = parseInteger(t.text());
        if (v == null || v.compareTo(max) > 0) {
          // protoc reports this and reads on
          addError(t.line(), t.column(), "Integer out of range.");
          v = BigInteger.ZERO;
        }
        p++;
        field.setDefaultValue((neg ? v.negate() : v).toString());
      }
      case TYPE_FLOAT, TYPE_DOUBLE -> {
        boolean neg = tryConsume("-");
        Token t = cur();
        double d;
        if (t.kind() == Kind.INTEGER) {
          BigInteger v = parseInteger(t.text());
          if (v == null || v.compareTo(UINT64_MAX) > 0) {
            if (isDecimal(t.text())) {
              d = Double.parseDouble(t.text());
            } else {
              // a broken octal or hex number: protoc reports it and reads on
              addError(t.line(), t.column(), "Integer out of range.");
              d = 0;
            }
          } else {
            d = new java.math.BigDecimal(v).doubleValue();
          }
        } else if (t.kind() == Kind.FLOAT) {
          d = parseDouble(t.text());
        } else if (t.kind() == Kind.IDENTIFIER && t.text().equals("inf")) {
          d = Double.POSITIVE_INFINITY;
        } else if (t.kind() == Kind.IDENTIFIER && t.text().equals("nan")) {
          d = Double.NaN;
        } else {
          throw error("Expected number.");
        }
        p++;
        if (neg) {
          d = -d;
        }
        field.setDefaultValue(Double.isNaN(d) ? "nan" : Double.toString(d));
      }
      case TYPE_BOOL -> {
        if (tryConsume("true")) {
          field.setDefaultValue("true");
        } else if (tryConsume("false")) {
          field.setDefaultValue("false");
        } else {
          throw error("Expected \"true\" or \"false\".");
        }
      }
      case TYPE_STRING ->
          // the bytes as written, as protoc keeps them even when they are not UTF-8
          field.setDefaultValueBytes(
              OptionInterpreter.latin1Bytes(
                  stringLiteral("Expected string for field default value.")));
      case TYPE_BYTES ->
          field.setDefaultValue(TextEscaper.cEscape(stringLiteral("Expected string.")));
      case TYPE_GROUP, TYPE_MESSAGE -> throw error("Messages can't have default values.");
      default -> throw error("Expected field default value.");
    }
  }

  // ---------------------------------------------------------------- messages

  private void parseMessage(DescriptorProto.Builder msg, SymbolVisibility vis, Location loc) {
    Token nameTok = cur();
    Location nameLoc = open(loc, DescriptorProto.NAME_FIELD_NUMBER);
    msg.setName(identifier("Expected message name."));
    close(nameLoc);
    put(msg, "name", nameTok);
    if (vis != null) {
      msg.setVisibility(vis);
    }
    parseMessageBlock(msg, loc);
    generateSyntheticOneofs(msg);
    validateMessage(msg);
  }

  private void parseMessageBlock(DescriptorProto.Builder msg, Location loc) {
    consumeEndOfDeclaration("{", loc);
    while (!tryConsumeEndOfDeclaration("}", null)) {
      if (atEnd()) {
        throw error("Reached end of input in message definition (missing '}').");
      }
      try {
        parseMessageStatement(msg, loc);
      } catch (ParseError e) {
        skipStatement();
      }
    }
  }

  private void generateSyntheticOneofs(DescriptorProto.Builder msg) {
    Set<String> names = new HashSet<>();
    for (FieldDescriptorProto.Builder f : msg.getFieldBuilderList()) {
      names.add(f.getName());
    }
    for (OneofDescriptorProto.Builder o : msg.getOneofDeclBuilderList()) {
      names.add(o.getName());
    }
    for (FieldDescriptorProto.Builder f : msg.getFieldBuilderList()) {
      if (f.getProto3Optional()) {
        String n = f.getName().startsWith("_") ? f.getName() : "_" + f.getName();
        while (names.contains(n)) {
          n = "X" + n;
        }
        names.add(n);
        f.setOneofIndex(msg.getOneofDeclCount());
        msg.addOneofDeclBuilder().setName(n);
      }
    }
  }

  private void parseMessageStatement(DescriptorProto.Builder msg, Location msgLoc) {
    if (tryConsumeEndOfDeclaration(";", null)) {
      return;
    }
    Token t = cur();
    SymbolVisibility vis = visibility();
    if (vis != null || lookingAt("message")) {
      if (lookingAt("enum")) {
        Location loc = open(msgLoc, DescriptorProto.ENUM_TYPE_FIELD_NUMBER, msg.getEnumTypeCount());
        p++;
        parseEnum(msg.addEnumTypeBuilder(), vis, loc);
        close(loc);
        return;
      }
      Location loc =
          open(msgLoc, DescriptorProto.NESTED_TYPE_FIELD_NUMBER, msg.getNestedTypeCount());
      consume("message");
      parseMessage(msg.addNestedTypeBuilder(), vis, loc);
      close(loc);
      return;
    }
    if (lookingAt("enum")) {
      Location loc = open(msgLoc, DescriptorProto.ENUM_TYPE_FIELD_NUMBER, msg.getEnumTypeCount());
      p++;
      parseEnum(msg.addEnumTypeBuilder(), null, loc);
      close(loc);
      return;
    }
    if (lookingAt("extensions")) {
      Location loc = open(msgLoc, DescriptorProto.EXTENSION_RANGE_FIELD_NUMBER);
      p++;
      parseExtensions(msg, loc);
      close(loc);
      return;
    }
    if (tryConsume("reserved")) {
      parseReserved(msg, t, msgLoc);
      return;
    }
    if (lookingAt("extend")) {
      Location loc = open(msgLoc, DescriptorProto.EXTENSION_FIELD_NUMBER);
      p++;
      parseExtend(msg, loc, msgLoc, DescriptorProto.NESTED_TYPE_FIELD_NUMBER);
      close(loc);
      return;
    }
    if (lookingAt("option")) {
      Location loc = open(msgLoc, DescriptorProto.OPTIONS_FIELD_NUMBER);
      parseOptionStatement(msg, loc);
      close(loc);
      return;
    }
    if (lookingAt("oneof")) {
      Location loc = open(msgLoc, DescriptorProto.ONEOF_DECL_FIELD_NUMBER, msg.getOneofDeclCount());
      p++;
      parseOneof(msg, loc, msgLoc);
      close(loc);
      return;
    }
    Location loc = open(msgLoc, DescriptorProto.FIELD_FIELD_NUMBER, msg.getFieldCount());
    FieldDescriptorProto.Builder field = msg.addFieldBuilder();
    parseField(field, msg, null, -1, loc, msgLoc, DescriptorProto.NESTED_TYPE_FIELD_NUMBER);
    close(loc);
  }

  /**
   * Parses a field. {@code container} receives group/map-entry messages; {@code extendee} is
   * non-null inside extend blocks. {@code fieldLoc} is the field's location; a group's message is
   * recorded under {@code parentLoc} and {@code nestedTypeField} (nested types or, at file level,
   * message types).
   */
  private void parseField(
      FieldDescriptorProto.Builder field,
      DescriptorProto.Builder container,
      String extendee,
      int oneofIndex,
      Location fieldLoc,
      Location parentLoc,
      int nestedTypeField) {
    Token labelTok = cur();
    FieldDescriptorProto.Label label = null;
    if (oneofIndex < 0) {
      if (syntax.equals("editions") && lookingAt("optional")) {
        addError(
            labelTok.line(),
            labelTok.column(),
            "Label \"optional\" is not supported in editions. By default, all singular fields have presence unless features.field_presence is set.");
      }
      if (syntax.equals("editions") && lookingAt("required")) {
        addError(
            labelTok.line(),
            labelTok.column(),
            "Label \"required\" is not supported in editions, use features.field_presence = LEGACY_REQUIRED.");
      }
      if (lookingAt("optional")) {
        label = FieldDescriptorProto.Label.LABEL_OPTIONAL;
      } else if (lookingAt("repeated")) {
        label = FieldDescriptorProto.Label.LABEL_REPEATED;
      } else if (lookingAt("required")) {
        label = FieldDescriptorProto.Label.LABEL_REQUIRED;
      }
      if (label != null) {
        Location labelLoc = open(fieldLoc, FieldDescriptorProto.LABEL_FIELD_NUMBER);
        p++;
        close(labelLoc);
      }
    }
    put(field, "label", labelTok);
    boolean needsLabel = label == null && oneofIndex < 0 && syntax.equals("proto2");
    Token typeTok = cur();
    put(field, "type", typeTok);
    // the path (type or type name) is known once the type is read
    Location typeLoc = open(fieldLoc);
    boolean isMap = false;
    String mapKey = null;
    String mapValue = null;
    boolean isGroup = false;
    if (lookingAt("map") && peekToken(1).text().equals("<")) {
      p++;
      if (oneofIndex >= 0) {
        throw error("Map fields are not allowed in oneofs.");
      }
      if (label != null) {
        throw error("Field labels (required/optional/repeated) are not allowed on map fields.");
      }
      if (extendee != null) {
        throw error("Map fields are not allowed to be extensions.");
      }
      p++;
      isMap = true;
      mapKey = mapTypeName();
      consume(",");
      mapValue = mapTypeName();
      consume(">");
      addPath(typeLoc, FieldDescriptorProto.TYPE_NAME_FIELD_NUMBER);
    } else if (lookingAt("map")) {
      // like protoc: a lone "map" is the whole type name
      p++;
      if (needsLabel) {
        addError(
            cur().line(), cur().column(), "Expected \"required\", \"optional\", or \"repeated\".");
      }
      field.setTypeName("map");
      addPath(typeLoc, FieldDescriptorProto.TYPE_NAME_FIELD_NUMBER);
    } else {
      if (needsLabel) {
        addError(
            typeTok.line(),
            typeTok.column(),
            "Expected \"required\", \"optional\", or \"repeated\".");
      }
      if (lookingAt("group")) {
        if (syntax.equals("editions")) {
          addError(
              cur().line(),
              cur().column(),
              "Group syntax is no longer supported in editions. To get group behavior you can specify features.message_encoding = DELIMITED on a message field.");
        }
        p++;
        isGroup = true;
        addPath(typeLoc, FieldDescriptorProto.TYPE_FIELD_NUMBER);
      } else {
        String tn = fieldTypeName();
        FieldDescriptorProto.Type st = scalarType(tn);
        if (st != null) {
          field.setType(st);
          addPath(typeLoc, FieldDescriptorProto.TYPE_FIELD_NUMBER);
        } else {
          field.setTypeName(tn);
          addPath(typeLoc, FieldDescriptorProto.TYPE_NAME_FIELD_NUMBER);
        }
      }
    }
    close(typeLoc);
    if (label == null) {
      label = FieldDescriptorProto.Label.LABEL_OPTIONAL;
    }
    if (syntax.equals("proto3")
        && label == FieldDescriptorProto.Label.LABEL_OPTIONAL
        && labelTok != typeTok) {
      field.setProto3Optional(true);
    }
    field.setLabel(isMap ? FieldDescriptorProto.Label.LABEL_REPEATED : label);
    Token nameTok = cur();
    Location nameLoc = open(fieldLoc, FieldDescriptorProto.NAME_FIELD_NUMBER);
    String name = identifier("Expected field name.");
    close(nameLoc);
    put(field, "name", nameTok);
    consume("=", "Missing field number.");
    Token numTok = cur();
    put(field, "number", numTok);
    Location numberLoc = open(fieldLoc, FieldDescriptorProto.NUMBER_FIELD_NUMBER);
    field.setNumber((int) integer("Expected field number.", INT_MAX));
    close(numberLoc);
    if (oneofIndex >= 0) {
      field.setOneofIndex(oneofIndex);
    }
    if (extendee != null) {
      field.setExtendee(extendee);
    }
    field.setName(name);
    if (isGroup) {
      field.setType(FieldDescriptorProto.Type.TYPE_GROUP);
      field.setTypeName(name);
    }
    parseFieldOptions(field, field, fieldLoc);
    Location groupLoc = null;
    if (isGroup && rec != null) {
      // a group is both a field and a message: protoc records the message from the field's start,
      // its name where the field's name is, and the field's type name there too
      groupLoc = rec.open(parentLoc, cur());
      SourceInfoRecorder.startAt(groupLoc, fieldLoc);
      SourceInfoRecorder.addPath(groupLoc, nestedTypeField);
      SourceInfoRecorder.addPath(
          groupLoc,
          container != null ? container.getNestedTypeCount() : file.getMessageTypeCount());
      Location groupName = rec.open(groupLoc, nameTok, DescriptorProto.NAME_FIELD_NUMBER);
      SourceInfoRecorder.endAt(groupName, nameTok);
      Location groupType = rec.open(fieldLoc, nameTok, FieldDescriptorProto.TYPE_NAME_FIELD_NUMBER);
      SourceInfoRecorder.endAt(groupType, nameTok);
    }
    if (isGroup) {
      if (!(name.charAt(0) >= 'A' && name.charAt(0) <= 'Z')) {
        addError(nameTok.line(), nameTok.column(), "Group names must start with a capital letter.");
      }
      field.setName(name.toLowerCase(java.util.Locale.ROOT));
    }
    if (isMap) {
      DescriptorProto.Builder entry = container == null ? null : container.addNestedTypeBuilder();
      if (entry == null) {
        throw error(typeTok, "Map fields are not allowed to be extensions.");
      }
      String entryName = mapEntryName(name);
      entry.setName(entryName);
      entry.getOptionsBuilder().setMapEntry(true);
      FieldDescriptorProto.Builder k =
          entry
              .addFieldBuilder()
              .setName("key")
              .setNumber(1)
              .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
              .setJsonName("key");
      FieldDescriptorProto.Builder v =
          entry
              .addFieldBuilder()
              .setName("value")
              .setNumber(2)
              .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
              .setJsonName("value");
      setMapType(k, mapKey);
      setMapType(v, mapValue);
      put(v, "map_field_type", typeTok);
      for (OptionEntry o : src.options(field)) {
        if (o.name.size() >= 1 && !o.name.get(0).extension()) {
          String n0 = o.name.get(0).name();
          OptionEntry copy = o.withoutLocation();
          if (n0.equals("enforce_utf8")) {
            if (k.getType() == FieldDescriptorProto.Type.TYPE_STRING) {
              src.addOption(k, copy);
            }
            if (v.getType() == FieldDescriptorProto.Type.TYPE_STRING) {
              src.addOption(v, copy);
            }
          } else if (n0.equals("features")) {
            src.addOption(k, copy);
            src.addOption(v, copy);
          }
        }
      }
      field.setTypeName(entryName);
    }
    if (isGroup) {
      if (!lookingAt("{")) {
        throw error("Missing group body.");
      }
      DescriptorProto.Builder groupMsg =
          container != null ? container.addNestedTypeBuilder() : file.addMessageTypeBuilder();
      groupMsg.setName(name);
      put(groupMsg, "name", nameTok);
      parseMessageBlock(groupMsg, groupLoc);
      close(groupLoc);
      generateSyntheticOneofs(groupMsg);
    } else {
      consumeEndOfDeclaration(";", fieldLoc);
    }
  }

  private static void addPath(Location l, int element) {
    if (l != null) {
      SourceInfoRecorder.addPath(l, element);
    }
  }

  /** A map's key or value type; protoc reads "group" there as the group type. */
  private String mapTypeName() {
    if (lookingAt("group") && syntax.equals("editions")) {
      addError(
          cur().line(),
          cur().column(),
          "Group syntax is no longer supported in editions. To get group behavior you can specify features.message_encoding = DELIMITED on a message field.");
    }
    return fieldTypeName();
  }

  private void setMapType(FieldDescriptorProto.Builder f, String type) {
    FieldDescriptorProto.Type st = scalarType(type);
    if (st != null) {
      f.setType(st);
    } else if (type.equals("group")) {
      // protoc's type table has "group" too, leaving the entry's field without a type name
      f.setType(FieldDescriptorProto.Type.TYPE_GROUP);
    } else {
      f.setTypeName(type);
    }
  }

  static String mapEntryName(String fieldName) {
    StringBuilder sb = new StringBuilder();
    boolean cap = true;
    for (char c : fieldName.toCharArray()) {
      if (c == '_') {
        cap = true;
      } else if (cap) {
        sb.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        cap = false;
      } else {
        sb.append(c);
      }
    }
    return sb.append("Entry").toString();
  }

  /** Whether this file spells its integer types the way of edition UNSTABLE. */
  private boolean unstableTypes() {
    return syntax.equals("editions") && file.getEdition() == Edition.EDITION_UNSTABLE;
  }

  /**
   * The type of a field or of a map's key or value: a scalar of this file's edition, taken as a
   * whole token, or a message or enum name. A scalar name edition UNSTABLE no longer has is an
   * error, after which it reads as the int32 type, like protoc.
   */
  private String fieldTypeName() {
    if (unstableTypes() && cur().kind() == Kind.IDENTIFIER) {
      String text = cur().text();
      String replacement = OBSOLETE_IN_UNSTABLE.get(text);
      if (replacement != null) {
        addError(
            cur().line(),
            cur().column(),
            "Type '"
                + text
                + "' is obsolete in unstable editions, use '"
                + replacement
                + "' instead.");
      }
      if (replacement != null || UNSTABLE_SCALARS.containsKey(text)) {
        p++;
        return text;
      }
    }
    return typeName();
  }

  /** The scalar type a name read by {@link #fieldTypeName} stands for, or null for a named type. */
  private FieldDescriptorProto.Type scalarType(String name) {
    if (!unstableTypes()) {
      return SCALARS.get(name);
    }
    return OBSOLETE_IN_UNSTABLE.containsKey(name)
        ? FieldDescriptorProto.Type.TYPE_INT32
        : UNSTABLE_SCALARS.get(name);
  }

  private String typeName() {
    if (cur().kind() == Kind.IDENTIFIER && SCALARS.containsKey(cur().text())) {
      // protoc takes a scalar type name as a whole token, never as the start of a dotted name
      p++;
      return tokens.get(p - 1).text();
    }
    StringBuilder sb = new StringBuilder();
    if (tryConsume(".")) {
      sb.append('.');
    }
    sb.append(identifier("Expected type name."));
    while (tryConsume(".")) {
      sb.append('.').append(identifier("Expected identifier."));
    }
    return sb.toString();
  }

  private void parseOneof(DescriptorProto.Builder msg, Location oneofLoc, Location msgLoc) {
    OneofDescriptorProto.Builder oneof = msg.addOneofDeclBuilder();
    int index = msg.getOneofDeclCount() - 1;
    // protoc records no error position for a oneof's name, but it has a source location
    Location nameLoc = open(oneofLoc, OneofDescriptorProto.NAME_FIELD_NUMBER);
    oneof.setName(identifier("Expected oneof name."));
    close(nameLoc);
    consumeEndOfDeclaration("{", oneofLoc);
    do {
      if (atEnd()) {
        throw error("Reached end of input in oneof definition (missing '}').");
      }
      if (lookingAt("option")) {
        Location loc = open(oneofLoc, OneofDescriptorProto.OPTIONS_FIELD_NUMBER);
        parseOptionStatement(oneof, loc);
        close(loc);
        continue;
      }
      if (lookingAt("required") || lookingAt("optional") || lookingAt("repeated")) {
        addError(
            cur().line(),
            cur().column(),
            "Fields in oneofs must not have labels (required / optional / repeated).");
        p++;
      }
      Location fieldLoc = open(msgLoc, DescriptorProto.FIELD_FIELD_NUMBER, msg.getFieldCount());
      try {
        parseField(
            msg.addFieldBuilder(),
            msg,
            null,
            index,
            fieldLoc,
            msgLoc,
            DescriptorProto.NESTED_TYPE_FIELD_NUMBER);
      } catch (ParseError e) {
        skipStatement();
      }
      close(fieldLoc);
    } while (!tryConsumeEndOfDeclaration("}", null));
  }

  /** Parses {@code start [to (end|max)]}; returns {start, endInclusive, isMax}. */
  private long[] range(String startMessage, boolean signed, Location rangeLoc) {
    // start and end have the same field numbers in every kind of range
    Token startTok = cur();
    Location startLoc = open(rangeLoc, DescriptorProto.ReservedRange.START_FIELD_NUMBER);
    long start = signedInteger(startMessage, signed);
    close(startLoc);
    if (!signed && start == Integer.MAX_VALUE) {
      throw error("Field number out of bounds.");
    }
    long end = start;
    boolean max = false;
    if (tryConsume("to")) {
      Location endLoc = open(rangeLoc, DescriptorProto.ReservedRange.END_FIELD_NUMBER);
      if (tryConsume("max")) {
        max = true;
        end = signed ? Integer.MAX_VALUE : 536870911L;
      } else {
        end = signedInteger("Expected integer.", signed);
        if (!signed && end == Integer.MAX_VALUE) {
          throw error("Field number out of bounds.");
        }
      }
      close(endLoc);
    } else if (rec != null) {
      // protoc gives a single number an end located at its first token (a '-' when negative)
      Location endLoc =
          rec.open(rangeLoc, startTok, DescriptorProto.ReservedRange.END_FIELD_NUMBER);
      SourceInfoRecorder.endAt(endLoc, startTok);
    }
    return new long[] {start, end, max ? 1 : 0};
  }

  private long signedInteger(String message, boolean signed) {
    if (signed && tryConsume("-")) {
      return -integer(message, INT_MAX.add(BigInteger.ONE));
    }
    return integer(message, INT_MAX);
  }

  private void parseExtensions(DescriptorProto.Builder msg, Location extensionsLoc) {
    List<DescriptorProto.ExtensionRange.Builder> ranges = new ArrayList<>();
    int firstRange = msg.getExtensionRangeCount();
    do {
      Token st = cur();
      Location rangeLoc = open(extensionsLoc, msg.getExtensionRangeCount());
      DescriptorProto.ExtensionRange.Builder r = msg.addExtensionRangeBuilder();
      put(r, "number", st);
      ranges.add(r);
      long[] range = range("Expected field number range.", false, rangeLoc);
      close(rangeLoc);
      r.setStart((int) range[0]).setEnd((int) range[1] + 1);
      if (range[2] == 1) {
        put(r, "max", st);
      }
    } while (tryConsume(","));
    if (lookingAt("[")) {
      Object holder = new Object();
      // protoc parses the options once, with locations under a placeholder range index, and then
      // copies them to every range of the statement
      List<Location> parsed = new ArrayList<>();
      Location indexLoc = rec == null ? null : rec.openDetached(extensionsLoc, cur(), 0, parsed);
      Location optionsLoc = open(indexLoc, DescriptorProto.ExtensionRange.OPTIONS_FIELD_NUMBER);
      consume("[");
      do {
        parseBracketOption(holder, optionsLoc);
      } while (tryConsume(","));
      consume("]");
      close(optionsLoc);
      close(indexLoc);
      if (rec != null) {
        rec.copyForEach(
            parsed, indexLoc.pathLength() - 1, firstRange, msg.getExtensionRangeCount());
      }
      // the first range has the options as written; protoc knows no position for the copies
      src.copyOptions(holder, ranges.get(0));
      for (int i = 1; i < ranges.size(); i++) {
        for (OptionEntry e : src.options(holder)) {
          src.addOption(ranges.get(i), e.withoutLocation());
        }
      }
    }
    consumeEndOfDeclaration(";", extensionsLoc);
  }

  private void parseBracketOptions(Object owner, Location optionsLoc) {
    consume("[");
    do {
      parseBracketOption(owner, optionsLoc);
    } while (tryConsume(","));
    consume("]");
    close(optionsLoc);
  }

  private void parseReserved(DescriptorProto.Builder msg, Token kw, Location msgLoc) {
    if (reservedNames(
        msg::addReservedNameBytes,
        msg::getReservedNameCount,
        "field name",
        kw,
        msgLoc,
        DescriptorProto.RESERVED_NAME_FIELD_NUMBER)) {
      return;
    }
    Location loc = open(msgLoc, DescriptorProto.RESERVED_RANGE_FIELD_NUMBER);
    if (loc != null) {
      SourceInfoRecorder.startAt(loc, kw);
    }
    boolean first = true;
    do {
      Token st = cur();
      Location rangeLoc = open(loc, msg.getReservedRangeCount());
      DescriptorProto.ReservedRange.Builder r = msg.addReservedRangeBuilder();
      put(r, "number", st);
      long[] range =
          range(
              first ? "Expected field name or number range." : "Expected field number range.",
              false,
              rangeLoc);
      close(rangeLoc);
      r.setStart((int) range[0]).setEnd((int) range[1] + 1);
      if (range[2] == 1) {
        put(r, "max", st);
      }
      first = false;
    } while (tryConsume(","));
    consumeEndOfDeclaration(";", loc);
    close(loc);
  }

  /**
   * Parses reserved names if the statement has them; {@code what} is "field name" or "enum value".
   * The statement is recorded from {@code kw} under {@code parentLoc} and {@code namesField}.
   */
  private boolean reservedNames(
      java.util.function.Consumer<com.google.protobuf.ByteString> add,
      java.util.function.IntSupplier count,
      String what,
      Token kw,
      Location parentLoc,
      int namesField) {
    boolean strings = cur().kind() == Kind.STRING;
    if (!strings && cur().kind() != Kind.IDENTIFIER) {
      return false;
    }
    if (strings && syntax.equals("editions")) {
      throw error("Reserved names must be identifiers in editions, not string literals.");
    }
    if (!strings && !syntax.equals("editions")) {
      throw error("Reserved names must be string literals. (Only editions supports identifiers.)");
    }
    Location loc = open(parentLoc, namesField);
    if (loc != null) {
      SourceInfoRecorder.startAt(loc, kw);
    }
    do {
      Location nameLoc = open(loc, count.getAsInt());
      Token nameTok = cur();
      // a string keeps the bytes its escapes spell, as protoc keeps them
      String raw =
          strings
              ? stringLiteral("Expected " + what + " string literal.")
              : identifier("Expected " + what + " identifier.");
      String name = strings ? utf8(raw) : raw;
      if (strings && !isIdentifier(name)) {
        // protoc warns: before editions any string could be reserved
        diagnostics.add(
            Diagnostic.warning(
                fileName,
                nameTok.line() + 1,
                nameTok.column() + 1,
                "Reserved name \"" + name + "\" is not a valid identifier."));
      }
      add.accept(
          strings
              ? OptionInterpreter.latin1Bytes(raw)
              : com.google.protobuf.ByteString.copyFromUtf8(raw));
      close(nameLoc);
    } while (tryConsume(","));
    consumeEndOfDeclaration(";", loc);
    close(loc);
    return true;
  }

  private String userType() {
    if (cur().kind() == Kind.IDENTIFIER
        && (SCALARS.containsKey(cur().text()) || cur().text().equals("group"))) {
      addError(cur().line(), cur().column(), "Expected message type.");
      p++;
      return tokens.get(p - 1).text();
    }
    return typeName();
  }

  /**
   * Parses {@code extend Type { fields }} after the keyword; {@code extendLoc} is the statement's
   * location, and groups declared in it are recorded under {@code parentLoc} and {@code
   * nestedTypeField}.
   */
  private void parseExtend(
      DescriptorProto.Builder msg, Location extendLoc, Location parentLoc, int nestedTypeField) {
    Token extTok = cur();
    String extendee = userType();
    Token extEnd = tokens.get(p - 1);
    consumeEndOfDeclaration("{", extendLoc);
    boolean first = true;
    do {
      if (atEnd()) {
        throw error("Reached end of input in extend definition (missing '}').");
      }
      Location fieldLoc =
          open(extendLoc, msg != null ? msg.getExtensionCount() : file.getExtensionCount());
      FieldDescriptorProto.Builder f =
          msg != null ? msg.addExtensionBuilder() : file.addExtensionBuilder();
      if (fieldLoc != null) {
        // every field of the block has the extendee's location
        Location extendeeLoc =
            rec.open(fieldLoc, extTok, FieldDescriptorProto.EXTENDEE_FIELD_NUMBER);
        SourceInfoRecorder.endAt(extendeeLoc, extEnd);
      }
      if (first) {
        // protoc only knows where the extendee of the first field is
        put(f, "extendee", extTok);
        first = false;
      }
      try {
        parseField(f, msg, extendee, -1, fieldLoc, parentLoc, nestedTypeField);
      } catch (ParseError e) {
        skipStatement();
      }
      close(fieldLoc);
    } while (!tryConsumeEndOfDeclaration("}", null));
  }

  // ---------------------------------------------------------------- enums

  private void parseEnum(EnumDescriptorProto.Builder en, SymbolVisibility vis, Location enumLoc) {
    Token nameTok = cur();
    Location nameLoc = open(enumLoc, EnumDescriptorProto.NAME_FIELD_NUMBER);
    en.setName(identifier("Expected enum name."));
    close(nameLoc);
    put(en, "name", nameTok);
    if (vis != null) {
      en.setVisibility(vis);
    }
    consumeEndOfDeclaration("{", enumLoc);
    while (!tryConsumeEndOfDeclaration("}", null)) {
      if (atEnd()) {
        throw error("Reached end of input in enum definition (missing '}').");
      }
      try {
        parseEnumStatement(en, enumLoc);
      } catch (ParseError e) {
        skipStatement();
      }
    }
    put(en, "other", cur());
    validateEnum(en);
  }

  /** protoc's parse-time checks of allow_alias; a failure skips the next statement. */
  private void validateEnum(EnumDescriptorProto.Builder en) {
    boolean has = false;
    boolean allow = false;
    for (OptionEntry o : src.options(en)) {
      if (o.name.size() > 1) {
        continue;
      }
      if (!o.name.get(0).extension() && o.name.get(0).name().equals("allow_alias")) {
        has = true;
        allow = o.kind == OptionEntry.ValueKind.IDENTIFIER && o.text.equals("true");
        break;
      }
    }
    if (has && !allow) {
      throw error(
          "\""
              + en.getName()
              + "\" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.");
    }
    Set<Integer> used = new HashSet<>();
    boolean duplicates = false;
    for (EnumValueDescriptorProto.Builder v : en.getValueBuilderList()) {
      if (!used.add(v.getNumber())) {
        duplicates = true;
        break;
      }
    }
    if (allow && !duplicates) {
      throw error(
          "\""
              + en.getName()
              + "\" declares support for enum aliases but no enum values share field numbers. Please remove the unnecessary 'option allow_alias = true;' declaration.");
    }
  }

  /** protoc's parse-time check that map_entry is not set by hand. */
  private void validateMessage(DescriptorProto.Builder msg) {
    for (OptionEntry o : src.options(msg)) {
      if (!o.name.get(0).extension() && o.name.get(0).name().equals("map_entry")) {
        addError(
            o.line,
            o.column,
            "map_entry should not be set explicitly. Use map<KeyType, ValueType> instead.");
        throw new ParseError();
      }
    }
  }

  private void parseEnumStatement(EnumDescriptorProto.Builder en, Location enumLoc) {
    if (tryConsumeEndOfDeclaration(";", null)) {
      return;
    }
    Token t = cur();
    if (lookingAt("option")) {
      Location loc = open(enumLoc, EnumDescriptorProto.OPTIONS_FIELD_NUMBER);
      parseOptionStatement(en, loc);
      close(loc);
      return;
    }
    if (lookingAt("reserved")) {
      p++;
      if (reservedNames(
          en::addReservedNameBytes,
          en::getReservedNameCount,
          "enum value",
          t,
          enumLoc,
          EnumDescriptorProto.RESERVED_NAME_FIELD_NUMBER)) {
        return;
      }
      Location loc = open(enumLoc, EnumDescriptorProto.RESERVED_RANGE_FIELD_NUMBER);
      if (loc != null) {
        SourceInfoRecorder.startAt(loc, t);
      }
      boolean first = true;
      do {
        Token st = cur();
        Location rangeLoc = open(loc, en.getReservedRangeCount());
        EnumDescriptorProto.EnumReservedRange.Builder r = en.addReservedRangeBuilder();
        put(r, "number", st);
        long[] range =
            range(
                first ? "Expected enum value or number range." : "Expected enum number range.",
                true,
                rangeLoc);
        close(rangeLoc);
        r.setStart((int) range[0]).setEnd((int) range[1]);
        first = false;
      } while (tryConsume(","));
      consumeEndOfDeclaration(";", loc);
      close(loc);
      return;
    }
    Location valueLoc = open(enumLoc, EnumDescriptorProto.VALUE_FIELD_NUMBER, en.getValueCount());
    EnumValueDescriptorProto.Builder v = en.addValueBuilder();
    put(v, "name", t);
    Location nameLoc = open(valueLoc, EnumValueDescriptorProto.NAME_FIELD_NUMBER);
    v.setName(identifier("Expected enum constant name."));
    close(nameLoc);
    consume("=", "Missing numeric value for enum constant.");
    Token numTok = cur();
    put(v, "number", numTok);
    Location numberLoc = open(valueLoc, EnumValueDescriptorProto.NUMBER_FIELD_NUMBER);
    boolean neg = tryConsume("-");
    long n = integer("Expected integer.", neg ? INT_MAX.add(BigInteger.ONE) : INT_MAX);
    close(numberLoc);
    v.setNumber((int) (neg ? -n : n));
    if (lookingAt("[")) {
      parseBracketOptions(v, open(valueLoc, EnumValueDescriptorProto.OPTIONS_FIELD_NUMBER));
    }
    consumeEndOfDeclaration(";", valueLoc);
    close(valueLoc);
  }

  // ---------------------------------------------------------------- services

  private void parseService(Location svcLoc) {
    ServiceDescriptorProto.Builder svc = file.addServiceBuilder();
    Token nameTok = cur();
    Location nameLoc = open(svcLoc, ServiceDescriptorProto.NAME_FIELD_NUMBER);
    svc.setName(identifier("Expected service name."));
    close(nameLoc);
    put(svc, "name", nameTok);
    consumeEndOfDeclaration("{", svcLoc);
    while (!tryConsumeEndOfDeclaration("}", null)) {
      if (atEnd()) {
        throw error("Reached end of input in service definition (missing '}').");
      }
      try {
        // a ';' after a method's option block is an empty statement of the service
        if (tryConsumeEndOfDeclaration(";", null)) {
          continue;
        }
        if (lookingAt("option")) {
          Location loc = open(svcLoc, ServiceDescriptorProto.OPTIONS_FIELD_NUMBER);
          parseOptionStatement(svc, loc);
          close(loc);
          continue;
        }
        Location methodLoc =
            open(svcLoc, ServiceDescriptorProto.METHOD_FIELD_NUMBER, svc.getMethodCount());
        consume("rpc", "Expected \"rpc\".");
        parseMethod(svc.addMethodBuilder(), methodLoc);
        close(methodLoc);
      } catch (ParseError e) {
        skipStatement();
      }
    }
  }

  private void parseMethod(MethodDescriptorProto.Builder m, Location methodLoc) {
    Token nameTok = cur();
    Location nameLoc = open(methodLoc, MethodDescriptorProto.NAME_FIELD_NUMBER);
    m.setName(identifier("Expected method name."));
    close(nameLoc);
    put(m, "name", nameTok);
    consume("(");
    if (lookingAt("stream")) {
      Location streamLoc = open(methodLoc, MethodDescriptorProto.CLIENT_STREAMING_FIELD_NUMBER);
      p++;
      close(streamLoc);
      m.setClientStreaming(true);
    }
    put(m, "input", cur());
    Location inputLoc = open(methodLoc, MethodDescriptorProto.INPUT_TYPE_FIELD_NUMBER);
    m.setInputType(userType());
    close(inputLoc);
    consume(")");
    consume("returns");
    consume("(");
    if (lookingAt("stream")) {
      Location streamLoc = open(methodLoc, MethodDescriptorProto.SERVER_STREAMING_FIELD_NUMBER);
      p++;
      close(streamLoc);
      m.setServerStreaming(true);
    }
    put(m, "output", cur());
    Location outputLoc = open(methodLoc, MethodDescriptorProto.OUTPUT_TYPE_FIELD_NUMBER);
    m.setOutputType(userType());
    close(outputLoc);
    consume(")");
    if (lookingAt("{")) {
      consumeEndOfDeclaration("{", methodLoc);
      m.getOptionsBuilder();
      while (!tryConsumeEndOfDeclaration("}", null)) {
        if (atEnd()) {
          throw error("Reached end of input in method options (missing '}').");
        }
        try {
          if (tryConsumeEndOfDeclaration(";", null)) {
            continue;
          }
          Location loc = open(methodLoc, MethodDescriptorProto.OPTIONS_FIELD_NUMBER);
          parseOptionStatement(m, loc);
          close(loc);
        } catch (ParseError e) {
          skipStatement();
        }
      }
    } else {
      consumeEndOfDeclaration(";", methodLoc);
    }
  }
}
