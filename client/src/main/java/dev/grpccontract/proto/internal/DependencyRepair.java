package dev.grpccontract.proto.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the imports a file needs but does not list, when another file of the same set defines the
 * type it names. Some reflection servers send every file with an empty dependency list (Node's
 * {@code @grpc/reflection}), which protobuf cannot link; grpcurl fails on them too.
 */
public final class DependencyRepair {

  private DependencyRepair() {}

  /** The files, repaired, and one line per import that was added. */
  public record Result(List<FileDescriptorProto> files, List<String> repairs) {}

  /**
   * Returns {@code files} with the missing imports added: for every type a file names (field types,
   * extendees, method input and output types) that neither it nor its imports define, the file of
   * {@code files} (or protobuf-java's well-known types) that defines it.
   *
   * @param wellKnown files that may define types besides {@code files}, by name
   */
  public static Result repair(
      Collection<FileDescriptorProto> files, Map<String, FileDescriptor> wellKnown) {
    Map<String, String> definedIn = new LinkedHashMap<>();
    for (FileDescriptor file : wellKnown.values()) {
      index(file.toProto(), definedIn);
    }
    for (FileDescriptorProto file : files) {
      index(file, definedIn);
    }
    Map<String, List<String>> imports = new LinkedHashMap<>();
    for (FileDescriptor file : wellKnown.values()) {
      List<String> names = new ArrayList<>();
      for (FileDescriptor dependency : file.getDependencies()) {
        names.add(dependency.getName());
      }
      imports.put(file.getName(), names);
    }
    for (FileDescriptorProto file : files) {
      imports.put(file.getName(), file.getDependencyList());
    }
    List<FileDescriptorProto> repaired = new ArrayList<>();
    List<String> repairs = new ArrayList<>();
    for (FileDescriptorProto file : files) {
      Set<String> listed = new LinkedHashSet<>();
      reachable(file.getDependencyList(), imports, listed);
      Set<String> added = new LinkedHashSet<>();
      for (String[] reference : references(file)) {
        String definer = resolve(reference[0], reference[1], definedIn);
        if (definer != null
            && !definer.equals(file.getName())
            && !listed.contains(definer)
            && added.add(definer)) {
          repairs.add(
              "'"
                  + file.getName()
                  + "' names "
                  + reference[0]
                  + " but does not import '"
                  + definer
                  + "'; added the import");
        }
      }
      repaired.add(added.isEmpty() ? file : file.toBuilder().addAllDependency(added).build());
    }
    return new Result(List.copyOf(repaired), List.copyOf(repairs));
  }

  /**
   * Returns the fully qualified names (without the leading dot) of the types the files name that
   * neither they nor the well-known files define: the types whose files a reflection client still
   * has to ask for.
   */
  public static Set<String> unresolved(
      Collection<FileDescriptorProto> files, Map<String, FileDescriptor> wellKnown) {
    Map<String, String> definedIn = new LinkedHashMap<>();
    for (FileDescriptor file : wellKnown.values()) {
      index(file.toProto(), definedIn);
    }
    for (FileDescriptorProto file : files) {
      index(file, definedIn);
    }
    Set<String> missing = new LinkedHashSet<>();
    for (FileDescriptorProto file : files) {
      for (String[] reference : references(file)) {
        if (reference[0].startsWith(".")
            && resolve(reference[0], reference[1], definedIn) == null) {
          missing.add(reference[0].substring(1));
        }
      }
    }
    return missing;
  }

  /** Adds {@code names} and everything they import, as far as the set knows them. */
  private static void reachable(
      List<String> names, Map<String, List<String>> imports, Set<String> seen) {
    for (String name : names) {
      if (seen.add(name)) {
        reachable(imports.getOrDefault(name, List.of()), imports, seen);
      }
    }
  }

  private static void index(FileDescriptorProto file, Map<String, String> definedIn) {
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    for (DescriptorProto message : file.getMessageTypeList()) {
      index(message, prefix, file.getName(), definedIn);
    }
    for (EnumDescriptorProto type : file.getEnumTypeList()) {
      definedIn.putIfAbsent(prefix + type.getName(), file.getName());
    }
  }

  private static void index(
      DescriptorProto message, String prefix, String file, Map<String, String> definedIn) {
    String name = prefix + message.getName();
    definedIn.putIfAbsent(name, file);
    for (DescriptorProto nested : message.getNestedTypeList()) {
      index(nested, name + ".", file, definedIn);
    }
    for (EnumDescriptorProto type : message.getEnumTypeList()) {
      definedIn.putIfAbsent(name + "." + type.getName(), file);
    }
  }

  /** Each type name the file uses, with the scope it is written in: {name, scope}. */
  private static List<String[]> references(FileDescriptorProto file) {
    List<String[]> references = new ArrayList<>();
    String scope = file.getPackage();
    for (DescriptorProto message : file.getMessageTypeList()) {
      references(message, scope, references);
    }
    for (FieldDescriptorProto extension : file.getExtensionList()) {
      field(extension, scope, references);
    }
    for (ServiceDescriptorProto service : file.getServiceList()) {
      for (MethodDescriptorProto method : service.getMethodList()) {
        references.add(new String[] {method.getInputType(), scope});
        references.add(new String[] {method.getOutputType(), scope});
      }
    }
    return references;
  }

  private static void references(DescriptorProto message, String outer, List<String[]> out) {
    String scope = outer.isEmpty() ? message.getName() : outer + "." + message.getName();
    for (FieldDescriptorProto field : message.getFieldList()) {
      field(field, scope, out);
    }
    for (FieldDescriptorProto extension : message.getExtensionList()) {
      field(extension, scope, out);
    }
    for (DescriptorProto nested : message.getNestedTypeList()) {
      references(nested, scope, out);
    }
  }

  private static void field(FieldDescriptorProto field, String scope, List<String[]> out) {
    if (!field.getTypeName().isEmpty()) {
      out.add(new String[] {field.getTypeName(), scope});
    }
    if (!field.getExtendee().isEmpty()) {
      out.add(new String[] {field.getExtendee(), scope});
    }
  }

  /** Resolves a type name as protobuf does: fully qualified, or from the innermost scope out. */
  private static String resolve(String name, String scope, Map<String, String> definedIn) {
    if (name.startsWith(".")) {
      return definedIn.get(name.substring(1));
    }
    String current = scope;
    while (true) {
      String candidate = current.isEmpty() ? name : current + "." + name;
      String file = definedIn.get(candidate);
      if (file != null) {
        return file;
      }
      if (current.isEmpty()) {
        return null;
      }
      int dot = current.lastIndexOf('.');
      current = dot < 0 ? "" : current.substring(0, dot);
    }
  }
}
