package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProtoOrBuilder;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProtoOrBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** All symbols of the files compiled so far, like protoc's descriptor pool. */
public final class Pool {

  /** Symbol kinds. */
  public enum Kind {
    PACKAGE,
    MESSAGE,
    ENUM,
    ENUM_VALUE,
    FIELD,
    EXTENSION,
    ONEOF,
    SERVICE,
    METHOD;

    boolean isType() {
      return this == MESSAGE || this == ENUM;
    }

    boolean isAggregate() {
      return this == MESSAGE || this == ENUM || this == PACKAGE || this == SERVICE;
    }
  }

  /** A named element; {@code element} is the proto or builder that defines it. */
  public record Symbol(Kind kind, String fullName, String file, Object element) {}

  private final Map<String, Symbol> symbols = new HashMap<>();
  private final Map<String, String> filePackages = new HashMap<>();

  Symbol find(String fullName) {
    return symbols.get(fullName);
  }

  /** The message proto (or builder) with this full name, or null. */
  com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder findMessage(String fullName) {
    Symbol s = symbols.get(fullName);
    return s != null && s.kind() == Kind.MESSAGE
        ? (com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder) s.element()
        : null;
  }

  /** Forgets every symbol a file defined, as protoc rolls back a file that failed. */
  void rollback(String file) {
    symbols.values().removeIf(s -> s.file().equals(file));
    filePackages.remove(file);
  }

  void setPackage(String file, String pkg) {
    filePackages.put(file, pkg);
  }

  /** Adds a symbol; returns the existing one on conflict (then nothing is added). */
  Symbol add(Symbol s) {
    Symbol old = symbols.get(s.fullName());
    if (old != null) {
      if (old.kind() == Kind.PACKAGE && s.kind() == Kind.PACKAGE) {
        return null;
      }
      return old;
    }
    symbols.put(s.fullName(), s);
    return null;
  }

  /** Whether {@code s} may be used from a file that sees {@code visible} files. */
  boolean isVisible(Symbol s, Set<String> visible) {
    if (visible.contains(s.file())) {
      return true;
    }
    if (s.kind() == Kind.PACKAGE) {
      for (String f : visible) {
        String pkg = filePackages.get(f);
        if (pkg != null && (pkg.equals(s.fullName()) || pkg.startsWith(s.fullName() + "."))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Registers every symbol of an already compiled file (no conflict checks). */
  void addCompiled(com.google.protobuf.DescriptorProtos.FileDescriptorProto f) {
    String pkg = f.getPackage();
    setPackage(f.getName(), pkg);
    if (!pkg.isEmpty()) {
      String[] parts = pkg.split("\\.");
      String acc = "";
      for (String part : parts) {
        acc = acc.isEmpty() ? part : acc + "." + part;
        if (!symbols.containsKey(acc)) {
          symbols.put(acc, new Symbol(Kind.PACKAGE, acc, f.getName(), null));
        }
      }
    }
    String prefix = pkg.isEmpty() ? "" : pkg + ".";
    for (DescriptorProtoOrBuilder m : f.getMessageTypeList()) {
      addMessage(prefix, m, f.getName());
    }
    for (EnumDescriptorProtoOrBuilder e : f.getEnumTypeList()) {
      addEnum(prefix, e, f.getName());
    }
    for (FieldDescriptorProtoOrBuilder x : f.getExtensionList()) {
      symbols.putIfAbsent(
          prefix + x.getName(), new Symbol(Kind.EXTENSION, prefix + x.getName(), f.getName(), x));
    }
    for (var s : f.getServiceList()) {
      String sn = prefix + s.getName();
      symbols.putIfAbsent(sn, new Symbol(Kind.SERVICE, sn, f.getName(), s));
      for (var m : s.getMethodList()) {
        symbols.putIfAbsent(
            sn + "." + m.getName(),
            new Symbol(Kind.METHOD, sn + "." + m.getName(), f.getName(), m));
      }
    }
  }

  private void addMessage(String prefix, DescriptorProtoOrBuilder m, String file) {
    String full = prefix + m.getName();
    symbols.putIfAbsent(full, new Symbol(Kind.MESSAGE, full, file, m));
    for (var o : m.getOneofDeclList()) {
      symbols.putIfAbsent(
          full + "." + o.getName(), new Symbol(Kind.ONEOF, full + "." + o.getName(), file, o));
    }
    for (var fl : m.getFieldList()) {
      symbols.putIfAbsent(
          full + "." + fl.getName(), new Symbol(Kind.FIELD, full + "." + fl.getName(), file, fl));
    }
    for (var n : m.getNestedTypeList()) {
      addMessage(full + ".", n, file);
    }
    for (var e : m.getEnumTypeList()) {
      addEnum(full + ".", e, file);
    }
    for (var x : m.getExtensionList()) {
      symbols.putIfAbsent(
          full + "." + x.getName(), new Symbol(Kind.EXTENSION, full + "." + x.getName(), file, x));
    }
  }

  private void addEnum(String prefix, EnumDescriptorProtoOrBuilder e, String file) {
    String full = prefix + e.getName();
    symbols.putIfAbsent(full, new Symbol(Kind.ENUM, full, file, e));
    for (var v : e.getValueList()) {
      symbols.putIfAbsent(
          prefix + v.getName(), new Symbol(Kind.ENUM_VALUE, prefix + v.getName(), file, v));
      symbols.putIfAbsent(
          full + "." + v.getName(), new Symbol(Kind.ENUM_VALUE, full + "." + v.getName(), file, v));
    }
  }
}
