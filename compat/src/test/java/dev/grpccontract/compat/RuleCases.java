package dev.grpccontract.compat;

import dev.grpccontract.compiler.ProtoCompiler;
import dev.grpccontract.proto.ProtoSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule table: for every rule, a pair of small schemas that breaks it (with a fragment of the
 * explanation expected) and a pair that does not. Shared by the rule test and the buf oracle.
 */
final class RuleCases {
  private RuleCases() {}

  /** One row: the rule, a breaking before/after, the expected explanation, a clean before/after. */
  record RuleCase(
      Rule rule,
      Map<String, String> breakingBefore,
      Map<String, String> breakingAfter,
      String explanation,
      Map<String, String> cleanBefore,
      Map<String, String> cleanAfter) {
    @Override
    public String toString() {
      return rule.name();
    }
  }

  static final List<RuleCase> ALL =
      List.of(
          new RuleCase(
              Rule.ENUM_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E { E_0 = 0; }\nmessage M {}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              "enum a.E was deleted from file a.proto",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E { E_0 = 0; }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E { E_0 = 0; }\nenum F { F_0 = 0; }\n")),
          new RuleCase(
              Rule.EXTENSION_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 20; }\nextend M { optional int32 x = 10; }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 20; }\n"),
              "extension a.x was deleted from file a.proto",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 20; }\nextend M { optional int32 x = 10; }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 20; }\nextend M {\n  optional int32 x = 10;\n  optional int32 y = 11;\n}\n")),
          new RuleCase(
              Rule.FILE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              "file b.proto was deleted",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\nmessage O {}\n")),
          new RuleCase(
              Rule.MESSAGE_NO_DELETE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  message N {}\n}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              "message a.M.N was deleted from file a.proto",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  message N {}\n}\n")),
          new RuleCase(
              Rule.SERVICE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S { rpc Get(R) returns (R); }\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage R {}\n"),
              "service a.S was deleted from file a.proto",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S { rpc Get(R) returns (R); }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc Get(R) returns (R);\n  rpc Put(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.ENUM_SAME_TYPE,
              files("a.proto", "syntax = \"proto2\";\npackage a;\nenum E { E_0 = 0; }\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E { E_0 = 0; }\n"),
              "enum a.E changed from closed to open",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E { E_0 = 0; }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n")),
          new RuleCase(
              Rule.ENUM_VALUE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              "enum value 1 (E_1) of a.E was deleted",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n  E_2 = 2;\n}\n")),
          new RuleCase(
              Rule.EXTENSION_MESSAGE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 20; }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 15; }\n"),
              "message a.M no longer has the extension range numbers 10 to 20",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 20; }\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M { extensions 10 to 30; }\n")),
          new RuleCase(
              Rule.FIELD_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              "field 2 (b) of a.M was deleted",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_CARDINALITY,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  repeated string a = 1;\n}\n"),
              "field 1 of a.M changed its cardinality from optional with implicit presence to repeated",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\nmessage M {\n  N n = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\nmessage M {\n  optional N n = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_CPP_STRING_TYPE,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional bytes a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional bytes a = 1 [ctype = CORD];\n}\n"),
              "field 1 of a.M changed its C++ string type from STRING to CORD",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional bytes a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional bytes a = 1 [ctype = STRING];\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_JAVA_UTF8_VALIDATION,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\noption java_string_check_utf8 = true;\nmessage M {\n  optional string a = 1;\n}\n"),
              "field 1 of a.M changed its UTF-8 validation in Java from NONE to VERIFY",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\noption java_string_check_utf8 = false;\nmessage M {\n  optional string a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_JSTYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1 [jstype = JS_STRING];\n}\n"),
              "field 1 of a.M changed its jstype from JS_NORMAL to JS_STRING",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1 [jstype = JS_NORMAL];\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_TYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1;\n}\n"),
              "field 1 of a.M changed its type from int32 to int64",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n  int64 b = 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_UTF8_VALIDATION,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional string a = 1;\n}\n"),
              "field 1 of a.M changed its UTF-8 validation from NONE to VERIFY",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n")),
          new RuleCase(
              Rule.FILE_SAME_CC_ENABLE_ARENAS,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_enable_arenas = false;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_enable_arenas = true;\nmessage M {}\n"),
              "file option cc_enable_arenas of a.proto changed from \"false\" to \"true\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_enable_arenas = false;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_enable_arenas = false;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_CC_GENERIC_SERVICES,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_generic_services = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_generic_services = false;\nmessage M {}\n"),
              "file option cc_generic_services of a.proto changed from \"true\" to \"false\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_generic_services = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption cc_generic_services = true;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_CSHARP_NAMESPACE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption csharp_namespace = \"A.B\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption csharp_namespace = \"A.C\";\nmessage M {}\n"),
              "file option csharp_namespace of a.proto changed from \"A.B\" to \"A.C\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption csharp_namespace = \"A.B\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption csharp_namespace = \"A.B\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_GO_PACKAGE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption go_package = \"example.com/a;a\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption go_package = \"example.com/b;a\";\nmessage M {}\n"),
              "file option go_package of a.proto changed from \"example.com/a;a\" to \"example.com/b;a\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption go_package = \"example.com/a;a\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption go_package = \"example.com/a;a\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_JAVA_GENERIC_SERVICES,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_generic_services = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_generic_services = false;\nmessage M {}\n"),
              "file option java_generic_services of a.proto changed from \"true\" to \"false\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_generic_services = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_generic_services = true;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_JAVA_MULTIPLE_FILES,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_multiple_files = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_multiple_files = false;\nmessage M {}\n"),
              "file option java_multiple_files of a.proto changed from \"true\" to \"false\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_multiple_files = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_multiple_files = true;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_JAVA_OUTER_CLASSNAME,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_outer_classname = \"AProto\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_outer_classname = \"BProto\";\nmessage M {}\n"),
              "file option java_outer_classname of a.proto changed from \"AProto\" to \"BProto\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_outer_classname = \"AProto\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_outer_classname = \"AProto\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_JAVA_PACKAGE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_package = \"com.a\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_package = \"com.b\";\nmessage M {}\n"),
              "file option java_package of a.proto changed from \"com.a\" to \"com.b\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_package = \"com.a\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption java_package = \"com.a\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_OBJC_CLASS_PREFIX,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption objc_class_prefix = \"ABC\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption objc_class_prefix = \"ABD\";\nmessage M {}\n"),
              "file option objc_class_prefix of a.proto changed from \"ABC\" to \"ABD\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption objc_class_prefix = \"ABC\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption objc_class_prefix = \"ABC\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_OPTIMIZE_FOR,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption optimize_for = SPEED;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption optimize_for = CODE_SIZE;\nmessage M {}\n"),
              "file option optimize_for of a.proto changed from \"SPEED\" to \"CODE_SIZE\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption optimize_for = SPEED;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption optimize_for = SPEED;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_PHP_CLASS_PREFIX,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_class_prefix = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_class_prefix = \"B\";\nmessage M {}\n"),
              "file option php_class_prefix of a.proto changed from \"A\" to \"B\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_class_prefix = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_class_prefix = \"A\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_PHP_METADATA_NAMESPACE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_metadata_namespace = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_metadata_namespace = \"B\";\nmessage M {}\n"),
              "file option php_metadata_namespace of a.proto changed from \"A\" to \"B\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_metadata_namespace = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_metadata_namespace = \"A\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_PHP_NAMESPACE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_namespace = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_namespace = \"B\";\nmessage M {}\n"),
              "file option php_namespace of a.proto changed from \"A\" to \"B\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_namespace = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption php_namespace = \"A\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_PY_GENERIC_SERVICES,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption py_generic_services = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption py_generic_services = false;\nmessage M {}\n"),
              "file option py_generic_services of a.proto changed from \"true\" to \"false\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption py_generic_services = true;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption py_generic_services = true;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_RUBY_PACKAGE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption ruby_package = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption ruby_package = \"B\";\nmessage M {}\n"),
              "file option ruby_package of a.proto changed from \"A\" to \"B\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption ruby_package = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption ruby_package = \"A\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_SWIFT_PREFIX,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption swift_prefix = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption swift_prefix = \"B\";\nmessage M {}\n"),
              "file option swift_prefix of a.proto changed from \"A\" to \"B\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption swift_prefix = \"A\";\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\noption swift_prefix = \"A\";\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.FILE_SAME_SYNTAX,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              "file a.proto changed its syntax from proto2 to proto3",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n  int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR,
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  option no_standard_descriptor_accessor = true;\n}\n"),
              "message a.M set no_standard_descriptor_accessor to true",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  option no_standard_descriptor_accessor = false;\n}\n")),
          new RuleCase(
              Rule.ONEOF_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  oneof o {\n    int32 a = 1;\n  }\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              "oneof o was deleted from a.M",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  oneof o {\n    int32 a = 1;\n  }\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  oneof o {\n    int32 a = 1;\n    int32 b = 2;\n  }\n}\n")),
          new RuleCase(
              Rule.RPC_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              "method B was deleted from service a.S",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.ENUM_SAME_JSON_FORMAT,
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              files("a.proto", "syntax = \"proto2\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              "enum a.E changed from full JSON support to best effort",
              files("a.proto", "syntax = \"proto2\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n")),
          new RuleCase(
              Rule.ENUM_VALUE_SAME_NAME,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_ONE = 1;\n}\n"),
              "enum value 1 of a.E changed its name from E_1 to E_ONE",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  option allow_alias = true;\n  E_0 = 0;\n  E_1 = 1;\n  E_ONE = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_JSON_NAME,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1 [json_name = \"b\"];\n}\n"),
              "field 1 of a.M changed its JSON name from \"a\" to \"b\"",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1 [json_name = \"a\"];\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_NAME,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string b = 1;\n}\n"),
              "field 1 of a.M changed its name from a to b",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n")),
          new RuleCase(
              Rule.MESSAGE_SAME_JSON_FORMAT,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              "message a.M changed from full JSON support to best effort",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_DEFAULT,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1 [default = 1];\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1 [default = 2];\n}\n"),
              "field 1 of a.M changed its default value from 1 to 2",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1 [default = 1];\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1 [default = 1];\n  optional int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_ONEOF,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  oneof o {\n    int32 a = 1;\n    int32 b = 2;\n  }\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n  oneof o {\n    int32 b = 2;\n  }\n}\n"),
              "field 1 of a.M moved out of oneof o",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n")),
          new RuleCase(
              Rule.FILE_SAME_PACKAGE,
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage b;\nmessage M {}\n"),
              "file a.proto changed its package from \"a\" to \"b\"",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  extensions 4 to max;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  option message_set_wire_format = true;\n  extensions 4 to max;\n}\n"),
              "message a.M changed message_set_wire_format from false to true",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  extensions 4 to max;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  option message_set_wire_format = false;\n  extensions 4 to max;\n}\n")),
          new RuleCase(
              Rule.MESSAGE_SAME_REQUIRED_FIELDS,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  required int32 a = 1;\n}\n"),
              "message a.M has the new required field 1",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  required int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  required int32 a = 1;\n  optional int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.RESERVED_ENUM_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 5 to 10;\n  reserved \"X\";\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 5 to 8;\n  reserved \"X\";\n}\n"),
              "enum a.E no longer reserves numbers 5 to 10",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 5 to 10;\n  reserved \"X\";\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 5 to 10, 20;\n  reserved \"X\", \"Y\";\n}\n")),
          new RuleCase(
              Rule.RESERVED_MESSAGE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2, 3;\n  reserved \"b\";\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2;\n  reserved \"b\";\n}\n"),
              "message a.M no longer reserves number 3",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2, 3;\n  reserved \"b\";\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2, 3, 4;\n  reserved \"b\", \"c\";\n}\n")),
          new RuleCase(
              Rule.RPC_SAME_CLIENT_STREAMING,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(stream R) returns (R);\n}\n"),
              "method a.S/A became client streaming",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.RPC_SAME_IDEMPOTENCY_LEVEL,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R) {\n    option idempotency_level = NO_SIDE_EFFECTS;\n  }\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              "method a.S/A changed its idempotency_level from NO_SIDE_EFFECTS to IDEMPOTENCY_UNKNOWN",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R) {\n    option idempotency_level = IDEMPOTENCY_UNKNOWN;\n  }\n}\n")),
          new RuleCase(
              Rule.RPC_SAME_REQUEST_TYPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(Q) returns (R);\n}\n"),
              "method a.S/A changed its request type from a.R to a.Q",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(Q) returns (R);\n}\n")),
          new RuleCase(
              Rule.RPC_SAME_RESPONSE_TYPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (Q);\n}\n"),
              "method a.S/A changed its response type from a.R to a.Q",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nmessage Q {\n  int32 x = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (Q);\n}\n")),
          new RuleCase(
              Rule.RPC_SAME_SERVER_STREAMING,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (stream R);\n}\n"),
              "method a.S/A became server streaming",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.PACKAGE_ENUM_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nenum F {\n  F_0 = 0;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nenum F {\n  F_0 = 0;\n}\n"),
              "enum a.E was deleted from package \"a\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\nenum E {\n  E_0 = 0;\n}\n")),
          new RuleCase(
              Rule.PACKAGE_EXTENSION_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nimport \"b.proto\";\nextend M {\n  optional int32 x = 10;\n}\n",
                  "b.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  extensions 10 to 20;\n}\nextend M {\n  optional int32 y = 11;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nimport \"b.proto\";\n",
                  "b.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  extensions 10 to 20;\n}\nextend M {\n  optional int32 y = 11;\n}\n"),
              "extension a.x was deleted from package \"a\"",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nimport \"b.proto\";\nextend M {\n  optional int32 x = 10;\n}\n",
                  "b.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  extensions 10 to 20;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nimport \"b.proto\";\n",
                  "b.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  extensions 10 to 20;\n}\nextend M {\n  optional int32 x = 10;\n}\n")),
          new RuleCase(
              Rule.PACKAGE_MESSAGE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              "message a.N was deleted from package \"a\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\nmessage N {}\n")),
          new RuleCase(
              Rule.PACKAGE_NO_DELETE,
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage b;\nmessage M {}\n"),
              "package \"a\" was deleted",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage b;\nmessage M {}\n")),
          new RuleCase(
              Rule.PACKAGE_SERVICE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nimport \"b.proto\";\nservice S {\n  rpc A(R) returns (R);\n}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\n"),
              "service a.S was deleted from package \"a\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nimport \"b.proto\";\nservice S {\n  rpc A(R) returns (R);\n}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 1;\n}\n"),
              "enum value 1 (E_1) of a.E was deleted without reserving the name \"E_1\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 1;\n  reserved \"E_1\";\n}\n")),
          new RuleCase(
              Rule.FIELD_NO_DELETE_UNLESS_NAME_RESERVED,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  reserved 2;\n}\n"),
              "field 2 (b) of a.M was deleted without reserving the name \"b\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  reserved 2;\n  reserved \"b\";\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  repeated int32 a = 1;\n}\n"),
              "field 1 of a.M changed its cardinality from optional with implicit presence to repeated",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_JSON_COMPATIBLE_TYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1;\n}\n"),
              "field 1 of a.M changed its type from int32 to int64, which the binary or the JSON encoding does not accept",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  uint32 a = 1;\n}\n")),
          new RuleCase(
              Rule.ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              "enum value 1 (E_1) of a.E was deleted without reserving the number 1",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  reserved 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              "field 2 (b) of a.M was deleted without reserving the number 2",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  string b = 2;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n  reserved 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_COMPATIBLE_CARDINALITY,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  repeated int32 a = 1;\n}\n"),
              "field 1 of a.M changed its cardinality from optional with implicit presence to repeated",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_COMPATIBLE_TYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  sint32 a = 1;\n}\n"),
              "field 1 of a.M changed its type from int32 to sint32, which the binary encoding does not accept",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int64 a = 1;\n}\n")),
          new RuleCase(
              Rule.GRPC_SERVICE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage R {}\n"),
              "service a.S is gone; every call to its 1 method(s) now fails with UNIMPLEMENTED",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage Q {}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\n",
                  "b.proto",
                  "syntax = \"proto3\";\npackage a;\nimport \"a.proto\";\nmessage Q {}\nservice S {\n  rpc A(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.GRPC_METHOD_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              "method a.S/B is gone; calls to it now fail with UNIMPLEMENTED",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.GRPC_SAME_STREAMING_KIND,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(stream R) returns (stream R);\n}\n"),
              "method a.S/A changed from unary to bidi streaming",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {}\nservice S {\n  rpc A(R) returns (R);\n  rpc B(R) returns (R);\n}\n")),
          new RuleCase(
              Rule.GRPC_SAME_REQUEST_SHAPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(Q) returns (R);\n}\n"),
              "method a.S/A changed its request type from a.R to a.Q and the wire shape breaks: field a (1) changed from string to int32",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(P) returns (R);\n}\n")),
          new RuleCase(
              Rule.GRPC_SAME_RESPONSE_SHAPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(R) returns (Q);\n}\n"),
              "method a.S/A changed its response type from a.R to a.Q and the wire shape breaks: field a (1) changed from string to int32",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(R) returns (R);\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage R {\n  string a = 1;\n}\nmessage Q {\n  int32 a = 1;\n}\nmessage P {\n  string a = 1;\n}\nservice S {\n  rpc A(R) returns (P);\n}\n")));

  /**
   * More pairs for rules whose semantics have corners: string and bytes, enums moved or shrunk,
   * repeated and map, aliases, names in reserved lists, moves into oneofs, defaults of enums, and
   * editions features (utf8_validation, enum_type, json_format, field_presence).
   */
  static final List<RuleCase> EXTRA =
      List.of(
          new RuleCase(
              Rule.FIELD_WIRE_COMPATIBLE_TYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  bytes a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              "which only works while every value is valid UTF-8",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  bytes a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_COMPATIBLE_TYPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\nenum F {\n  F_0 = 0;\n}\nmessage M {\n  E e = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\nenum F {\n  F_0 = 0;\n}\nmessage M {\n  F e = 1;\n}\n"),
              "an enum of another name",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\nmessage M {\n  E e = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  enum E {\n    E_0 = 0;\n    E_1 = 1;\n  }\n  E e = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_COMPATIBLE_TYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  fixed32 a = 1;\n}\n"),
              "changed its type from int32 to fixed32",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  bool a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  uint64 a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_COMPATIBLE_CARDINALITY,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  repeated int32 a = 1;\n}\n"),
              "from optional with implicit presence to repeated",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {\n  string key = 1;\n  int32 value = 2;\n}\nmessage M {\n  repeated N a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {\n  string key = 1;\n  int32 value = 2;\n}\nmessage M {\n  map<string, int32> a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {\n  string key = 1;\n  int32 value = 2;\n}\nmessage M {\n  repeated N a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {\n  string key = 1;\n  int32 value = 2;\n}\nmessage M {\n  map<string, int32> a = 1;\n}\n"),
              "changed its cardinality from repeated to map",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n  optional int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_JSON_COMPATIBLE_TYPE,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  sint32 a = 1;\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              "changed its type from sint32 to int32",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  fixed64 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  sfixed64 a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_WIRE_JSON_COMPATIBLE_TYPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\nmessage M {\n  E e = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  enum E {\n    E_0 = 0;\n  }\n  E e = 1;\n}\n"),
              "an enum that lacks values of the old one",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\nmessage M {\n  E e = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  enum E {\n    E_0 = 0;\n    E_1 = 1;\n  }\n  E e = 1;\n}\n")),
          new RuleCase(
              Rule.ENUM_VALUE_SAME_NAME,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  option allow_alias = true;\n  E_0 = 0;\n  E_1 = 1;\n  E_ONE = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_ONE = 1;\n}\n"),
              "enum value 1 of a.E changed its name from E_1 to E_ONE",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  option allow_alias = true;\n  E_0 = 0;\n  E_1 = 1;\n  E_ONE = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nenum E {\n  option allow_alias = true;\n  E_0 = 0;\n  E_ONE = 1;\n  E_1 = 1;\n}\n")),
          new RuleCase(
              Rule.RESERVED_MESSAGE_NO_DELETE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2;\n  reserved \"b\", \"c\";\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2;\n  reserved \"b\";\n}\n"),
              "message a.M no longer reserves the name \"c\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2 to 5;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  reserved 2 to 10;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_ONEOF,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n  int32 b = 2;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n  oneof o {\n    int32 b = 2;\n  }\n}\n"),
              "field 2 of a.M moved into oneof o",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  oneof o {\n    int32 a = 1;\n  }\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  oneof o {\n    int32 a = 1;\n  }\n  int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.MESSAGE_SAME_REQUIRED_FIELDS,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  required int32 a = 1;\n  optional int32 b = 2;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional int32 b = 2;\n}\n"),
              "message a.M no longer has the required field 1",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  required int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  required int32 a = 1 [deprecated = true];\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_TYPE,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\nmessage O {}\nmessage M {\n  N n = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage N {}\nmessage O {}\nmessage M {\n  O n = 1;\n}\n"),
              "changed its type from a.N to a.O",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  map<string, int32> a = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  map<string, int32> a = 1;\n  int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_DEFAULT,
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\nmessage M {\n  optional E e = 1 [default = E_1];\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nenum E {\n  E_0 = 0;\n  E_1 = 1;\n}\nmessage M {\n  optional E e = 1 [default = E_0];\n}\n"),
              "changed its default value from E_1 to E_0",
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional string s = 1 [default = \"x\"];\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto2\";\npackage a;\nmessage M {\n  optional string s = 1 [default = \"x\"];\n  optional int32 b = 2;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_JSON_NAME,
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1 [json_name = \"x\"];\n}\n"),
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              "changed its JSON name from \"x\" to \"a\"",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a_b = 1;\n}\n"),
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a_b = 1 [json_name = \"aB\"];\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_UTF8_VALIDATION,
              files(
                  "a.proto", "edition = \"2023\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "edition = \"2023\";\npackage a;\nmessage M {\n  string a = 1 [features.utf8_validation = NONE];\n}\n"),
              "changed its UTF-8 validation from VERIFY to NONE",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  string a = 1;\n}\n"),
              files(
                  "a.proto",
                  "edition = \"2023\";\npackage a;\nmessage M {\n  string a = 1 [features.field_presence = IMPLICIT];\n}\n")),
          new RuleCase(
              Rule.ENUM_SAME_TYPE,
              files("a.proto", "edition = \"2023\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              files(
                  "a.proto",
                  "edition = \"2023\";\npackage a;\nenum E {\n  option features.enum_type = CLOSED;\n  E_0 = 0;\n}\n"),
              "enum a.E changed from open to closed",
              files("a.proto", "syntax = \"proto3\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n"),
              files("a.proto", "edition = \"2023\";\npackage a;\nenum E {\n  E_0 = 0;\n}\n")),
          new RuleCase(
              Rule.MESSAGE_SAME_JSON_FORMAT,
              files("a.proto", "edition = \"2023\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "edition = \"2023\";\npackage a;\nmessage M {\n  option features.json_format = LEGACY_BEST_EFFORT;\n  int32 a = 1;\n}\n"),
              "message a.M changed from full JSON support to best effort",
              files(
                  "a.proto",
                  "syntax = \"proto3\";\npackage a;\nmessage M {\n  optional int32 a = 1;\n}\n"),
              files(
                  "a.proto", "edition = \"2023\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n")),
          new RuleCase(
              Rule.FIELD_SAME_CARDINALITY,
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files("a.proto", "edition = \"2023\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              "from optional with implicit presence to optional with explicit presence",
              files(
                  "a.proto", "syntax = \"proto3\";\npackage a;\nmessage M {\n  int32 a = 1;\n}\n"),
              files(
                  "a.proto",
                  "edition = \"2023\";\npackage a;\nmessage M {\n  int32 a = 1 [features.field_presence = IMPLICIT];\n}\n")));

  /** Every pair: {@link #ALL} then {@link #EXTRA}. */
  static List<RuleCase> everyPair() {
    List<RuleCase> all = new ArrayList<>(ALL);
    all.addAll(EXTRA);
    return all;
  }

  static Map<String, String> files(String... nameAndText) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameAndText.length; i += 2) {
      map.put(nameAndText[i], nameAndText[i + 1]);
    }
    return map;
  }

  /** Compiles in-memory sources with source info, as protoc --include_source_info would. */
  static ProtoSchema compile(Map<String, String> files) {
    ProtoCompiler.Builder compiler = ProtoCompiler.builder().includeSourceInfo(true);
    files.forEach(compiler::addSource);
    return ProtoSchema.fromCompilation(
        compiler.build().compile(new ArrayList<>(files.keySet())), "test sources");
  }
}
