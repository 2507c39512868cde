package dev.grpccontract.compat;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A breaking-change rule. Every rule of buf's breaking list (configuration v2, buf 1.75) has a
 * constant with buf's id and buf's categories; the {@code GRPC_*} rules, in {@link Category#GRPC},
 * are about running gRPC callers and have no buf counterpart.
 */
public enum Rule {
  /** An enum declared in a file is still declared in that file. */
  ENUM_NO_DELETE(
      "An enum declared in a file is still declared in that file.", Category.CSR, Category.FILE),
  /** An extension declared in a file is still declared in that file. */
  EXTENSION_NO_DELETE(
      "An extension declared in a file is still declared in that file.", Category.FILE),
  /** A file is not deleted. */
  FILE_NO_DELETE("A file is not deleted.", Category.CSR, Category.FILE),
  /** A message declared in a file is still declared in that file. */
  MESSAGE_NO_DELETE(
      "A message declared in a file is still declared in that file.", Category.CSR, Category.FILE),
  /** A service declared in a file is still declared in that file. */
  SERVICE_NO_DELETE("A service declared in a file is still declared in that file.", Category.FILE),
  /** An enum stays open or stays closed. */
  ENUM_SAME_TYPE("An enum stays open or stays closed.", Category.FILE, Category.PACKAGE),
  /** No enum value number is deleted. */
  ENUM_VALUE_NO_DELETE(
      "No enum value number is deleted.", Category.CSR, Category.FILE, Category.PACKAGE),
  /** No extension range is deleted from a message. */
  EXTENSION_MESSAGE_NO_DELETE(
      "No extension range is deleted from a message.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE),
  /** No message field is deleted. */
  FIELD_NO_DELETE("No message field is deleted.", Category.CSR, Category.FILE, Category.PACKAGE),
  /** A field keeps its cardinality (implicit or explicit presence, required, repeated, map). */
  FIELD_SAME_CARDINALITY(
      "A field keeps its cardinality (implicit or explicit presence, required, repeated, map).",
      Category.FILE,
      Category.PACKAGE),
  /** A string or bytes field keeps its C++ string type (ctype). */
  FIELD_SAME_CPP_STRING_TYPE(
      "A string or bytes field keeps its C++ string type (ctype).",
      Category.FILE,
      Category.PACKAGE),
  /** A string field keeps its UTF-8 validation in generated Java code. */
  FIELD_SAME_JAVA_UTF8_VALIDATION(
      "A string field keeps its UTF-8 validation in generated Java code.",
      Category.FILE,
      Category.PACKAGE),
  /** A field keeps its jstype option. */
  FIELD_SAME_JSTYPE("A field keeps its jstype option.", Category.FILE, Category.PACKAGE),
  /** A field keeps its type. */
  FIELD_SAME_TYPE("A field keeps its type.", Category.CSR, Category.FILE, Category.PACKAGE),
  /** A string field keeps its runtime UTF-8 validation. */
  FIELD_SAME_UTF8_VALIDATION(
      "A string field keeps its runtime UTF-8 validation.", Category.FILE, Category.PACKAGE),
  /** The file option cc_enable_arenas keeps its value. */
  FILE_SAME_CC_ENABLE_ARENAS(
      "The file option cc_enable_arenas keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option cc_generic_services keeps its value. */
  FILE_SAME_CC_GENERIC_SERVICES(
      "The file option cc_generic_services keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option csharp_namespace keeps its value. */
  FILE_SAME_CSHARP_NAMESPACE(
      "The file option csharp_namespace keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option go_package keeps its value. */
  FILE_SAME_GO_PACKAGE(
      "The file option go_package keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option java_generic_services keeps its value. */
  FILE_SAME_JAVA_GENERIC_SERVICES(
      "The file option java_generic_services keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option java_multiple_files keeps its value. */
  FILE_SAME_JAVA_MULTIPLE_FILES(
      "The file option java_multiple_files keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option java_outer_classname keeps its value. */
  FILE_SAME_JAVA_OUTER_CLASSNAME(
      "The file option java_outer_classname keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option java_package keeps its value. */
  FILE_SAME_JAVA_PACKAGE(
      "The file option java_package keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option objc_class_prefix keeps its value. */
  FILE_SAME_OBJC_CLASS_PREFIX(
      "The file option objc_class_prefix keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option optimize_for keeps its value. */
  FILE_SAME_OPTIMIZE_FOR(
      "The file option optimize_for keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option php_class_prefix keeps its value. */
  FILE_SAME_PHP_CLASS_PREFIX(
      "The file option php_class_prefix keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option php_metadata_namespace keeps its value. */
  FILE_SAME_PHP_METADATA_NAMESPACE(
      "The file option php_metadata_namespace keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option php_namespace keeps its value. */
  FILE_SAME_PHP_NAMESPACE(
      "The file option php_namespace keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option py_generic_services keeps its value. */
  FILE_SAME_PY_GENERIC_SERVICES(
      "The file option py_generic_services keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option ruby_package keeps its value. */
  FILE_SAME_RUBY_PACKAGE(
      "The file option ruby_package keeps its value.", Category.FILE, Category.PACKAGE),
  /** The file option swift_prefix keeps its value. */
  FILE_SAME_SWIFT_PREFIX(
      "The file option swift_prefix keeps its value.", Category.FILE, Category.PACKAGE),
  /** A file keeps its syntax (proto2, proto3 or editions). */
  FILE_SAME_SYNTAX(
      "A file keeps its syntax (proto2, proto3 or editions).",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE),
  /** A message does not turn on no_standard_descriptor_accessor. */
  MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR(
      "A message does not turn on no_standard_descriptor_accessor.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE),
  /** No oneof is deleted from a message. */
  ONEOF_NO_DELETE(
      "No oneof is deleted from a message.", Category.CSR, Category.FILE, Category.PACKAGE),
  /** No method is deleted from a service. */
  RPC_NO_DELETE("No method is deleted from a service.", Category.FILE, Category.PACKAGE),
  /** An enum does not go from full JSON support to best effort. */
  ENUM_SAME_JSON_FORMAT(
      "An enum does not go from full JSON support to best effort.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON),
  /** Every name an enum value number had is still a name of that number. */
  ENUM_VALUE_SAME_NAME(
      "Every name an enum value number had is still a name of that number.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON),
  /** A field keeps its JSON name. */
  FIELD_SAME_JSON_NAME(
      "A field keeps its JSON name.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON),
  /** A field number keeps its name. */
  FIELD_SAME_NAME(
      "A field number keeps its name.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON),
  /** A message does not go from full JSON support to best effort. */
  MESSAGE_SAME_JSON_FORMAT(
      "A message does not go from full JSON support to best effort.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON),
  /** A field keeps its default value. */
  FIELD_SAME_DEFAULT(
      "A field keeps its default value.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A field stays in the same oneof, or outside any oneof. */
  FIELD_SAME_ONEOF(
      "A field stays in the same oneof, or outside any oneof.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A file keeps its package. */
  FILE_SAME_PACKAGE(
      "A file keeps its package.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /**
   * A message keeps its message_set_wire_format option. Deprecated by buf (in no category of its v2
   * configuration); runs only when named.
   */
  MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT("A message keeps its message_set_wire_format option."),
  /** A message neither gains nor loses required fields. */
  MESSAGE_SAME_REQUIRED_FIELDS(
      "A message neither gains nor loses required fields.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** No reserved number or name is removed from an enum. */
  RESERVED_ENUM_NO_DELETE(
      "No reserved number or name is removed from an enum.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** No reserved number or name is removed from a message. */
  RESERVED_MESSAGE_NO_DELETE(
      "No reserved number or name is removed from a message.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A method keeps client streaming on or off. */
  RPC_SAME_CLIENT_STREAMING(
      "A method keeps client streaming on or off.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A method keeps its idempotency_level. */
  RPC_SAME_IDEMPOTENCY_LEVEL(
      "A method keeps its idempotency_level.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A method keeps its request type name. */
  RPC_SAME_REQUEST_TYPE(
      "A method keeps its request type name.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A method keeps its response type name. */
  RPC_SAME_RESPONSE_TYPE(
      "A method keeps its response type name.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A method keeps server streaming on or off. */
  RPC_SAME_SERVER_STREAMING(
      "A method keeps server streaming on or off.",
      Category.CSR,
      Category.FILE,
      Category.PACKAGE,
      Category.WIRE_JSON,
      Category.WIRE),
  /** An enum of a package is still in that package. */
  PACKAGE_ENUM_NO_DELETE("An enum of a package is still in that package.", Category.PACKAGE),
  /** An extension of a package is still in that package. */
  PACKAGE_EXTENSION_NO_DELETE(
      "An extension of a package is still in that package.", Category.PACKAGE),
  /** A message of a package is still in that package. */
  PACKAGE_MESSAGE_NO_DELETE("A message of a package is still in that package.", Category.PACKAGE),
  /** A package is not deleted. */
  PACKAGE_NO_DELETE("A package is not deleted.", Category.PACKAGE),
  /** A service of a package is still in that package. */
  PACKAGE_SERVICE_NO_DELETE("A service of a package is still in that package.", Category.PACKAGE),
  /** A deleted enum value has its name reserved. */
  ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED(
      "A deleted enum value has its name reserved.", Category.CSR, Category.WIRE_JSON),
  /** A deleted field has its name reserved. */
  FIELD_NO_DELETE_UNLESS_NAME_RESERVED(
      "A deleted field has its name reserved.", Category.CSR, Category.WIRE_JSON),
  /** A field's cardinality changes only in ways the binary and JSON encodings accept. */
  FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY(
      "A field's cardinality changes only in ways the binary and JSON encodings accept.",
      Category.CSR,
      Category.WIRE_JSON),
  /** A field's type changes only in ways the binary and JSON encodings accept. */
  FIELD_WIRE_JSON_COMPATIBLE_TYPE(
      "A field's type changes only in ways the binary and JSON encodings accept.",
      Category.CSR,
      Category.WIRE_JSON),
  /** A deleted enum value has its number reserved. */
  ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED(
      "A deleted enum value has its number reserved.",
      Category.CSR,
      Category.WIRE_JSON,
      Category.WIRE),
  /** A deleted field has its number reserved. */
  FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED(
      "A deleted field has its number reserved.", Category.CSR, Category.WIRE_JSON, Category.WIRE),
  /** A field's cardinality changes only in ways the binary encoding accepts. */
  FIELD_WIRE_COMPATIBLE_CARDINALITY(
      "A field's cardinality changes only in ways the binary encoding accepts.", Category.WIRE),
  /** A field's type changes only in ways the binary encoding accepts. */
  FIELD_WIRE_COMPATIBLE_TYPE(
      "A field's type changes only in ways the binary encoding accepts.", Category.WIRE),
  /** A service callers use still exists under its full name, in any file. */
  GRPC_SERVICE_NO_DELETE(
      "A service callers use still exists under its full name, in any file.", Category.GRPC),
  /** A method callers use still exists in its service. */
  GRPC_METHOD_NO_DELETE("A method callers use still exists in its service.", Category.GRPC),
  /** A method keeps its call kind (unary, client, server or bidi streaming). */
  GRPC_SAME_STREAMING_KIND(
      "A method keeps its call kind (unary, client, server or bidi streaming).", Category.GRPC),
  /**
   * A method's request type keeps a wire shape old callers can still send, compared structurally.
   */
  GRPC_SAME_REQUEST_SHAPE(
      "A method's request type keeps a wire shape old callers can still send, compared structurally.",
      Category.GRPC),
  /**
   * A method's response type keeps a wire shape old callers can still read, compared structurally.
   */
  GRPC_SAME_RESPONSE_SHAPE(
      "A method's response type keeps a wire shape old callers can still read, compared structurally.",
      Category.GRPC);

  private final String purpose;
  private final Set<Category> categories;

  Rule(String purpose, Category... categories) {
    this.purpose = purpose;
    Set<Category> set = EnumSet.noneOf(Category.class);
    set.addAll(Arrays.asList(categories));
    this.categories = Collections.unmodifiableSet(set);
  }

  /** Returns the rule id, the same as buf's for buf's rules. */
  public String id() {
    return name();
  }

  /** Returns one sentence on what the rule checks. */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the categories the rule belongs to, as buf lists them; empty for a {@link
   * #isDeprecated() deprecated} rule, which runs only when named.
   */
  public Set<Category> categories() {
    return categories;
  }

  /**
   * Returns whether buf deprecated the rule and left it out of every category (only {@link
   * #MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT} in buf's v2 configuration).
   */
  public boolean isDeprecated() {
    return categories.isEmpty();
  }

  /** Returns whether the rule is one of buf's (not a {@link Category#GRPC} rule). */
  public boolean isBufRule() {
    return !categories.contains(Category.GRPC);
  }
}
