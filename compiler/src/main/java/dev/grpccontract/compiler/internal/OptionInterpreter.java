package dev.grpccontract.compiler.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions.OptionRetention;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import dev.grpccontract.compiler.Diagnostic;
import dev.grpccontract.compiler.internal.OptionEntry.NamePart;
import dev.grpccontract.compiler.internal.OptionEntry.ValueKind;
import dev.grpccontract.compiler.internal.Pool.Kind;
import dev.grpccontract.compiler.internal.Pool.Symbol;
import dev.grpccontract.compiler.internal.Tokenizer.Token;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns option statements into options messages, as protoc's OptionInterpreter does. */
public final class OptionInterpreter {

  /** Java descriptors of every extension and message known to the compilation. */
  public static final class Registry {
    final ExtensionRegistry extensions = ExtensionRegistry.newInstance();
    final Map<String, FieldDescriptor> extensionsByName = new HashMap<>();
    final Map<String, Descriptor> messagesByName = new HashMap<>();
    final Map<String, OptionRetention> retentionOverride = new HashMap<>();
    final Map<String, com.google.protobuf.Descriptors.EnumDescriptor> enumsByName = new HashMap<>();

    /** The enum of a compiled file by full name, or null. */
    public com.google.protobuf.Descriptors.EnumDescriptor findEnum(String fullName) {
      return enumsByName.get(fullName);
    }

    /** Adds every extension and message type of a built file. */
    public void addFile(com.google.protobuf.Descriptors.FileDescriptor fd) {
      for (FieldDescriptor x : fd.getExtensions()) {
        addExtension(x);
      }
      for (Descriptor d : fd.getMessageTypes()) {
        addMessage(d);
      }
      for (com.google.protobuf.Descriptors.EnumDescriptor e : fd.getEnumTypes()) {
        enumsByName.put(e.getFullName(), e);
      }
    }

    private void addMessage(Descriptor d) {
      messagesByName.put(d.getFullName(), d);
      for (com.google.protobuf.Descriptors.EnumDescriptor e : d.getEnumTypes()) {
        enumsByName.put(e.getFullName(), e);
      }
      for (FieldDescriptor x : d.getExtensions()) {
        addExtension(x);
      }
      for (Descriptor n : d.getNestedTypes()) {
        addMessage(n);
      }
    }

    private void addExtension(FieldDescriptor x) {
      extensionsByName.put(x.getFullName(), x);
      if (x.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        extensions.add(x, DynamicMessage.getDefaultInstance(x.getMessageType()));
      } else {
        extensions.add(x);
      }
    }
  }

  private final FileDescriptorProto.Builder file;
  private final SourceTable src;
  private final Linker linker;
  private final Registry registry;
  private final List<Diagnostic> diagnostics;
  private boolean hadErrors;
  private boolean reparse;

  /** Whether to note, for source code info, the path each option statement sets. */
  private boolean recordPaths;

  private OptionInterpreter(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Linker linker,
      Registry registry,
      List<Diagnostic> diagnostics) {
    this.file = file;
    this.src = src;
    this.linker = linker;
    this.registry = registry;
    this.diagnostics = diagnostics;
  }

  /** Interprets every option of the file into its builders; returns false on errors. */
  public static boolean interpret(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Linker linker,
      Registry registry,
      List<Diagnostic> diagnostics) {
    return interpret(file, src, linker, registry, diagnostics, false);
  }

  /**
   * Interprets every option of the file into its builders; returns false on errors. With {@code
   * recordPaths}, each option statement also learns the path of the option it sets, relative to its
   * element's options (field numbers, and an index for a repeated option), which is where protoc
   * moves the statement's source location.
   */
  public static boolean interpret(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Linker linker,
      Registry registry,
      List<Diagnostic> diagnostics,
      boolean recordPaths) {
    OptionInterpreter oi = new OptionInterpreter(file, src, linker, registry, diagnostics);
    oi.recordPaths = recordPaths;
    oi.run();
    return !oi.hadErrors;
  }

  /** One element's options being interpreted. */
  private static final class Job {
    final Object element;
    final String scope;
    final Message existing;
    final java.util.function.Consumer<Message> setter;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream interpreted = new ByteArrayOutputStream();

    /** How often each repeated option path was set so far, for source code info. */
    Map<List<Integer>, Integer> repeatedCounts;

    Job(
        Object element,
        String scope,
        Message existing,
        java.util.function.Consumer<Message> setter) {
      this.element = element;
      this.scope = scope;
      this.existing = existing;
      this.setter = setter;
    }
  }

  private final List<Job> jobs = new ArrayList<>();

  private void job(
      Object element, String scope, Message existing, java.util.function.Consumer<Message> setter) {
    if (!src.options(element).isEmpty()) {
      jobs.add(new Job(element, scope, existing, setter));
    }
  }

