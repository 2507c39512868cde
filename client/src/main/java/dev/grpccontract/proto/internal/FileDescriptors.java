package dev.grpccontract.proto.internal;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link FileDescriptor}s from protos and walks import closures in dependency order. */
public final class FileDescriptors {

  private static final Map<String, FileDescriptor> WELL_KNOWN = wellKnown();

  private FileDescriptors() {}

  private static Map<String, FileDescriptor> wellKnown() {
    Map<String, FileDescriptor> files = new LinkedHashMap<>();
    for (FileDescriptor file :
        List.of(
            AnyProto.getDescriptor(),
            ApiProto.getDescriptor(),
            DescriptorProtos.getDescriptor(),
            DurationProto.getDescriptor(),
            EmptyProto.getDescriptor(),
            FieldMaskProto.getDescriptor(),
            SourceContextProto.getDescriptor(),
            StructProto.getDescriptor(),
            TimestampProto.getDescriptor(),
            TypeProto.getDescriptor(),
            WrappersProto.getDescriptor())) {
      files.put(file.getName(), file);
    }
    return Map.copyOf(files);
  }

  /** Returns protobuf-java's well-known files by name, which every schema may import. */
  public static Map<String, FileDescriptor> wellKnownFiles() {
    return WELL_KNOWN;
  }

  /**
   * Builds every file of {@code protos}, resolving imports among them and, for files the set lacks,
   * from protobuf-java's well-known types.
   *
   * @param origin where the protos came from, for error messages ("descriptor set x.protoset")
   * @throws IllegalArgumentException naming the file and the cause when a file cannot be built
   */
  public static List<FileDescriptor> build(Collection<FileDescriptorProto> protos, String origin) {
    Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
    for (FileDescriptorProto proto : protos) {
      FileDescriptorProto previous = byName.putIfAbsent(proto.getName(), proto);
      if (previous != null && !previous.equals(proto)) {
        throw new IllegalArgumentException(
            origin + " contains two different files named '" + proto.getName() + "'");
      }
    }
    Map<String, FileDescriptor> built = new LinkedHashMap<>();
    for (String name : byName.keySet()) {
      build(name, byName, built, new ArrayDeque<>(), origin);
    }
    List<FileDescriptor> result = new ArrayList<>();
    for (String name : byName.keySet()) {
      result.add(built.get(name));
    }
    return result;
  }

  private static FileDescriptor build(
      String name,
      Map<String, FileDescriptorProto> byName,
      Map<String, FileDescriptor> built,
      Deque<String> path,
      String origin) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = byName.get(name);
    if (proto == null) {
      FileDescriptor wellKnown = WELL_KNOWN.get(name);
      if (wellKnown != null) {
        return wellKnown;
      }
      throw new IllegalArgumentException(
          origin
              + " lacks '"
              + name
              + "', imported by '"
              + path.peekLast()
              + "'. Write the set with its imports (protoc --include_imports"
              + " --descriptor_set_out=...)");
    }
    if (path.contains(name)) {
      throw new IllegalArgumentException(
          origin + " has an import cycle: " + String.join(" -> ", path) + " -> " + name);
    }
    path.addLast(name);
    FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
    for (int i = 0; i < dependencies.length; i++) {
      dependencies[i] = build(proto.getDependency(i), byName, built, path, origin);
    }
    path.removeLast();
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(
          origin + ": '" + name + "' is not a valid file: " + e.getMessage(), e);
    }
  }

  /**
   * Returns {@code roots} and everything they import, each file once, every file after its
   * dependencies.
   */
  public static List<FileDescriptor> closure(Collection<FileDescriptor> roots) {
    Map<String, FileDescriptor> ordered = new LinkedHashMap<>();
    for (FileDescriptor root : roots) {
      visit(root, ordered);
    }
    return new ArrayList<>(ordered.values());
  }

  /**
   * Returns whether two files say the same thing. protoc writes computed {@code json_name}s into
   * descriptor sets but not into generated code, so those are compared as the descriptors compute
   * them, not as stored.
   */
  static boolean sameContent(FileDescriptor a, FileDescriptor b) {
    return normalize(a.toProto()).equals(normalize(b.toProto()))
        && jsonNames(a.getMessageTypes()).equals(jsonNames(b.getMessageTypes()));
  }

  private static FileDescriptorProto normalize(FileDescriptorProto file) {
    FileDescriptorProto.Builder builder = file.toBuilder().clearSourceCodeInfo();
    for (DescriptorProtos.DescriptorProto.Builder message : builder.getMessageTypeBuilderList()) {
      normalize(message);
    }
    for (DescriptorProtos.FieldDescriptorProto.Builder extension :
        builder.getExtensionBuilderList()) {
      extension.clearJsonName();
    }
    return builder.build();
  }

  private static void normalize(DescriptorProtos.DescriptorProto.Builder message) {
    for (DescriptorProtos.FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
      field.clearJsonName();
    }
    for (DescriptorProtos.FieldDescriptorProto.Builder field : message.getExtensionBuilderList()) {
      field.clearJsonName();
    }
    for (DescriptorProtos.DescriptorProto.Builder nested : message.getNestedTypeBuilderList()) {
      normalize(nested);
    }
  }

  private static List<String> jsonNames(List<com.google.protobuf.Descriptors.Descriptor> messages) {
    List<String> names = new ArrayList<>();
    for (com.google.protobuf.Descriptors.Descriptor message : messages) {
      for (com.google.protobuf.Descriptors.FieldDescriptor field : message.getFields()) {
        names.add(field.getJsonName());
      }
      names.addAll(jsonNames(message.getNestedTypes()));
    }
    return names;
  }

  private static void visit(FileDescriptor file, Map<String, FileDescriptor> ordered) {
    if (ordered.containsKey(file.getName())) {
      FileDescriptor existing = ordered.get(file.getName());
      if (existing != file && !sameContent(existing, file)) {
        throw new IllegalArgumentException(
            "Two different files are both named '"
                + file.getName()
                + "'; a schema can hold only one of them");
      }
      return;
    }
    for (FileDescriptor dependency : file.getDependencies()) {
      visit(dependency, ordered);
    }
    ordered.put(file.getName(), file);
  }
}
