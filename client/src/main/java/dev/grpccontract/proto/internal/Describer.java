package dev.grpccontract.proto.internal;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders services, methods, messages and enums in {@code .proto} syntax, with the leading comments
 * of the file's {@code source_code_info} when it has them (like {@code grpcurl describe}).
 */
public final class Describer {

  // Field numbers of descriptor.proto, which make up source_code_info location paths.
  private static final int FILE_MESSAGE = 4;
  private static final int FILE_ENUM = 5;
  private static final int FILE_SERVICE = 6;
  private static final int MESSAGE_FIELD = 2;
  private static final int MESSAGE_NESTED = 3;
  private static final int MESSAGE_ENUM = 4;
  private static final int ENUM_VALUE = 2;
  private static final int SERVICE_METHOD = 2;

  private Describer() {}

  /** Describes a service with its methods. */
  public static String describe(ServiceDescriptor service) {
    StringBuilder out = new StringBuilder();
    comment(out, service.getFile(), path(service), "");
    out.append("service ").append(service.getName()).append(" {\n");
    for (MethodDescriptor method : service.getMethods()) {
      comment(out, method.getFile(), path(method), "  ");
      out.append("  ").append(signature(method)).append('\n');
    }
    return out.append("}\n").toString();
  }

  /** Describes one method. */
  public static String describe(MethodDescriptor method) {
    StringBuilder out = new StringBuilder();
    comment(out, method.getFile(), path(method), "");
    return out.append(signature(method)).append('\n').toString();
  }

  /** Describes a message with its fields, oneofs, nested types and enums. */
  public static String describe(Descriptor message) {
    StringBuilder out = new StringBuilder();
    message(out, message, "");
    return out.toString();
  }

  /** Describes an enum with its values. */
  public static String describe(EnumDescriptor type) {
    StringBuilder out = new StringBuilder();
    enumeration(out, type, "");
    return out.toString();
  }

  private static String signature(MethodDescriptor method) {
    return "rpc "
        + method.getName()
        + "("
        + (method.isClientStreaming() ? "stream " : "")
        + "."
        + method.getInputType().getFullName()
        + ") returns ("
        + (method.isServerStreaming() ? "stream " : "")
        + "."
        + method.getOutputType().getFullName()
        + ");";
  }

  private static void message(StringBuilder out, Descriptor message, String indent) {
    comment(out, message.getFile(), path(message), indent);
    out.append(indent).append("message ").append(message.getName()).append(" {\n");
    String inner = indent + "  ";
    List<OneofDescriptor> printedOneofs = new ArrayList<>();
    for (FieldDescriptor field : message.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null) {
        if (!printedOneofs.contains(oneof)) {
          printedOneofs.add(oneof);
          out.append(inner).append("oneof ").append(oneof.getName()).append(" {\n");
          for (FieldDescriptor member : oneof.getFields()) {
            field(out, member, inner + "  ", false);
          }
          out.append(inner).append("}\n");
        }
        continue;
      }
      field(out, field, inner, true);
    }
    for (Descriptor nested : message.getNestedTypes()) {
      if (!nested.getOptions().getMapEntry()) {
        message(out, nested, inner);
      }
    }
    for (EnumDescriptor nested : message.getEnumTypes()) {
      enumeration(out, nested, inner);
    }
    out.append(indent).append("}\n");
  }

  private static void field(
      StringBuilder out, FieldDescriptor field, String indent, boolean label) {
    comment(out, field.getFile(), path(field), indent);
    out.append(indent);
    if (field.isMapField()) {
      out.append("map<")
          .append(typeName(field.getMessageType().findFieldByName("key")))
          .append(", ")
          .append(typeName(field.getMessageType().findFieldByName("value")))
          .append("> ");
    } else {
      if (label) {
        if (field.isRepeated()) {
          out.append("repeated ");
        } else if (field.isRequired()) {
          out.append("required ");
        } else if (field.hasPresence() && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          out.append("optional ");
        }
      }
      out.append(typeName(field)).append(' ');
    }
    out.append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
  }

  private static String typeName(FieldDescriptor field) {
    switch (field.getType()) {
      case MESSAGE:
      case GROUP:
        return "." + field.getMessageType().getFullName();
      case ENUM:
        return "." + field.getEnumType().getFullName();
      default:
        return field.getType().name().toLowerCase(Locale.ROOT);
    }
  }

  private static void enumeration(StringBuilder out, EnumDescriptor type, String indent) {
    comment(out, type.getFile(), path(type), indent);
    out.append(indent).append("enum ").append(type.getName()).append(" {\n");
    for (EnumValueDescriptor value : type.getValues()) {
      comment(out, type.getFile(), path(value), indent + "  ");
      out.append(indent)
          .append("  ")
          .append(value.getName())
          .append(" = ")
          .append(value.getNumber())
          .append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private static void comment(
      StringBuilder out, FileDescriptor file, List<Integer> path, String indent) {
    String text = comments(file).get(path);
    if (text == null || text.isBlank()) {
      return;
    }
    for (String line : text.stripTrailing().split("\n", -1)) {
      out.append(indent)
          .append("//")
          .append(line.isEmpty() ? "" : line.startsWith(" ") ? line : " " + line)
          .append('\n');
    }
  }

  private static Map<List<Integer>, String> comments(FileDescriptor file) {
    Map<List<Integer>, String> comments = new HashMap<>();
    SourceCodeInfo info = file.toProto().getSourceCodeInfo();
    for (SourceCodeInfo.Location location : info.getLocationList()) {
      if (location.hasLeadingComments()) {
        comments.put(List.copyOf(location.getPathList()), location.getLeadingComments());
      }
    }
    return comments;
  }

  private static List<Integer> path(ServiceDescriptor service) {
    return List.of(FILE_SERVICE, service.getIndex());
  }

  private static List<Integer> path(MethodDescriptor method) {
    return List.of(FILE_SERVICE, method.getService().getIndex(), SERVICE_METHOD, method.getIndex());
  }

  private static List<Integer> path(Descriptor message) {
    List<Integer> path = new ArrayList<>();
    if (message.getContainingType() == null) {
      path.add(FILE_MESSAGE);
    } else {
      path.addAll(path(message.getContainingType()));
      path.add(MESSAGE_NESTED);
    }
    path.add(message.getIndex());
    return path;
  }

  private static List<Integer> path(FieldDescriptor field) {
    if (field.isExtension()) {
      return List.of();
    }
    List<Integer> path = new ArrayList<>(path(field.getContainingType()));
    path.add(MESSAGE_FIELD);
    path.add(field.getIndex());
    return path;
  }

  private static List<Integer> path(EnumDescriptor type) {
    List<Integer> path = new ArrayList<>();
    if (type.getContainingType() == null) {
      path.add(FILE_ENUM);
    } else {
      path.addAll(path(type.getContainingType()));
      path.add(MESSAGE_ENUM);
    }
    path.add(type.getIndex());
    return path;
  }

  private static List<Integer> path(EnumValueDescriptor value) {
    List<Integer> path = new ArrayList<>(path(value.getType()));
    path.add(ENUM_VALUE);
    path.add(value.getIndex());
    return path;
  }
}