  private void run() {
    String pkg = file.getPackage();
    String prefix = pkg.isEmpty() ? "" : pkg + ".";
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      message(prefix, m);
    }
    for (EnumDescriptorProto.Builder e : file.getEnumTypeBuilderList()) {
      enumType(prefix, e);
    }
    for (ServiceDescriptorProto.Builder s : file.getServiceBuilderList()) {
      String sn = prefix + s.getName();
      for (MethodDescriptorProto.Builder m : s.getMethodBuilderList()) {
        job(
            m,
            sn + "." + m.getName(),
            m.getOptions(),
            o -> m.setOptions((DescriptorProtos.MethodOptions) o));
      }
      job(s, sn, s.getOptions(), o -> s.setOptions((DescriptorProtos.ServiceOptions) o));
    }
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      field(prefix, x);
    }
    job(
        file,
        pkg.isEmpty() ? "dummy" : pkg + ".dummy",
        file.getOptions(),
        o -> file.setOptions((DescriptorProtos.FileOptions) o));
    for (Job j : jobs) {
      try {
        j.existing.writeTo(j.bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (boolean extensions : new boolean[] {false, true}) {
      for (Job j : jobs) {
        Descriptor optionsType = j.existing.getDescriptorForType();
        for (OptionEntry entry : src.options(j.element)) {
          if (entry.name.get(0).extension() != extensions) {
            continue;
          }
          try {
            byte[] chunk = interpretOne(entry, optionsType, j, j.interpreted.toByteArray());
            j.bytes.writeBytes(chunk);
            j.interpreted.writeBytes(chunk);
          } catch (OptionError e) {
            break;
          }
        }
      }
    }
    for (Job j : jobs) {
      try {
        j.setter.accept(
            j.existing.getParserForType().parseFrom(j.bytes.toByteArray(), registry.extensions));
      } catch (InvalidProtocolBufferException e) {
        error(0, 0, "Internal error: options did not parse: " + e.getMessage());
      }
    }
  }

  private void message(String prefix, DescriptorProto.Builder m) {
    String full = prefix + m.getName();
    for (OneofDescriptorProto.Builder o : m.getOneofDeclBuilderList()) {
      job(
          o,
          full + "." + o.getName(),
          o.getOptions(),
          x -> o.setOptions((DescriptorProtos.OneofOptions) x));
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      field(full + ".", f);
    }
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      enumType(full + ".", e);
    }
    for (DescriptorProto.ExtensionRange.Builder r : m.getExtensionRangeBuilderList()) {
      job(r, full, r.getOptions(), x -> r.setOptions((DescriptorProtos.ExtensionRangeOptions) x));
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      field(full + ".", x);
    }
    job(m, full, m.getOptions(), x -> m.setOptions((DescriptorProtos.MessageOptions) x));
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      message(full + ".", n);
    }
  }

  private void field(String prefix, FieldDescriptorProto.Builder f) {
    job(
        f,
        prefix + f.getName(),
        f.getOptions(),
        x -> f.setOptions((DescriptorProtos.FieldOptions) x));
  }

  private void enumType(String prefix, EnumDescriptorProto.Builder e) {
    String full = prefix + e.getName();
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      job(
          v,
          prefix + v.getName(),
          v.getOptions(),
          x -> v.setOptions((DescriptorProtos.EnumValueOptions) x));
    }
    job(e, full, e.getOptions(), x -> e.setOptions((DescriptorProtos.EnumOptions) x));
  }

  private static final class OptionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OptionError() {
      super(null, null, false, false);
    }
  }

  /** protoc's error for an option name part that names no field or extension of {@code type}. */
  private OptionError notAFieldOf(OptionEntry entry, CharSequence name, Descriptor type) {
    return error(
        entry.line,
        entry.column,
        "Option field \""
            + name
            + "\" is not a field or extension of message \""
            + type.getName()
            + "\".");
  }

  private OptionError error(int line, int column, String message) {
    hadErrors = true;
    diagnostics.add(
        line < -1
            ? Diagnostic.of(file.getName(), 0, 0, message)
            : Diagnostic.of(file.getName(), line + 1, column + 1, message));
    return new OptionError();
  }

  private byte[] interpretOne(OptionEntry entry, Descriptor optionsType, Job job, byte[] soFar) {
    String scope = job.scope;
    // protoc looks the options message up in the pool, which counts as using descriptor.proto
    linker.lookupNoError(
        "." + optionsType.getFullName(), scope, false, new String[1], new String[1]);
    Descriptor descriptor = optionsType;
    List<FieldDescriptor> path = new ArrayList<>();
    StringBuilder debug = new StringBuilder();
    FieldDescriptor field = null;
    for (NamePart part : entry.name) {
      if (part.name().isEmpty()) {
        hadErrors = true;
        diagnostics.add(
            Diagnostic.of(file.getName(), 0, 0, "Uninterpreted option is missing name or value."));
        throw new OptionError();
      }
    }
    for (int i = 0; i < entry.name.size(); i++) {
      NamePart part = entry.name.get(i);
      if (debug.length() > 0) {
        debug.append('.');
      }
      if (part.extension()) {
        debug.append('(').append(part.name()).append(')');
        String[] undeclared = new String[1];
        String[] resolved = new String[1];
        Symbol s = linker.lookupNoError(part.name(), scope, false, undeclared, resolved);
        field = null;
        if (s != null && s.kind() == Kind.EXTENSION) {
          field = registry.extensionsByName.get(s.fullName());
        }
        if (s != null && s.kind() == Kind.FIELD) {
          // protoc takes any field the name resolves to: one of this options message is the
          // field itself, any other is not an option here
          String owner = s.fullName().substring(0, s.fullName().lastIndexOf('.'));
          if (!owner.equals(descriptor.getFullName())) {
            throw notAFieldOf(entry, debug, descriptor);
          }
          field = descriptor.findFieldByName(s.fullName().substring(owner.length() + 1));
        }
        if (field != null) {
          linker.markUsed(s.file());
        }
        if (field == null) {
          if (resolved[0] != null) {
            throw error(
                entry.line,
                entry.column,
                "Option \""
                    + debug
                    + "\" is resolved to \"("
                    + resolved[0]
                    + ")\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \"(."
                    + debug.substring(1)
                    + "\") to start from the outermost scope.");
          }
          throw error(
              entry.line,
              entry.column,
              "Option \""
                  + debug
                  + "\" unknown. Ensure that your proto definition file imports the proto which defines the option (i.e. via import option after edition 2024).");
        }
        if (!field.getContainingType().getFullName().equals(descriptor.getFullName())) {
          throw notAFieldOf(entry, debug, descriptor);
        }
      } else {
        debug.append(part.name());
        if (part.name().equals("uninterpreted_option") && i == 0) {
          throw error(
              entry.line,
              entry.column,
              "Option must not use reserved name \"uninterpreted_option\".");
        }
        field = descriptor.findFieldByName(part.name());
        if (field == null) {
          throw error(
              entry.line,
              entry.column,
              "Option \""
                  + debug
                  + "\" unknown. Ensure that your proto definition file imports the proto which defines the option (i.e. via import option after edition 2024).");
        }
      }
      path.add(field);
      if (i < entry.name.size() - 1) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          throw error(
              entry.line,
              entry.column,
              "Option \"" + debug + "\" is an atomic type, not a message.");
        }
        if (field.isRepeated()) {
          throw error(
              entry.line,
              entry.column,
              "Option field \""
                  + debug
                  + "\" is a repeated message. Repeated message options must be initialized using an aggregate value.");
        }
        descriptor = field.getMessageType();
      }
    }
    // protoc's check: a non-repeated leaf already present in what was interpreted so far
    if (!field.isRepeated() && isSet(soFar, path, 0)) {
      throw error(entry.line, entry.column, "Option \"" + debug + "\" was already set.");
    }
    if (recordPaths) {
      recordPath(entry, path, job);
    }
    byte[] value = encodeValue(field, entry, field.getFullName(), scope);
    for (int i = path.size() - 2; i >= 0; i--) {
      FieldDescriptor outer = path.get(i);
      value = wrap(outer, value);
    }
    return value;
  }

  /** Notes the field numbers the option sets, plus its index when the option is repeated. */
  private static void recordPath(OptionEntry entry, List<FieldDescriptor> path, Job job) {
    List<Integer> numbers = new ArrayList<>(path.size());
    for (FieldDescriptor f : path) {
      numbers.add(f.getNumber());
    }
    boolean repeated = path.get(path.size() - 1).isRepeated();
    int[] result = new int[numbers.size() + (repeated ? 1 : 0)];
    for (int i = 0; i < numbers.size(); i++) {
      result[i] = numbers.get(i);
    }
    if (repeated) {
      if (job.repeatedCounts == null) {
        job.repeatedCounts = new HashMap<>();
      }
      result[numbers.size()] = job.repeatedCounts.merge(numbers, 1, Integer::sum) - 1;
    }
    entry.interpretedPath = result;
  }

  /** Whether the leaf of {@code path} occurs in {@code data}, descending through its parents. */
  private static boolean isSet(byte[] data, List<FieldDescriptor> path, int depth) {
    int number = path.get(depth).getNumber();
    boolean leaf = depth == path.size() - 1;
    try {
      com.google.protobuf.CodedInputStream in =
          com.google.protobuf.CodedInputStream.newInstance(data);
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        int n = WireFormat.getTagFieldNumber(tag);
        int type = WireFormat.getTagWireType(tag);
        if (n == number && leaf) {
          return true;
        }
        if (n == number && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          if (isSet(in.readByteArray(), path, depth + 1)) {
            return true;
          }
        } else if (n == number && type == WireFormat.WIRETYPE_START_GROUP) {
          int start = in.getTotalBytesRead();
          in.skipField(tag);
          int end = in.getTotalBytesRead() - CodedOutputStream.computeTagSize(n);
          byte[] group = java.util.Arrays.copyOfRange(data, start, end);
          if (isSet(group, path, depth + 1)) {
            return true;
          }
        } else {
          in.skipField(tag);
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static byte[] wrap(FieldDescriptor outer, byte[] inner) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      if (outer.getType() == FieldDescriptor.Type.GROUP) {
        cos.writeTag(outer.getNumber(), WireFormat.WIRETYPE_START_GROUP);
        cos.writeRawBytes(inner);
        cos.writeTag(outer.getNumber(), WireFormat.WIRETYPE_END_GROUP);
      } else {
        cos.writeTag(outer.getNumber(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
        cos.writeUInt32NoTag(inner.length);
        cos.writeRawBytes(inner);
      }
      cos.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private byte[] encodeValue(FieldDescriptor field, OptionEntry e, String name, String scope) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    int n = field.getNumber();
    int vl = e.valueLine;
    int vc = e.valueColumn;
    try {
      switch (field.getType()) {
        case INT32, SINT32, SFIXED32 -> {
          long v;
          if (e.kind == ValueKind.POSITIVE_INT) {
            if (Long.compareUnsigned(e.intValue, Integer.MAX_VALUE) > 0) {
              throw error(
                  vl,
                  vc,
                  "Value out of range, -2147483648 to 2147483647, for int32 option \""
                      + name
                      + "\".");
            }
            v = e.intValue;
          } else if (e.kind == ValueKind.NEGATIVE_INT) {
            if (e.intValue < Integer.MIN_VALUE) {
              throw error(
                  vl,
                  vc,
                  "Value out of range, -2147483648 to 2147483647, for int32 option \""
                      + name
                      + "\".");
            }
            v = e.intValue;
          } else {
            throw error(
                vl,
                vc,
                "Value must be integer, from -2147483648 to 2147483647, for int32 option \""
                    + name
                    + "\".");
          }
          switch (field.getType()) {
            case INT32 -> cos.writeInt32(n, (int) v);
            case SINT32 -> cos.writeSInt32(n, (int) v);
            default -> cos.writeSFixed32(n, (int) v);
          }
        }
        case INT64, SINT64, SFIXED64 -> {
          long v;
          if (e.kind == ValueKind.POSITIVE_INT) {
            if (e.intValue < 0) {
              throw error(
                  vl,
                  vc,
                  "Value out of range, -9223372036854775808 to 9223372036854775807, for int64 option \""
                      + name
                      + "\".");
            }
            v = e.intValue;
          } else if (e.kind == ValueKind.NEGATIVE_INT) {
            v = e.intValue;
          } else {
            throw error(
                vl,
                vc,
                "Value must be integer, from -9223372036854775808 to 9223372036854775807, for int64 option \""
                    + name
                    + "\".");
          }
          switch (field.getType()) {
            case INT64 -> cos.writeInt64(n, v);
            case SINT64 -> cos.writeSInt64(n, v);
            default -> cos.writeSFixed64(n, v);
          }
        }
        case UINT32, FIXED32 -> {
          if (e.kind != ValueKind.POSITIVE_INT) {
            throw error(
                vl,
                vc,
                "Value must be integer, from 0 to 4294967295, for uint32 option \"" + name + "\".");
          }
          if (Long.compareUnsigned(e.intValue, 0xFFFFFFFFL) > 0) {
            throw error(
                vl, vc, "Value out of range, 0 to 4294967295, for uint32 option \"" + name + "\".");
          }
          if (field.getType() == FieldDescriptor.Type.UINT32) {
            cos.writeUInt32(n, (int) e.intValue);
          } else {
            cos.writeFixed32(n, (int) e.intValue);
          }
        }
        case UINT64, FIXED64 -> {
          if (e.kind != ValueKind.POSITIVE_INT) {
            throw error(
                vl,
                vc,
                "Value must be integer, from 0 to 18446744073709551615, for uint64 option \""
                    + name
                    + "\".");
          }
          if (field.getType() == FieldDescriptor.Type.UINT64) {
            cos.writeUInt64(n, e.intValue);
          } else {
            cos.writeFixed64(n, e.intValue);
          }
        }
        case FLOAT, DOUBLE -> {
          double d;
          switch (e.kind) {
            case DOUBLE -> d = e.doubleValue;
            case POSITIVE_INT -> d = unsignedToDouble(e.intValue);
            case NEGATIVE_INT -> d = e.intValue;
            case IDENTIFIER -> {
              if (e.text.equals("inf")) {
                d = Double.POSITIVE_INFINITY;
              } else if (e.text.equals("nan")) {
                d = Double.NaN;
              } else {
                throw error(
                    vl,
                    vc,
                    "Value must be number for "
                        + (field.getType() == FieldDescriptor.Type.FLOAT ? "float" : "double")
                        + " option \""
                        + name
                        + "\".");
              }
            }
            default ->
                throw error(
                    vl,
                    vc,
                    "Value must be number for "
                        + (field.getType() == FieldDescriptor.Type.FLOAT ? "float" : "double")
                        + " option \""
                        + name
                        + "\".");
          }
          if (field.getType() == FieldDescriptor.Type.FLOAT) {
            cos.writeFloat(n, (float) d);
          } else {
            cos.writeDouble(n, d);
          }
        }
        case BOOL -> {
          if (e.kind != ValueKind.IDENTIFIER) {
            throw error(vl, vc, "Value must be identifier for boolean option \"" + name + "\".");
          }
          if (e.text.equals("true")) {
            cos.writeBool(n, true);
          } else if (e.text.equals("false")) {
            cos.writeBool(n, false);
          } else {
            throw error(
                vl, vc, "Value must be \"true\" or \"false\" for boolean option \"" + name + "\".");
          }
        }
        case ENUM -> {
          if (e.kind != ValueKind.IDENTIFIER) {
            throw error(
                vl, vc, "Value must be identifier for enum-valued option \"" + name + "\".");
          }
          EnumValueDescriptor ev = field.getEnumType().findValueByName(e.text);
          if (ev == null) {
            throw error(
                vl,
                vc,
                "Enum type \""
                    + field.getEnumType().getFullName()
                    + "\" has no value named \""
                    + e.text
                    + "\" for option \""
                    + name
                    + "\"."
                    + siblingHint(field.getEnumType(), e.text));
          }
          cos.writeEnum(n, ev.getNumber());
        }
        case STRING, BYTES -> {
          if (e.kind != ValueKind.STRING) {
            throw error(vl, vc, "Value must be quoted string for string option \"" + name + "\".");
          }
          cos.writeBytes(n, latin1Bytes(e.text));
        }
        case MESSAGE, GROUP -> {
          if (e.kind != ValueKind.AGGREGATE) {
            throw error(
                vl,
                vc,
                "Option \""
                    + name
                    + "\" is a message. To set the entire message, use syntax like \""
                    + field.getName()
                    + " = { <proto text format> }\". To set fields within it, use syntax like \""
                    + field.getName()
                    + ".foo = value\".");
          }
          DynamicMessage.Builder b = DynamicMessage.newBuilder(field.getMessageType());
          try {
            new TextParser(e.aggregate, scope).parseMessage(b, null);
          } catch (TextError te) {
            throw error(
                vl,
                vc,
                "Error while parsing option value for \""
                    + field.getName()
                    + "\": "
                    + te.getMessage());
          }
          byte[] inner = b.buildPartial().toByteArray();
          cos.flush();
          return wrap(field, inner);
        }
      }
      cos.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  /** protoc's hint when the name is a value of another enum declared next to the expected one. */
  private static String siblingHint(
      com.google.protobuf.Descriptors.EnumDescriptor type, String value) {
    List<com.google.protobuf.Descriptors.EnumDescriptor> siblings =
        type.getContainingType() != null
            ? type.getContainingType().getEnumTypes()
            : type.getFile().getEnumTypes();
    for (com.google.protobuf.Descriptors.EnumDescriptor sibling : siblings) {
      if (sibling != type && sibling.findValueByName(value) != null) {
        return " This appears to be a value from a sibling type.";
      }
    }
    return "";
  }

  static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    return ((v >>> 1) | (v & 1)) * 2.0;
  }

  static ByteString latin1Bytes(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return ByteString.copyFrom(b);
  }

  // ---------------------------------------------------------------- retention

  /**
   * The message without its source-retention fields, at any depth. {@code path} is where the
   * message sits in the file's descriptor; when {@link #strippedPaths} is collected, the path of
   * every removed field is added to it.
   */
  private Message strip(Message original, int[] path) {
    Message m = original;
    if (reparse) {
      reparse = false;
      try {
        m = original.getParserForType().parseFrom(original.toByteString(), registry.extensions);
      } catch (InvalidProtocolBufferException e) {
        m = original;
      } finally {
        reparse = true;
      }
    }
    Message.Builder b = null;
    for (Map.Entry<FieldDescriptor, Object> en : m.getAllFields().entrySet()) {
      FieldDescriptor f = en.getKey();
      int[] fieldPath = append(path, f.getNumber());
      if (retention(f) == OptionRetention.RETENTION_SOURCE) {
        if (b == null) {
          b = m.toBuilder();
        }
        b.clearField(f);
        if (strippedPaths != null) {
          strippedPaths.add(fieldPath);
        }
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (f.isRepeated()) {
          List<?> list = (List<?>) en.getValue();
          List<Message> out = new ArrayList<>();
          boolean changed = false;
          for (int i = 0; i < list.size(); i++) {
            Message o = (Message) list.get(i);
            Message s = strip(o, append(fieldPath, i));
            changed |= s != o;
            out.add(s);
          }
          if (changed) {
            if (b == null) {
              b = m.toBuilder();
            }
            b.clearField(f);
            for (Message s : out) {
              b.addRepeatedField(f, s);
            }
          }
        } else {
          Message s = strip((Message) en.getValue(), fieldPath);
          if (s != en.getValue()) {
            if (b == null) {
              b = m.toBuilder();
            }
            b.setField(f, s);
          }
        }
      }
    }
    return b == null ? m : b.buildPartial();
  }

  /** {@code path} extended by {@code a}, or null when paths are not collected. */
  private static int[] append(int[] path, int a) {
    if (path == null) {
      return null;
    }
    int[] p = java.util.Arrays.copyOf(path, path.length + 1);
    p[path.length] = a;
    return p;
  }

  private static int[] append(int[] path, int a, int b) {
    return append(append(path, a), b);
  }

  private static int[] append(int[] path, int a, int b, int c) {
    return append(append(append(path, a), b), c);
  }

  private OptionRetention retention(FieldDescriptor f) {
    OptionRetention r = registry.retentionOverride.get(f.getFullName());
    if (r != null) {
      return r;
    }
    return f.getOptions().getRetention();
  }

  /** Paths (as in source code info) of everything stripping removed; null when not wanted. */
  private List<int[]> strippedPaths;

  /** Removes options with source retention from every options message of the file. */
  public static void stripAll(
      FileDescriptorProto.Builder file, SourceTable src, Registry registry) {
    stripAll(file, src, registry, null);
  }

  /**
   * Removes options with source retention from every options message of the file; when {@code
   * strippedPaths} is not null, the source-code-info path of everything removed is added to it, so
   * that the locations under it can be dropped as protoc does.
   */
  public static void stripAll(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Registry registry,
      List<int[]> strippedPaths) {
    OptionInterpreter oi = new OptionInterpreter(file, src, null, registry, new ArrayList<>());
    oi.reparse = true;
    oi.strippedPaths = strippedPaths;
    int[] root = strippedPaths == null ? null : new int[0];
    oi.stripOptions(
        file.hasOptions(),
        file.getOptions(),
        file::clearOptions,
        file::setOptions,
        append(root, FileDescriptorProto.OPTIONS_FIELD_NUMBER));
    for (int i = 0; i < file.getMessageTypeCount(); i++) {
      oi.stripMessage(
          file.getMessageTypeBuilder(i),
          append(root, FileDescriptorProto.MESSAGE_TYPE_FIELD_NUMBER, i));
    }
    for (int i = 0; i < file.getEnumTypeCount(); i++) {
      oi.stripEnum(
          file.getEnumTypeBuilder(i), append(root, FileDescriptorProto.ENUM_TYPE_FIELD_NUMBER, i));
    }
    for (int i = 0; i < file.getServiceCount(); i++) {
      ServiceDescriptorProto.Builder s = file.getServiceBuilder(i);
      int[] sp = append(root, FileDescriptorProto.SERVICE_FIELD_NUMBER, i);
      oi.stripOptions(
          s.hasOptions(),
          s.getOptions(),
          s::clearOptions,
          s::setOptions,
          append(sp, ServiceDescriptorProto.OPTIONS_FIELD_NUMBER));
      for (int j = 0; j < s.getMethodCount(); j++) {
        MethodDescriptorProto.Builder m = s.getMethodBuilder(j);
        oi.stripOptions(
            m.hasOptions(),
            m.getOptions(),
            m::clearOptions,
            m::setOptions,
            append(
                sp,
                ServiceDescriptorProto.METHOD_FIELD_NUMBER,
                j,
                MethodDescriptorProto.OPTIONS_FIELD_NUMBER));
      }
    }
    for (int i = 0; i < file.getExtensionCount(); i++) {
      oi.stripField(
          file.getExtensionBuilder(i), append(root, FileDescriptorProto.EXTENSION_FIELD_NUMBER, i));
    }
  }

  /**
   * Replaces one element's options with their source-retention-stripped form; options that
   * stripping empties are cleared, as protoc drops an options message left with nothing in it.
   */
  private <O extends Message> void stripOptions(
      boolean present,
      O options,
      Runnable clear,
      java.util.function.Consumer<O> set,
      int[] optionsPath) {
    if (!present) {
      return;
    }
    @SuppressWarnings("unchecked") // strip returns a message of its argument's type
    O stripped = (O) strip(options, optionsPath);
    if (stripped.getSerializedSize() == 0 && options.getSerializedSize() != 0) {
      clear.run();
      if (strippedPaths != null) {
        strippedPaths.add(optionsPath);
      }
    } else {
      set.accept(stripped);
    }
  }

  private void stripField(FieldDescriptorProto.Builder f, int[] path) {
    stripOptions(
        f.hasOptions(),
        f.getOptions(),
        f::clearOptions,
        f::setOptions,
        append(path, FieldDescriptorProto.OPTIONS_FIELD_NUMBER));
  }

  private void stripMessage(DescriptorProto.Builder m, int[] path) {
    stripOptions(
        m.hasOptions(),
        m.getOptions(),
        m::clearOptions,
        m::setOptions,
        append(path, DescriptorProto.OPTIONS_FIELD_NUMBER));
    for (int i = 0; i < m.getFieldCount(); i++) {
      stripField(m.getFieldBuilder(i), append(path, DescriptorProto.FIELD_FIELD_NUMBER, i));
    }
    for (int i = 0; i < m.getExtensionCount(); i++) {
      stripField(m.getExtensionBuilder(i), append(path, DescriptorProto.EXTENSION_FIELD_NUMBER, i));
    }
    for (int i = 0; i < m.getNestedTypeCount(); i++) {
      stripMessage(
          m.getNestedTypeBuilder(i), append(path, DescriptorProto.NESTED_TYPE_FIELD_NUMBER, i));
    }
    for (int i = 0; i < m.getEnumTypeCount(); i++) {
      stripEnum(m.getEnumTypeBuilder(i), append(path, DescriptorProto.ENUM_TYPE_FIELD_NUMBER, i));
    }
    for (int i = 0; i < m.getExtensionRangeCount(); i++) {
      DescriptorProto.ExtensionRange.Builder r = m.getExtensionRangeBuilder(i);
      stripOptions(
          r.hasOptions(),
          r.getOptions(),
          r::clearOptions,
          r::setOptions,
          append(
              path,
              DescriptorProto.EXTENSION_RANGE_FIELD_NUMBER,
              i,
              DescriptorProto.ExtensionRange.OPTIONS_FIELD_NUMBER));
    }
    for (int i = 0; i < m.getOneofDeclCount(); i++) {
      OneofDescriptorProto.Builder o = m.getOneofDeclBuilder(i);
      stripOptions(
          o.hasOptions(),
          o.getOptions(),
          o::clearOptions,
          o::setOptions,
          append(
              path,
              DescriptorProto.ONEOF_DECL_FIELD_NUMBER,
              i,
              OneofDescriptorProto.OPTIONS_FIELD_NUMBER));
    }
  }

  private void stripEnum(EnumDescriptorProto.Builder e, int[] path) {
    stripOptions(
        e.hasOptions(),
        e.getOptions(),
        e::clearOptions,
        e::setOptions,
        append(path, EnumDescriptorProto.OPTIONS_FIELD_NUMBER));
    for (int i = 0; i < e.getValueCount(); i++) {
      EnumValueDescriptorProto.Builder v = e.getValueBuilder(i);
      stripOptions(
          v.hasOptions(),
          v.getOptions(),
          v::clearOptions,
          v::setOptions,
          append(
              path,
              EnumDescriptorProto.VALUE_FIELD_NUMBER,
              i,
              EnumValueDescriptorProto.OPTIONS_FIELD_NUMBER));
    }
  }

  /** Records the retention of every field of a file whose Java descriptor lacks its options. */
  public static void recordRetention(FileDescriptorProto.Builder file, Registry registry) {
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      registry.retentionOverride.put(prefix + x.getName(), x.getOptions().getRetention());
    }
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      recordRetention(prefix, m, registry);
    }
  }

  private static void recordRetention(String prefix, DescriptorProto.Builder m, Registry registry) {
    String full = prefix + m.getName();
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      registry.retentionOverride.put(full + "." + f.getName(), f.getOptions().getRetention());
    }
    for (FieldDescriptorProto.Builder f : m.getExtensionBuilderList()) {
      registry.retentionOverride.put(full + "." + f.getName(), f.getOptions().getRetention());
    }
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      recordRetention(full + ".", n, registry);
    }
  }

  // ---------------------------------------------------------------- text format

  private static final class TextError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TextError(String message) {
      super(message, null, false, false);
    }
  }

  /** A protobuf text-format parser over the tokens of an aggregate option value. */
  private final class TextParser {
    private final List<Token> tokens;
    private final String scope;
    private int p;

    TextParser(List<Token> tokens, String scope) {
      this.tokens = tokens;
      this.scope = scope;
    }

    private Token cur() {
      return p < tokens.size() ? tokens.get(p) : null;
    }

    private boolean lookingAt(String s) {
      Token t = cur();
      return t != null && t.kind() != Tokenizer.Kind.STRING && t.text().equals(s);
    }

    private boolean tryConsume(String s) {
      if (lookingAt(s)) {
        p++;
        return true;
      }
      return false;
    }

    private TextError err(String message) {
      Token t = cur();
      if (t == null) {
        return new TextError(message);
      }
      return new TextError(message);
    }

    private void consume(String s) {
      if (!tryConsume(s)) {
        throw err("Expected \"" + s + "\", found \"" + (cur() == null ? "" : cur().text()) + "\".");
      }
    }

    void parseMessage(Message.Builder b, String close) {
      Set<FieldDescriptor> seen = new HashSet<>();
      while (true) {
        if (close == null ? cur() == null : (lookingAt("}") || lookingAt(">"))) {
          if (close != null) {
            consume(close);
          }
          return;
        }
        parseField(b, seen);
        if (!tryConsume(";")) {
          tryConsume(",");
        }
      }
    }

    private void parseField(Message.Builder b, Set<FieldDescriptor> seen) {
      Descriptor type = b.getDescriptorForType();
      FieldDescriptor field;
      if (tryConsume("[")) {
        // like protoc's text parser: the URL characters up to "]", then validation
        StringBuilder text = new StringBuilder();
        while (cur() != null && isUrlChars(cur())) {
          text.append(cur().text());
          p++;
        }
        if (!lookingAt("]")) {
          // protoc reads these characters one by one, so a string shows as its quote
          String found =
              cur() == null
                  ? ""
                  : cur().kind() == Tokenizer.Kind.STRING
                      ? cur().text().substring(0, 1)
                      : cur().text();
          throw err("Expected \"]\", found \"" + found + "\".");
        }
        p++;
        String all = text.toString();
        int slash = all.lastIndexOf('/');
        String prefix = slash < 0 ? "" : all.substring(0, slash + 1);
        String n = slash < 0 ? all : all.substring(slash + 1);
        if (prefix.equals("/")) {
          throw err("Type URL prefix is empty");
        }
        if (prefix.startsWith("/")) {
          throw err("Type URL starts with \"/\"");
        }
        for (String part : n.split("\\.", -1)) {
          if (!isIdentifier(part)) {
            throw err("Invalid identifier in type name, got: \"" + part + "\"");
          }
        }
        if (type.getFullName().equals("google.protobuf.Any")) {
          if (prefix.isEmpty()) {
            throw err("Type URL prefix is missing");
          }
          Descriptor anyType =
              prefix.equals("type.googleapis.com/") || prefix.equals("type.googleprod.com/")
                  ? registry.messagesByName.get(n)
                  : null;
          if (anyType != null) {
            linker.lookupNoError("." + n, scope, false, new String[1], new String[1]);
          }
          if (anyType == null) {
            throw err("Could not find type \"" + all + "\" stored in google.protobuf.Any.");
          }
          tryConsume(":");
          String close = tryConsume("<") ? ">" : null;
          if (close == null) {
            consume("{");
            close = "}";
          }
          DynamicMessage.Builder inner = DynamicMessage.newBuilder(anyType);
          parseMessage(inner, close);
          FieldDescriptor url = type.findFieldByNumber(1);
          FieldDescriptor value = type.findFieldByNumber(2);
          b.setField(url, all);
          b.setField(value, inner.buildPartial().toByteString());
          return;
        }
        if (!prefix.isEmpty()) {
          throw err("Extension name contains \"/\"");
        }
        String[] undeclared = new String[1];
        String[] resolved = new String[1];
        Symbol s = linker.lookupNoError(n, scope, false, undeclared, resolved);
        field = s == null ? null : registry.extensionsByName.get(s.fullName());
        if (field == null) {
          throw err(
              "Extension \""
                  + n
                  + "\" is not defined or is not an extension of \""
                  + type.getFullName()
                  + "\".");
        }
        if (!field.getContainingType().getFullName().equals(type.getFullName())) {
          throw err(
              "Extension \""
                  + n
                  + "\" does not extend message type \""
                  + type.getFullName()
                  + "\".");
        }
      } else {
        String n = identifier();
        field = type.findFieldByName(n);
        if (field == null) {
          FieldDescriptor lower = type.findFieldByName(n.toLowerCase(java.util.Locale.ROOT));
          if (lower != null
              && lower.getType() == FieldDescriptor.Type.GROUP
              && lower.getMessageType().getName().equals(n)) {
            field = lower;
          }
        }
        if (field == null) {
          for (FieldDescriptor f : type.getFields()) {
            if (f.getType() == FieldDescriptor.Type.GROUP
                && f.getMessageType().getName().equals(n)) {
              field = f;
            }
          }
        }
        if (field == null) {
          throw err(
              "Message type \"" + type.getFullName() + "\" has no field named \"" + n + "\".");
        }
      }
      if (!field.isRepeated() && !seen.add(field)) {
        throw err("Non-repeated field \"" + field.getName() + "\" is specified multiple times.");
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        tryConsume(":");
        if (field.isRepeated() && tryConsume("[")) {
          if (!tryConsume("]")) {
            while (true) {
              b.addRepeatedField(field, parseSubMessage(b, field));
              if (tryConsume("]")) {
                break;
              }
              consume(",");
            }
          }
          return;
        }
        Message m = parseSubMessage(b, field);
        if (field.isRepeated()) {
          b.addRepeatedField(field, m);
        } else {
          b.setField(field, m);
        }
        return;
      }
      consume(":");
      if (field.isRepeated() && tryConsume("[")) {
        if (!tryConsume("]")) {
          while (true) {
            b.addRepeatedField(field, parseScalar(field));
            if (tryConsume("]")) {
              break;
            }
            consume(",");
          }
        }
        return;
      }
      Object v = parseScalar(field);
      if (field.isRepeated()) {
        b.addRepeatedField(field, v);
      } else {
        b.setField(field, v);
      }
    }

    private Message parseSubMessage(Message.Builder parent, FieldDescriptor field) {
      String close;
      if (tryConsume("<")) {
        close = ">";
      } else {
        consume("{");
        close = "}";
      }
      Message.Builder sub = DynamicMessage.newBuilder(field.getMessageType());
      parseMessage(sub, close);
      return sub.buildPartial();
    }

    private boolean isUrlChars(Token t) {
      if (t.kind() == Tokenizer.Kind.STRING || t.kind() == Tokenizer.Kind.END) {
        return false;
      }
      for (char c : t.text().toCharArray()) {
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || "-.~!$&()*+,;=%/".indexOf(c) >= 0;
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    private boolean isIdentifier(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
          return false;
        }
      }
      return true;
    }

    private String identifier() {
      Token t = cur();
      if (t == null || t.kind() != Tokenizer.Kind.IDENTIFIER) {
        throw err("Expected identifier, got: " + (t == null ? "" : t.text()));
      }
      p++;
      return t.text();
    }

    private Object parseScalar(FieldDescriptor f) {
      boolean neg = false;
      if (f.getJavaType() != FieldDescriptor.JavaType.STRING
          && f.getJavaType() != FieldDescriptor.JavaType.BYTE_STRING
          && tryConsume("-")) {
        neg = true;
      }
      Token t = cur();
      if (t == null) {
        // protoc's text parser sees an empty end token here
        t = new Token(Tokenizer.Kind.END, "", 0, 0, 0, 0);
      }
      switch (f.getJavaType()) {
        case STRING, BYTE_STRING -> {
          if (t.kind() != Tokenizer.Kind.STRING) {
            throw err("Expected string, got: " + t.text());
          }
          StringBuilder sb = new StringBuilder();
          while (cur() != null && cur().kind() == Tokenizer.Kind.STRING) {
            sb.append(Tokenizer.unescape(cur().text()));
            p++;
          }
          if (f.getJavaType() == FieldDescriptor.JavaType.STRING) {
            return Parser.utf8(sb.toString());
          }
          return latin1Bytes(sb.toString());
        }
        case BOOLEAN -> {
          if (t.kind() == Tokenizer.Kind.INTEGER) {
            p++;
            java.math.BigInteger b = Parser.parseInteger(t.text());
            if (b == null || b.compareTo(java.math.BigInteger.ONE) > 0) {
              throw err("Integer out of range (" + t.text() + ")");
            }
            return b.signum() != 0;
          }
          if (t.kind() != Tokenizer.Kind.IDENTIFIER) {
            throw err("Expected identifier, got: " + t.text());
          }
          p++;
          switch (t.text()) {
            case "true", "True", "t" -> {
              return true;
            }
            case "false", "False", "f" -> {
              return false;
            }
            default ->
                throw err(
                    "Invalid value for boolean field \""
                        + f.getName()
                        + "\". Value: \""
                        + t.text()
                        + "\".");
          }
        }
        case ENUM -> {
          if (t.kind() != Tokenizer.Kind.END) {
            p++;
          }
          if (t.kind() == Tokenizer.Kind.IDENTIFIER) {
            EnumValueDescriptor ev = f.getEnumType().findValueByName(t.text());
            if (ev == null) {
              throw err(
                  "Unknown enumeration value of \""
                      + t.text()
                      + "\" for field \""
                      + f.getName()
                      + "\".");
            }
            return ev;
          }
          if (t.kind() != Tokenizer.Kind.INTEGER) {
            throw err("Expected integer or identifier, got: " + t.text());
          }
          long v = Parser.parseInteger(t.text()).longValue();
          int number = (int) (neg ? -v : v);
          EnumValueDescriptor known = f.getEnumType().findValueByNumber(number);
          if (known == null && f.getEnumType().isClosed()) {
            throw err(
                "Unknown enumeration value of \""
                    + (neg ? "-" : "")
                    + t.text()
                    + "\" for field \""
                    + f.getName()
                    + "\".");
          }
          return known != null ? known : f.getEnumType().findValueByNumberCreatingIfUnknown(number);
        }
        case FLOAT, DOUBLE -> {
          p++;
          double d;
          if (t.kind() == Tokenizer.Kind.IDENTIFIER) {
            String s = t.text().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("inf") || s.equals("infinity")) {
              d = Double.POSITIVE_INFINITY;
            } else if (s.equals("nan")) {
              d = Double.NaN;
            } else {
              throw err("Expected double, got: " + t.text());
            }
          } else if (t.kind() == Tokenizer.Kind.INTEGER || t.kind() == Tokenizer.Kind.FLOAT) {
            d = Parser.parseDouble(t.text());
          } else {
            throw err("Expected double, got: " + t.text());
          }
          if (neg) {
            d = -d;
          }
          return f.getJavaType() == FieldDescriptor.JavaType.FLOAT
              ? (Object) (float) d
              : (Object) d;
        }
        default -> {
          boolean unsigned =
              switch (f.getType()) {
                case UINT32, UINT64, FIXED32, FIXED64 -> true;
                default -> false;
              };
          if (unsigned && neg) {
            // protoc's text parser reads no sign for an unsigned field: the '-' is no integer
            throw err("Expected integer, got: -");
          }
          if (t.kind() != Tokenizer.Kind.INTEGER) {
            throw err("Expected integer, got: " + t.text());
          }
          p++;
          java.math.BigInteger v = Parser.parseInteger(t.text());
          if (neg) {
            v = v.negate();
          }
          boolean is64 = f.getJavaType() == FieldDescriptor.JavaType.LONG;
          java.math.BigInteger min =
              unsigned
                  ? java.math.BigInteger.ZERO
                  : java.math.BigInteger.ONE.shiftLeft(is64 ? 63 : 31).negate();
          java.math.BigInteger max =
              unsigned
                  ? java.math.BigInteger.ONE
                      .shiftLeft(is64 ? 64 : 32)
                      .subtract(java.math.BigInteger.ONE)
                  : java.math.BigInteger.ONE
                      .shiftLeft(is64 ? 63 : 31)
                      .subtract(java.math.BigInteger.ONE);
          if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            // protoc's text parser names the number without its sign
            throw err("Integer out of range (" + t.text() + ")");
          }
          if (!is64) {
            return v.intValue();
          }
          return v.longValue();
        }
      }
    }
  }
}
