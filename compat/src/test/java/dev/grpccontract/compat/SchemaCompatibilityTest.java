package dev.grpccontract.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.proto.ProtoSchema;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Profiles, ignores, locations and the gRPC rules' verdicts. */
class SchemaCompatibilityTest {

  private static final String HEADER = "syntax = \"proto3\";\npackage shop.v1;\n";

  private static ProtoSchema schema(String body) {
    return RuleCases.compile(RuleCases.files("shop/v1/orders.proto", HEADER + body));
  }

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).collect(Collectors.toList());
  }

  private static final ProtoSchema ORDERS_V1 =
      schema(
          "message Order {\n"
              + "  string id = 1;\n"
              + "  int32 count = 2;\n"
              + "}\n"
              + "service Orders {\n"
              + "  rpc Get(Order) returns (Order);\n"
              + "  rpc Watch(Order) returns (stream Order);\n"
              + "}\n");

  @Test
  void deletedFieldIsReportedAtItsMessageWithLineAndColumn() {
    ProtoSchema v2 =
        schema(
            "message Order {\n"
                + "  string id = 1;\n"
                + "}\n"
                + "service Orders {\n"
                + "  rpc Get(Order) returns (Order);\n"
                + "  rpc Watch(Order) returns (stream Order);\n"
                + "}\n");

    List<Finding> findings = SchemaCompatibility.check(ORDERS_V1, v2);

    assertThat(ids(findings))
        .containsExactly(
            "FIELD_NO_DELETE_UNLESS_NAME_RESERVED", "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED");
    Finding first = findings.get(0);
    assertThat(first.location()).hasToString("shop/v1/orders.proto:3:1");
    assertThat(first.element()).isEqualTo("shop.v1.Order.count");
    assertThat(first.severity()).isEqualTo(Severity.ERROR);
    assertThat(first)
        .hasToString(
            "shop/v1/orders.proto:3:1: field 2 (count) of shop.v1.Order was deleted without"
                + " reserving the name \"count\" [FIELD_NO_DELETE_UNLESS_NAME_RESERVED]");
  }

  @Test
  void changedFieldTypeIsReportedAtTheField() {
    ProtoSchema v2 = schema(ORDERS_SOURCE.replace("int32 count = 2", "string count = 2"));

    List<Finding> findings = SchemaCompatibility.check(ORDERS_V1, v2, Profile.WIRE);

    assertThat(ids(findings)).containsExactly("FIELD_WIRE_COMPATIBLE_TYPE");
    assertThat(findings.get(0).location()).hasToString("shop/v1/orders.proto:5:3");
    assertThat(findings.get(0).message())
        .isEqualTo(
            "field 2 of shop.v1.Order changed its type from int32 to string, which the binary"
                + " encoding does not accept");
  }

  private static final String ORDERS_SOURCE =
      "message Order {\n"
          + "  string id = 1;\n"
          + "  int32 count = 2;\n"
          + "}\n"
          + "service Orders {\n"
          + "  rpc Get(Order) returns (Order);\n"
          + "  rpc Watch(Order) returns (stream Order);\n"
          + "}\n";

  @Test
  void deletedMethodBreaksWireCallersThoughBufWireOmitsIt() {
    ProtoSchema v2 =
        schema(ORDERS_SOURCE.replace("  rpc Watch(Order) returns (stream Order);\n", ""));

    assertThat(ids(SchemaCompatibility.check(ORDERS_V1, v2, Profile.WIRE)))
        .containsExactly("GRPC_METHOD_NO_DELETE");
    assertThat(ids(SchemaCompatibility.check(ORDERS_V1, v2, Profile.FILE)))
        .containsExactly("RPC_NO_DELETE");
    assertThat(SchemaCompatibility.check(ORDERS_V1, v2, Profile.WIRE).get(0).location())
        .hasToString("shop/v1/orders.proto:7:1");
  }

  @Test
  void requestRenamedWithIdenticalShapeIsAWarningUnderGrpcClients() {
    ProtoSchema v2 =
        schema(
            ORDERS_SOURCE.replace("rpc Get(Order)", "rpc Get(GetOrderRequest)")
                + "message GetOrderRequest {\n  string id = 1;\n  int32 count = 2;\n}\n");

    List<Finding> clients = SchemaCompatibility.check(ORDERS_V1, v2, Profile.GRPC_CLIENTS);
    List<Finding> wireJson = SchemaCompatibility.check(ORDERS_V1, v2, Profile.WIRE_JSON);

    assertThat(clients).hasSize(1);
    Finding f = clients.get(0);
    assertThat(f.rule()).isEqualTo(Rule.GRPC_SAME_REQUEST_SHAPE);
    assertThat(f.isBreaking()).isFalse();
    assertThat(f.message())
        .isEqualTo(
            "method shop.v1.Orders/Get changed its request type from shop.v1.Order to"
                + " shop.v1.GetOrderRequest, a rename with the identical wire shape; running"
                + " callers keep working");
    assertThat(f.location()).hasToString("shop/v1/orders.proto:8:11");
    assertThat(SchemaCompatibility.anyBreaking(clients)).isFalse();
    assertThat(ids(wireJson)).containsExactly("GRPC_SAME_REQUEST_SHAPE", "RPC_SAME_REQUEST_TYPE");
    assertThat(SchemaCompatibility.anyBreaking(wireJson)).isTrue();
  }

  @Test
  void requestRenamedWithRenamedFieldBreaksJsonCallersOnly() {
    ProtoSchema v2 =
        schema(
            ORDERS_SOURCE.replace("rpc Get(Order)", "rpc Get(GetOrderRequest)")
                + "message GetOrderRequest {\n  string order_id = 1;\n}\n");

    Finding clients = SchemaCompatibility.check(ORDERS_V1, v2, Profile.GRPC_CLIENTS).get(0);
    Finding wire =
        SchemaCompatibility.withRules(List.of(Rule.GRPC_SAME_REQUEST_SHAPE))
            .findings(ORDERS_V1, v2)
            .get(0);

    assertThat(clients.isBreaking()).isTrue();
    assertThat(clients.message())
        .endsWith("the wire shape breaks: field id (1) changed its JSON name to \"orderId\"");
    assertThat(wire.isBreaking()).isFalse();
    assertThat(wire.message())
        .endsWith(
            "the wire shape differs compatibly (field id (1) is now named order_id; field count"
                + " (2) is gone)");
  }

  @Test
  void streamingKindChangeNamesBothKinds() {
    ProtoSchema v2 = schema(ORDERS_SOURCE.replace("rpc Get(Order)", "rpc Get(stream Order)"));

    List<Finding> findings = SchemaCompatibility.check(ORDERS_V1, v2, Profile.GRPC_CLIENTS);

    assertThat(ids(findings))
        .containsExactly("GRPC_SAME_STREAMING_KIND", "RPC_SAME_CLIENT_STREAMING");
    assertThat(findings.get(0).message())
        .isEqualTo(
            "method shop.v1.Orders/Get changed from unary to client streaming; callers built for"
                + " unary calls fail");
  }

  @Test
  void profilesSelectBufCategoriesAndGrpcRules() {
    assertThat(Profile.FILE.rules())
        .allMatch(r -> r.categories().contains(Category.FILE))
        .contains(Rule.FILE_NO_DELETE, Rule.RPC_NO_DELETE)
        .doesNotContain(Rule.GRPC_METHOD_NO_DELETE);
    assertThat(Profile.WIRE.rules())
        .contains(Rule.FIELD_WIRE_COMPATIBLE_TYPE, Rule.GRPC_SERVICE_NO_DELETE)
        .doesNotContain(Rule.FIELD_SAME_NAME, Rule.RPC_NO_DELETE);
    assertThat(Profile.WIRE_JSON.rules()).contains(Rule.FIELD_SAME_JSON_NAME, Rule.FIELD_SAME_NAME);
    assertThat(Profile.GRPC_CLIENTS.rules())
        .contains(Rule.FIELD_SAME_JSON_NAME, Rule.GRPC_SAME_REQUEST_SHAPE)
        .doesNotContain(
            Rule.RESERVED_MESSAGE_NO_DELETE,
            Rule.FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED,
            Rule.RPC_SAME_REQUEST_TYPE);
    assertThat(Rule.FIELD_SAME_DEFAULT.categories())
        .containsExactlyInAnyOrder(
            Category.CSR, Category.FILE, Category.PACKAGE, Category.WIRE_JSON, Category.WIRE);
    assertThat(Rule.values()).filteredOn(Rule::isBufRule).hasSize(65);
    assertThat(Rule.values())
        .filteredOn(Rule::isDeprecated)
        .containsExactly(Rule.MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT);
    assertThat(Rule.FIELD_NO_DELETE.categories())
        .containsExactlyInAnyOrder(Category.CSR, Category.FILE, Category.PACKAGE);
    for (Profile p : Profile.values()) {
      assertThat(p.rules()).as("%s", p).doesNotContain(Rule.MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT);
    }
  }

  @Test
  void ignoresByRuleByElementAndByRuleAndElement() {
    ProtoSchema v2 =
        schema(
            "message Order {\n"
                + "  string key = 1;\n"
                + "}\n"
                + "service Orders {\n"
                + "  rpc Get(Order) returns (Order);\n"
                + "}\n");
    SchemaCompatibility wireJson = SchemaCompatibility.withProfile(Profile.WIRE_JSON);

    assertThat(ids(wireJson.findings(ORDERS_V1, v2)))
        .containsExactly(
            "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
            "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
            "FIELD_SAME_JSON_NAME",
            "FIELD_SAME_NAME",
            "GRPC_METHOD_NO_DELETE");
    assertThat(
            ids(
                wireJson
                    .ignoringRules("FIELD_SAME_JSON_NAME", "FIELD_SAME_NAME")
                    .findings(ORDERS_V1, v2)))
        .containsExactly(
            "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
            "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
            "GRPC_METHOD_NO_DELETE");
    assertThat(ids(wireJson.ignoringElements("shop.v1.Order").findings(ORDERS_V1, v2)))
        .containsExactly("GRPC_METHOD_NO_DELETE");
    assertThat(ids(wireJson.ignoringElements("shop/v1").findings(ORDERS_V1, v2))).isEmpty();
    assertThat(
            ids(
                wireJson
                    .ignoring("GRPC_METHOD_NO_DELETE", "shop.v1.Orders/Watch")
                    .ignoring("FIELD_SAME_NAME", "shop.v1.Order.key")
                    .findings(ORDERS_V1, v2)))
        .containsExactly(
            "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
            "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
            "FIELD_SAME_JSON_NAME");
  }

  @Test
  void unknownRuleIdNamesTheClosestIds() {
    assertThatThrownBy(
            () -> SchemaCompatibility.withProfile(Profile.FILE).ignoringRules("FIELD_NO_DELET"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown rule id 'FIELD_NO_DELET'; did you mean FIELD_NO_DELETE, FILE_NO_DELETE or"
                + " ONEOF_NO_DELETE?");
    assertThatThrownBy(() -> SchemaCompatibility.rule("NO_SUCH_THING_AT_ALL"))
        .hasMessage(
            "Unknown rule id 'NO_SUCH_THING_AT_ALL'; the ids are buf's breaking rule ids and the"
                + " GRPC_* rules");
    assertThatThrownBy(
            () -> SchemaCompatibility.withProfile(Profile.FILE).ignoring("rpc_no_delete"))
        .hasMessageStartingWith("Unknown rule id 'rpc_no_delete'; did you mean RPC_NO_DELETE");
  }

  @Test
  void schemaWithoutSourceInfoReportsFilesOnly() {
    ProtoSchema before =
        ProtoSchema.fromDescriptorSet(
            com.google.protobuf.DescriptorProtos.FileDescriptorSet.newBuilder()
                .addAllFile(
                    ORDERS_V1.files().stream()
                        .map(f -> f.toProto().toBuilder().clearSourceCodeInfo().build())
                        .collect(Collectors.toList()))
                .build());
    ProtoSchema after = schema(ORDERS_SOURCE.replace("int32 count", "int32 total"));

    List<Finding> findings = SchemaCompatibility.check(after, before, Profile.FILE);

    assertThat(findings).isNotEmpty();
    assertThat(findings).allSatisfy(f -> assertThat(f.location().hasPosition()).isFalse());
    assertThat(findings.get(0).location()).hasToString("shop/v1/orders.proto");
  }
}
