package dev.grpccontract.compiler;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The descriptors of compiled files and their whole import closure, in dependency order: the order
 * {@code protoc --include_imports --descriptor_set_out} writes them.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompilationResult {
  private final List<String> requested;
  private final List<FileDescriptorProto> protos;
  private final List<FileDescriptor> descriptors;
  private final List<Diagnostic> warnings;

  private CompilationResult(
      List<String> requested,
      List<FileDescriptorProto> protos,
      List<FileDescriptor> descriptors,
      List<Diagnostic> warnings) {
    this.requested = List.copyOf(requested);
    this.protos = List.copyOf(protos);
    this.descriptors = List.copyOf(descriptors);
    this.warnings = List.copyOf(warnings);
  }

  static CompilationResult of(
      List<String> requested,
      List<FileDescriptorProto> protos,
      List<FileDescriptor> descriptors,
      List<Diagnostic> warnings) {
    return new CompilationResult(requested, protos, descriptors, warnings);
  }

  /**
   * Warnings protoc would print for the requested files, such as unused imports.
   *
   * @return an immutable list, often empty
   */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /**
   * The names of the files that were asked for, in the order given.
   *
   * @return an immutable list
   */
  public List<String> requestedFiles() {
    return requested;
  }

  /**
   * Every file, imports first, as protoc's descriptor set lists them.
   *
   * @return an immutable list of protos, with source code info only when the compiler was built
   *     with {@link ProtoCompiler.Builder#includeSourceInfo(boolean)}
   */
  public List<FileDescriptorProto> fileDescriptorProtos() {
    return protos;
  }

  /**
   * The built descriptors, parallel to {@link #fileDescriptorProtos()}.
   *
   * <p>{@code google/protobuf/descriptor.proto} is represented by protobuf-java's own {@code
   * DescriptorProtos.getDescriptor()}, so custom options read through the generated option classes.
   *
   * @return an immutable list
   */
  public List<FileDescriptor> fileDescriptors() {
    return descriptors;
  }

  /**
   * The built descriptor of one file of the closure.
   *
   * @param name the file name as imported, not null
   * @return the descriptor, or empty when the file is not part of this result
   */
  public Optional<FileDescriptor> fileDescriptor(String name) {
    Objects.requireNonNull(name, "name");
    return descriptors.stream().filter(d -> d.getName().equals(name)).findFirst();
  }

  /**
   * Finds a message type by its full name in any file of the result.
   *
   * @param fullName for example {@code "google.protobuf.Any"}, not null
   * @return the descriptor, or empty
   */
  public Optional<Descriptor> findMessageType(String fullName) {
    Objects.requireNonNull(fullName, "fullName");
    for (FileDescriptor f : descriptors) {
      String pkg = f.getPackage();
      if (!pkg.isEmpty() && !fullName.startsWith(pkg + ".")) {
        continue;
      }
      String rest = pkg.isEmpty() ? fullName : fullName.substring(pkg.length() + 1);
      String[] parts = rest.split("\\.");
      Descriptor d = f.findMessageTypeByName(parts[0]);
      for (int i = 1; d != null && i < parts.length; i++) {
        d = d.findNestedTypeByName(parts[i]);
      }
      if (d != null) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds a service by its full name in any file of the result.
   *
   * @param fullName for example {@code "grpc.health.v1.Health"}, not null
   * @return the descriptor, or empty
   */
  public Optional<ServiceDescriptor> findService(String fullName) {
    Objects.requireNonNull(fullName, "fullName");
    for (FileDescriptor f : descriptors) {
      for (ServiceDescriptor s : f.getServices()) {
        if (s.getFullName().equals(fullName)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The files as a descriptor set; its serialized bytes equal protoc's {@code --include_imports
   * --descriptor_set_out} output.
   *
   * @return a new set holding every file
   */
  public FileDescriptorSet toFileDescriptorSet() {
    return FileDescriptorSet.newBuilder().addAllFile(protos).build();
  }
}
