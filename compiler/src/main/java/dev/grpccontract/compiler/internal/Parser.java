package dev.grpccontract.compiler.internal;

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
  private int p;
  private boolean hadErrors;

  /** "proto2", "proto3" or "editions". */
  private String syntax = "proto2";

  private Parser(String fileName, String text, List<Diagnostic> diagnostics) {
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
  }

  /** Parses {@code text} as the file {@code fileName}, appending errors to {@code diagnostics}. */
  public static Parsed parse(String fileName, String text, List<Diagnostic> diagnostics) {
    Parser parser = new Parser(fileName, text, diagnostics);
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
        return new BigInteger(text.substring(2), 16);
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
        if (tryConsume(";")) {
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
        if (tryConsume("}")) {
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

  // ---------------------------------------------------------------- file level

  private void parseFile() {
    file.setName(fileName);
    cur();
    if (lookingAt("syntax") || lookingAt("edition")) {
      try {
        if (!parseSyntax()) {
          return;
        }
      } catch (ParseError e) {
        // protoc does not parse a file whose syntax statement is broken
        return;
      }
    }
    while (!atEnd()) {
      try {
        if (!parseTopLevel()) {
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
  }

  private boolean parseSyntax() {
    Token kw = cur();
    p++;
    consume("=");
    Token value = cur();
    String s = utf8(stringLiteral("Expected syntax identifier."));
    consumeEnd();
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

  private void consumeEnd() {
    consume(";");
  }

  private boolean parseTopLevel() {
    if (tryConsume(";")) {
      return true;
    }
    Token t = cur();
    SymbolVisibility vis = visibility();
    if (tryConsume("message")) {
      parseMessage(file.addMessageTypeBuilder(), vis);
      return true;
    }
    if (tryConsume("enum")) {
      parseEnum(file.addEnumTypeBuilder(), vis);
      return true;
    }
    if (tryConsume("service")) {
      parseService();
      return true;
    }
    if (tryConsume("extend")) {
      parseExtend(null, t);
      return true;
    }
    if (tryConsume("import")) {
      parseImport(t);
      return true;
    }
    if (tryConsume("package")) {
      if (file.hasPackage()) {
        addError(t.line(), t.column(), "Multiple package definitions.");
        file.clearPackage();
      }
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
      consumeEnd();
      return true;
    }
    if (tryConsume("option")) {
      parseOption(file);
      consumeEnd();
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

  private void parseImport(Token kw) {
    int index = file.getDependencyCount();
    boolean isOption = false;
    if (!lookingAt("option") && file.getOptionDependencyCount() > 0) {
      addError(
          cur().line(),
          cur().column(),
          "imports should precede any option imports to ensure proto files can roundtrip.");
    }
    if (tryConsume("public")) {
      file.addPublicDependency(index);
    } else if (tryConsume("weak")) {
      file.addWeakDependency(index);
    } else if (lookingAt("option")) {
      if (!syntax.equals("editions")
          || file.getEdition().getNumber() < Edition.EDITION_2024_VALUE) {
        addError(
            cur().line(), cur().column(), "option import is not supported before edition 2024.");
      }
      p++;
      isOption = true;
    }
    String name = utf8(stringLiteral("Expected a string naming the file to import."));
    if (isOption) {
      src.put(file, "option_import:" + file.getOptionDependencyCount(), kw.line(), kw.column());
      file.addOptionDependency(name);
    } else {
      src.put(file, "import:" + name, kw.line(), kw.column());
      file.addDependency(name);
    }
    consumeEnd();
  }

  // ---------------------------------------------------------------- options

  /** Parses {@code name = value} of an option statement and records it for {@code owner}. */
  private void parseOption(Object owner) {
    OptionEntry e = parseOptionAssignment(owner);
    src.addOption(owner, e);
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
      if (tryConsume("(")) {
        StringBuilder sb = new StringBuilder();
        if (cur().kind() == Kind.IDENTIFIER) {
          sb.append(identifier("Expected identifier."));
        }
        while (tryConsume(".")) {
          sb.append('.').append(identifier("Expected identifier."));
        }
        consume(")");
        parts.add(new OptionEntry.NamePart(sb.toString(), true, pt.line(), pt.column()));
      } else {
        parts.add(
            new OptionEntry.NamePart(
                identifier("Expected identifier."), false, pt.line(), pt.column()));
      }
    } while (tryConsume("."));
    consume("=");
    return parseOptionValue(parts, start);
  }

  private OptionEntry parseOptionValue(List<OptionEntry.NamePart> parts, Token start) {
    Token v = cur();
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
    boolean negative = tryConsume("-");
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
          if (!isDecimal(t.text())) {
            throw error("Integer out of range.");
          }
          // protoc reads decimal integers too large for 64 bits as doubles
          p++;
          double d = Double.parseDouble(t.text());
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
  private void parseFieldOptions(FieldDescriptorProto.Builder field, Object optionOwner) {
    if (!tryConsume("[")) {
      return;
    }
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
        parseDefault(field);
      } else if (lookingAt("json_name")) {
        if (src.hasExplicitJsonName(field)) {
          addError(t.line(), t.column(), "Already set option \"json_name\".");
          field.clearJsonName();
        }
        put(field, "json_name", t);
        p++;
        consume("=");
        put(field, "json_value", cur());
        field.setJsonName(utf8(stringLiteral("Expected string for JSON name.")));
        src.markJsonName(field);
      } else {
        src.addOption(optionOwner, parseOptionAssignment(optionOwner));
      }
    } while (tryConsume(","));
    consume("]");
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
          throw error("Unsigned field can't have negative default value.");
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
            if (!isDecimal(t.text())) {
              throw error("Integer out of range.");
            }
            d = Double.parseDouble(t.text());
          } else {
            d = new java.math.BigDecimal(v).doubleValue();
          }
        } else if (t.kind() == Kind.FLOAT) {
          d = parseDouble(t.text());
        } else if (t.kind() == Kind.IDENTIFIER
            && (t.text().equals("inf") || t.text().equals("infinity"))) {
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
          field.setDefaultValue(utf8(stringLiteral("Expected string for field default value.")));
      case TYPE_BYTES ->
          field.setDefaultValue(TextEscaper.cEscape(stringLiteral("Expected string.")));
      case TYPE_GROUP, TYPE_MESSAGE -> throw error("Messages can't have default values.");
      default -> throw error("Expected field default value.");
    }
  }

  // ---------------------------------------------------------------- messages

  private void parseMessage(DescriptorProto.Builder msg, SymbolVisibility vis) {
    Token nameTok = cur();
    msg.setName(identifier("Expected message name."));
    put(msg, "name", nameTok);
    if (vis != null) {
      msg.setVisibility(vis);
    }
    parseMessageBlock(msg);
    generateSyntheticOneofs(msg);
    validateMessage(msg);
  }

  private void parseMessageBlock(DescriptorProto.Builder msg) {
    consume("{");
    while (!tryConsume("}")) {
      if (atEnd()) {
        throw error("Reached end of input in message definition (missing '}').");
      }
      try {
        parseMessageStatement(msg);
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

  private void parseMessageStatement(DescriptorProto.Builder msg) {
    if (tryConsume(";")) {
      return;
    }
    Token t = cur();
    SymbolVisibility vis = visibility();
    if (vis != null || lookingAt("message")) {
      if (lookingAt("enum")) {
        p++;
        parseEnum(msg.addEnumTypeBuilder(), vis);
        return;
      }
      consume("message");
      parseMessage(msg.addNestedTypeBuilder(), vis);
      return;
    }
    if (tryConsume("enum")) {
      parseEnum(msg.addEnumTypeBuilder(), null);
      return;
    }
    if (tryConsume("extensions")) {
      parseExtensions(msg);
      return;
    }
    if (tryConsume("reserved")) {
      parseReserved(msg, t);
      return;
    }
    if (tryConsume("extend")) {
      parseExtend(msg, t);
      return;
    }
    if (tryConsume("option")) {
      parseOption(msg);
      consumeEnd();
      return;
    }
    if (tryConsume("oneof")) {
      parseOneof(msg);
      return;
    }
    FieldDescriptorProto.Builder field = msg.addFieldBuilder();
    parseField(field, msg, null, -1);
  }

  /**
   * Parses a field. {@code container} receives group/map-entry messages; {@code extendee} is
   * non-null inside extend blocks.
   */
  private void parseField(
      FieldDescriptorProto.Builder field,
      DescriptorProto.Builder container,
      String extendee,
      int oneofIndex) {
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
      if (tryConsume("optional")) {
        label = FieldDescriptorProto.Label.LABEL_OPTIONAL;
      } else if (tryConsume("repeated")) {
        label = FieldDescriptorProto.Label.LABEL_REPEATED;
      } else if (tryConsume("required")) {
        label = FieldDescriptorProto.Label.LABEL_REQUIRED;
      }
    }
    put(field, "label", labelTok);
    boolean needsLabel = label == null && oneofIndex < 0 && syntax.equals("proto2");
    Token typeTok = cur();
    put(field, "type", typeTok);
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
      mapKey = typeName();
      consume(",");
      mapValue = typeName();
      consume(">");
    } else if (lookingAt("map")) {
      // like protoc: a lone "map" is the whole type name
      p++;
      if (needsLabel) {
        addError(
            cur().line(), cur().column(), "Expected \"required\", \"optional\", or \"repeated\".");
      }
      field.setTypeName("map");
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
      } else {
        String tn = typeName();
        FieldDescriptorProto.Type st = SCALARS.get(tn);
        if (st != null) {
          field.setType(st);
        } else {
          field.setTypeName(tn);
        }
      }
    }
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
    String name = identifier("Expected field name.");
    put(field, "name", nameTok);
    consume("=", "Missing field number.");
    Token numTok = cur();
    put(field, "number", numTok);
    field.setNumber((int) integer("Expected field number.", INT_MAX));
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
    parseFieldOptions(field, field);
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
      parseMessageBlock(groupMsg);
      generateSyntheticOneofs(groupMsg);
    } else {
      consumeEnd();
    }
  }

  private void setMapType(FieldDescriptorProto.Builder f, String type) {
    FieldDescriptorProto.Type st = SCALARS.get(type);
    if (st != null) {
      f.setType(st);
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

  private void parseOneof(DescriptorProto.Builder msg) {
    OneofDescriptorProto.Builder oneof = msg.addOneofDeclBuilder();
    int index = msg.getOneofDeclCount() - 1;
    Token nameTok = cur();
    // protoc records no position for a oneof's name
    oneof.setName(identifier("Expected oneof name."));
    consume("{");
    do {
      if (atEnd()) {
        throw error("Reached end of input in oneof definition (missing '}').");
      }
      if (lookingAt("option")) {
        p++;
        parseOption(oneof);
        consumeEnd();
        continue;
      }
      if (lookingAt("required") || lookingAt("optional") || lookingAt("repeated")) {
        addError(
            cur().line(),
            cur().column(),
            "Fields in oneofs must not have labels (required / optional / repeated).");
        p++;
      }
      try {
        parseField(msg.addFieldBuilder(), msg, null, index);
      } catch (ParseError e) {
        skipStatement();
      }
    } while (!tryConsume("}"));
  }

  /** Parses {@code start [to (end|max)]}; returns {start, endInclusive, isMax}. */
  private long[] range(String startMessage, boolean signed) {
    long start = signedInteger(startMessage, signed);
    if (!signed && start == Integer.MAX_VALUE) {
      throw error("Field number out of bounds.");
    }
    long end = start;
    boolean max = false;
    if (tryConsume("to")) {
      if (tryConsume("max")) {
        max = true;
        end = signed ? Integer.MAX_VALUE : 536870911L;
      } else {
        end = signedInteger("Expected integer.", signed);
        if (!signed && end == Integer.MAX_VALUE) {
          throw error("Field number out of bounds.");
        }
      }
    }
    return new long[] {start, end, max ? 1 : 0};
  }

  private long signedInteger(String message, boolean signed) {
    if (signed && tryConsume("-")) {
      return -integer(message, INT_MAX.add(BigInteger.ONE));
    }
    return integer(message, INT_MAX);
  }

  private void parseExtensions(DescriptorProto.Builder msg) {
    List<DescriptorProto.ExtensionRange.Builder> ranges = new ArrayList<>();
    do {
      Token st = cur();
      DescriptorProto.ExtensionRange.Builder r = msg.addExtensionRangeBuilder();
      put(r, "number", st);
      ranges.add(r);
      long[] range = range("Expected field number range.", false);
      r.setStart((int) range[0]).setEnd((int) range[1] + 1);
      if (range[2] == 1) {
        put(r, "max", st);
      }
    } while (tryConsume(","));
    if (lookingAt("[")) {
      Object holder = new Object();
      parseBracketOptions(holder);
      for (DescriptorProto.ExtensionRange.Builder r : ranges) {
        src.copyOptions(holder, r);
      }
    }
    consumeEnd();
  }

  private void parseBracketOptions(Object owner) {
    consume("[");
    do {
      src.addOption(owner, parseOptionAssignment(owner));
    } while (tryConsume(","));
    consume("]");
  }

  private void parseReserved(DescriptorProto.Builder msg, Token kw) {
    if (reservedNames(msg::addReservedName, "field name")) {
      return;
    }
    boolean first = true;
    do {
      Token st = cur();
      DescriptorProto.ReservedRange.Builder r = msg.addReservedRangeBuilder();
      put(r, "number", st);
      long[] range =
          range(
              first ? "Expected field name or number range." : "Expected field number range.",
              false);
      r.setStart((int) range[0]).setEnd((int) range[1] + 1);
      if (range[2] == 1) {
        put(r, "max", st);
      }
      first = false;
    } while (tryConsume(","));
    consumeEnd();
  }

  /**
   * Parses reserved names if the statement has them; {@code what} is "field name" or "enum value".
   */
  private boolean reservedNames(java.util.function.Consumer<String> add, String what) {
    if (cur().kind() == Kind.STRING) {
      if (syntax.equals("editions")) {
        throw error("Reserved names must be identifiers in editions, not string literals.");
      }
      do {
        add.accept(utf8(stringLiteral("Expected " + what + " string literal.")));
      } while (tryConsume(","));
      consumeEnd();
      return true;
    }
    if (cur().kind() == Kind.IDENTIFIER) {
      if (!syntax.equals("editions")) {
        throw error(
            "Reserved names must be string literals. (Only editions supports identifiers.)");
      }
      do {
        add.accept(identifier("Expected " + what + " identifier."));
      } while (tryConsume(","));
      consumeEnd();
      return true;
    }
    return false;
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

  private void parseExtend(DescriptorProto.Builder msg, Token kw) {
    Token extTok = cur();
    String extendee = userType();
    consume("{");
    boolean first = true;
    do {
      if (atEnd()) {
        throw error("Reached end of input in extend definition (missing '}').");
      }
      FieldDescriptorProto.Builder f =
          msg != null ? msg.addExtensionBuilder() : file.addExtensionBuilder();
      if (first) {
        // protoc only knows where the extendee of the first field is
        put(f, "extendee", extTok);
        first = false;
      }
      try {
        parseField(f, msg, extendee, -1);
      } catch (ParseError e) {
        skipStatement();
      }
    } while (!tryConsume("}"));
  }

  // ---------------------------------------------------------------- enums

  private void parseEnum(EnumDescriptorProto.Builder en, SymbolVisibility vis) {
    Token nameTok = cur();
    en.setName(identifier("Expected enum name."));
    put(en, "name", nameTok);
    if (vis != null) {
      en.setVisibility(vis);
    }
    consume("{");
    while (!tryConsume("}")) {
      if (atEnd()) {
        throw error("Reached end of input in enum definition (missing '}').");
      }
      try {
        parseEnumStatement(en);
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

  private void parseEnumStatement(EnumDescriptorProto.Builder en) {
    if (tryConsume(";")) {
      return;
    }
    Token t = cur();
    if (lookingAt("option")) {
      p++;
      parseOption(en);
      consumeEnd();
      return;
    }
    if (lookingAt("reserved")) {
      p++;
      if (reservedNames(en::addReservedName, "enum value")) {
        return;
      }
      boolean first = true;
      do {
        Token st = cur();
        EnumDescriptorProto.EnumReservedRange.Builder r = en.addReservedRangeBuilder();
        put(r, "number", st);
        long[] range =
            range(
                first ? "Expected enum value or number range." : "Expected enum number range.",
                true);
        r.setStart((int) range[0]).setEnd((int) range[1]);
        first = false;
      } while (tryConsume(","));
      consumeEnd();
      return;
    }
    EnumValueDescriptorProto.Builder v = en.addValueBuilder();
    put(v, "name", t);
    v.setName(identifier("Expected enum constant name."));
    consume("=", "Missing numeric value for enum constant.");
    Token numTok = cur();
    put(v, "number", numTok);
    boolean neg = tryConsume("-");
    long n = integer("Expected integer.", neg ? INT_MAX.add(BigInteger.ONE) : INT_MAX);
    v.setNumber((int) (neg ? -n : n));
    if (lookingAt("[")) {
      parseBracketOptions(v);
    }
    consumeEnd();
  }

  // ---------------------------------------------------------------- services

  private void parseService() {
    ServiceDescriptorProto.Builder svc = file.addServiceBuilder();
    Token nameTok = cur();
    svc.setName(identifier("Expected service name."));
    put(svc, "name", nameTok);
    consume("{");
    while (!tryConsume("}")) {
      if (atEnd()) {
        throw error("Reached end of input in service definition (missing '}').");
      }
      try {
        if (tryConsume(";")) {
          continue;
        }
        if (tryConsume("option")) {
          parseOption(svc);
          consumeEnd();
          continue;
        }
        Token rpc = cur();
        consume("rpc", "Expected \"rpc\".");
        parseMethod(svc.addMethodBuilder(), rpc);
      } catch (ParseError e) {
        skipStatement();
      }
    }
  }

  private void parseMethod(MethodDescriptorProto.Builder m, Token rpc) {
    Token nameTok = cur();
    m.setName(identifier("Expected method name."));
    put(m, "name", nameTok);
    consume("(");
    if (lookingAt("stream")) {
      p++;
      m.setClientStreaming(true);
    }
    put(m, "input", cur());
    m.setInputType(userType());
    consume(")");
    consume("returns");
    consume("(");
    if (lookingAt("stream")) {
      p++;
      m.setServerStreaming(true);
    }
    put(m, "output", cur());
    m.setOutputType(userType());
    consume(")");
    if (tryConsume("{")) {
      m.getOptionsBuilder();
      while (!tryConsume("}")) {
        if (atEnd()) {
          throw error("Reached end of input in method options (missing '}').");
        }
        try {
          if (tryConsume(";")) {
            continue;
          }
          consume("option", "Expected \"option\".");
          parseOption(m);
          consumeEnd();
        } catch (ParseError e) {
          skipStatement();
        }
      }
      tryConsume(";");
    } else {
      consumeEnd();
    }
  }
}
