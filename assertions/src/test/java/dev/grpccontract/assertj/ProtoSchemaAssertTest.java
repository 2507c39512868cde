package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
import dev.grpccontract.compiler.ProtoCompiler;
import dev.grpccontract.proto.ProtoSchema;
import org.junit.jupiter.api.Test;

class ProtoSchemaAssertTest {

  private static ProtoSchema schema(String origin, String body) {
    return ProtoSchema.fromCompilation(
        ProtoCompiler.builder()
            .includeSourceInfo(true)
            .addSource("shop/v1/orders.proto", "syntax = \"proto3\";\npackage shop.v1;\n" + body)
            .build()
            .compile("shop/v1/orders.proto"),
        origin);
  }

  private static final ProtoSchema V1 =
      schema(
          "v1",
          "message Order {\n  string id = 1;\n  int32 count = 2;\n}\n"
              + "service Orders {\n  rpc Get(Order) returns (Order);\n}\n");

  @Test
  void passesWhenOnlyAdditionsWereMade() {
    ProtoSchema v2 =
        schema(
            "v2",
            "message Order {\n  string id = 1;\n  int32 count = 2;\n  string note = 3;\n}\n"
                + "service Orders {\n  rpc Get(Order) returns (Order);\n"
                + "  rpc List(Order) returns (stream Order);\n}\n");

    assertThat(v2).isBackwardCompatibleWith(V1);
  }

  @Test
  void failureListsEveryBreakingFinding() {
    ProtoSchema v2 = schema("v2", "message Order {\n  string key = 1;\n}\nservice Orders {}\n");

    assertThatThrownBy(() -> assertThat(v2).isBackwardCompatibleWith(V1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting schema:%n  v2%nto be backward compatible with:%n  v1%n"
                    + "but 5 findings break it:%n"
                    + "  shop/v1/orders.proto:3:1: field 2 (count) of shop.v1.Order was deleted"
                    + " without reserving the name \"count\" [FIELD_NO_DELETE_UNLESS_NAME_RESERVED]%n"
                    + "  shop/v1/orders.proto:3:1: field 2 (count) of shop.v1.Order was deleted"
                    + " without reserving the number 2 [FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED]%n"
                    + "  shop/v1/orders.proto:4:3: field 1 of shop.v1.Order changed its JSON name"
                    + " from \"id\" to \"key\" [FIELD_SAME_JSON_NAME]%n"
                    + "  shop/v1/orders.proto:4:10: field 1 of shop.v1.Order changed its name from"
                    + " id to key [FIELD_SAME_NAME]%n"
                    + "  shop/v1/orders.proto:6:1: method shop.v1.Orders/Get is gone; calls to it"
                    + " now fail with UNIMPLEMENTED [GRPC_METHOD_NO_DELETE]"));
  }

  @Test
  void profileAndIgnoredRulesNarrowTheCheck() {
    ProtoSchema v2 =
        schema(
            "v2",
            "message Order {\n  string key = 1;\n  reserved 2;\n  reserved \"count\";\n}\n"
                + "service Orders {\n  rpc Get(Order) returns (Order);\n}\n");

    assertThat(v2).isBackwardCompatibleWith(V1, Profile.WIRE);
    assertThat(v2)
        .isBackwardCompatibleWith(V1, Profile.WIRE_JSON, "FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME");
    assertThat(v2)
        .isBackwardCompatibleWith(
            V1, SchemaCompatibility.withProfile(Profile.FILE).ignoringElements("shop.v1.Order"));
    assertThatThrownBy(() -> assertThat(v2).isBackwardCompatibleWith(V1, Profile.WIRE_JSON))
        .hasMessageContaining("but 2 findings break it:")
        .hasMessageContaining("[FIELD_SAME_NAME]");
    assertThatThrownBy(
            () -> assertThat(v2).isBackwardCompatibleWith(V1, Profile.FILE, "FIELD_SAME_NAM"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown rule id 'FIELD_SAME_NAM'; did you mean FIELD_SAME_NAME");
  }

  @Test
  void nullSchemaFails() {
    assertThatThrownBy(() -> assertThat((ProtoSchema) null).isBackwardCompatibleWith(V1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
