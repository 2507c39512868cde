package dev.grpccontract.compat.internal;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.grpccontract.compat.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line and column of descriptors from their file's source code info, by the element paths
 * descriptor.proto defines. Not thread-safe; one per check.
 */
final class Locator {
  // Field numbers of descriptor.proto used in source info paths.
  static final int FILE_PACKAGE = 2;
  static final int FILE_MESSAGE = 4;
  static final int FILE_ENUM = 5;
  static final int FILE_SERVICE = 6;
  static final int FILE_EXTENSION = 7;
  static final int FILE_OPTIONS = 8;
  static final int FILE_SYNTAX = 12;
  static final int MESSAGE_FIELD = 2;
  static final int MESSAGE_NESTED = 3;
  static final int MESSAGE_ENUM = 4;
  static final int MESSAGE_EXTENSION = 6;
  static final int MESSAGE_ONEOF = 8;
  static final int ENUM_VALUE = 2;
  static final int SERVICE_METHOD = 2;

  private final Map<FileDescriptor, Map<List<Integer>, SourceCodeInfo.Location>> spans =
      new IdentityHashMap<>();

  /** Returns the location of the element at {@code path} of {@code file}, or of its parent. */
  Location at(FileDescriptor file, List<Integer> path) {
    Map<List<Integer>, SourceCodeInfo.Location> byPath =
        spans.computeIfAbsent(file, Locator::index);
    for (int n = path.size(); n >= 0; n--) {
      SourceCodeInfo.Location loc = byPath.get(path.subList(0, n));
      if (loc != null && loc.getSpanCount() >= 3) {
        return Location.of(file.getName(), loc.getSpan(0) + 1, loc.getSpan(1) + 1);
      }
    }
    return Location.ofFile(file.getName());
  }

  Location of(Descriptor message) {
    return at(message.getFile(), path(message));
  }

  Location of(EnumDescriptor e) {
    return at(e.getFile(), path(e));
  }

  Location of(FieldDescriptor field) {
    return at(field.getFile(), path(field));
  }

  /** The location of a part of a field: its name (1), type (5), type name (6), json_name (10). */
  Location of(FieldDescriptor field, int part) {
    return at(field.getFile(), concat(path(field), part));
  }

  Location of(OneofDescriptor oneof) {
    return at(
        oneof.getFile(), concat(path(oneof.getContainingType()), MESSAGE_ONEOF, oneof.getIndex()));
  }

  Location of(EnumValueDescriptor value) {
    return at(value.getFile(), concat(path(value.getType()), ENUM_VALUE, value.getIndex()));
  }

  Location of(ServiceDescriptor service) {
    return at(service.getFile(), List.of(FILE_SERVICE, service.getIndex()));
  }

  Location of(MethodDescriptor method, int... more) {
    List<Integer> path =
        concat(
            List.of(FILE_SERVICE, method.getService().getIndex()),
            SERVICE_METHOD,
            method.getIndex());
    for (int m : more) {
      path = concat(path, m);
    }
    return at(method.getFile(), path);
  }

  /** The location of a file-level statement: package, syntax, or an option by field number. */
  Location ofFileStatement(FileDescriptor file, int... path) {
    List<Integer> list = new ArrayList<>();
    for (int p : path) {
      list.add(p);
    }
    return at(file, list);
  }

  static List<Integer> path(Descriptor message) {
    if (message.getContainingType() == null) {
      return List.of(FILE_MESSAGE, message.getIndex());
    }
    return concat(path(message.getContainingType()), MESSAGE_NESTED, message.getIndex());
  }

  static List<Integer> path(EnumDescriptor e) {
    if (e.getContainingType() == null) {
      return List.of(FILE_ENUM, e.getIndex());
    }
    return concat(path(e.getContainingType()), MESSAGE_ENUM, e.getIndex());
  }

  static List<Integer> path(FieldDescriptor field) {
    if (field.isExtension()) {
      if (field.getExtensionScope() == null) {
        return List.of(FILE_EXTENSION, field.getIndex());
      }
      return concat(path(field.getExtensionScope()), MESSAGE_EXTENSION, field.getIndex());
    }
    return concat(path(field.getContainingType()), MESSAGE_FIELD, field.getIndex());
  }

  private static List<Integer> concat(List<Integer> head, int... tail) {
    List<Integer> list = new ArrayList<>(head);
    for (int t : tail) {
      list.add(t);
    }
    return list;
  }

  private static Map<List<Integer>, SourceCodeInfo.Location> index(FileDescriptor file) {
    Map<List<Integer>, SourceCodeInfo.Location> map = new HashMap<>();
    for (SourceCodeInfo.Location loc : file.toProto().getSourceCodeInfo().getLocationList()) {
      map.putIfAbsent(List.copyOf(loc.getPathList()), loc);
    }
    return map;
  }
}
