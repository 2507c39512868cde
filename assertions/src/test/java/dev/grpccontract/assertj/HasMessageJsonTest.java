package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.GET_ORDER;
import static dev.grpccontract.assertj.TestProtos.ORDER;
import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.failed;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.message;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.Int32Value;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@code hasMessageJson}: comparison by protobuf meaning and its difference report. */
class HasMessageJsonTest {

  private static final String ORDER_JSON =
      """
      {
        "id": "o-1",
        "items": [{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 2}],
        "labels": {"env": "prod", "team": "core"},
        "shipTo": {"city": "Oslo"},
        "count": 3,
        "state": "OPEN",
        "stock": {"7": {"sku": "A", "quantity": 5}},
        "createdAt": "2026-01-01T00:00:00Z",
        "email": "a@example.org",
        "tags": ["x", "y"]
      }
      """;

  private static GrpcResponse order() {
    return ok(GET_ORDER, message(ORDER, ORDER_JSON));
  }

  private static String differences(String expectedJson) {
    Throwable error = catchThrowable(() -> assertThat(order()).hasMessageJson(expectedJson));
    org.assertj.core.api.Assertions.assertThat(error).isInstanceOf(AssertionFailedError.class);
    String message = error.getMessage();
    int start =
        message.indexOf("differ:") >= 0 ? message.indexOf("differ") : message.indexOf("differs");
    return message.substring(message.indexOf('\n', start) + 1, message.indexOf("\nactual "));
  }

  @Test
  void passesOnTheSameMessage() {
    assertThat(ok(SAY_HELLO, hello("hello Bert"))).hasMessageJson("{\"reply\": \"hello Bert\"}");
  }

  @Test
  void fieldOrderAndWhitespaceDoNotMatter() {
    assertThat(order())
        .hasMessageJson(
            "{\"tags\":[\"x\",\"y\"],\"email\":\"a@example.org\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"stock\":{\"7\":{\"quantity\":5,\"sku\":\"A\"}},\"state\":\"OPEN\",\"count\":3,"
                + "\"shipTo\":{\"city\":\"Oslo\"},\"labels\":{\"team\":\"core\",\"env\":\"prod\"},"
                + "\"items\":[{\"quantity\":1,\"sku\":\"A\"},{\"sku\":\"B\",\"quantity\":2}],"
                + "\"id\":\"o-1\"}");
  }

  @Test
  void protoFieldNamesAreAcceptedToo() {
    assertThat(order())
        .hasMessageJson(
            ORDER_JSON
                .replace("\"shipTo\"", "\"ship_to\"")
                .replace("\"createdAt\"", "\"created_at\""));
  }

  @Test
  void defaultValuedScalarsEqualAbsentOnes() {
    GrpcResponse response = ok(GET_ORDER, message(ORDER, "{\"id\": \"o-1\"}"));

    assertThat(response)
        .hasMessageJson(
            "{\"id\": \"o-1\", \"count\": 0, \"state\": \"STATE_UNSPECIFIED\", \"tags\": []}");
  }

  @Test
  void failureNamesTheFieldWithExpectedAndActualValues() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(ok(SAY_HELLO, hello("hello Bart")))
                    .hasMessageJson("{\"reply\": \"hello Bert\"}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting response message to be equal by protobuf meaning to:%n"
                    + "  {\"reply\":\"hello Bert\"}%n"
                    + "but 1 field differs:%n"
                    + "  reply: expected \"hello Bert\" but was \"hello Bart\"%n"
                    + "actual response message:%n"
                    + "  {%n    \"reply\": \"hello Bart\"%n  }%n"
                    + "method: hello.HelloService/SayHello"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo("{\n  \"reply\": \"hello Bert\"\n}");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo("{\n  \"reply\": \"hello Bart\"\n}");
  }

  @Test
  void nestedAndRepeatedFieldsHaveFullPaths() {
    String expected =
        ORDER_JSON
            .replace("{\"sku\": \"B\", \"quantity\": 2}", "{\"sku\": \"C\", \"quantity\": 2}")
            .replace("\"city\": \"Oslo\"", "\"city\": \"Bergen\"")
            .replace("\"quantity\": 5", "\"quantity\": 6");

    org.assertj.core.api.Assertions.assertThat(differences(expected))
        .isEqualTo(
            "  items[1].sku: expected \"C\" but was \"B\"\n"
                + "  shipTo.city: expected \"Bergen\" but was \"Oslo\"\n"
                + "  stock[7].quantity: expected 6 but was 5");
  }

  @Test
  void mapEntriesAreComparedByKey() {
    String expected =
        ORDER_JSON.replace(
            "{\"env\": \"prod\", \"team\": \"core\"}", "{\"owner\": \"ana\", \"env\": \"dev\"}");

    org.assertj.core.api.Assertions.assertThat(differences(expected))
        .isEqualTo(
            "  labels[\"owner\"]: missing (expected \"ana\")\n"
                + "  labels[\"env\"]: expected \"dev\" but was \"prod\"\n"
                + "  labels[\"team\"]: unexpected (was \"core\")");
  }

  @Test
  void repeatedFieldsOfDifferentLengthReportMissingAndUnexpectedElements() {
    org.assertj.core.api.Assertions.assertThat(
            differences(ORDER_JSON.replace("[\"x\", \"y\"]", "[\"x\", \"y\", \"z\"]")))
        .isEqualTo("  tags[2]: missing (expected \"z\")");
    org.assertj.core.api.Assertions.assertThat(
            differences(ORDER_JSON.replace("[\"x\", \"y\"]", "[\"x\"]")))
        .isEqualTo("  tags[1]: unexpected (was \"y\")");
  }

  @Test
  void presenceDifferencesAreMissingOrUnexpected() {
    String expected =
        ORDER_JSON
            .replace("\"shipTo\": {\"city\": \"Oslo\"},", "")
            .replace("\"email\": \"a@example.org\"", "\"phone\": \"555\"")
            .replace("\"count\": 3,", "\"count\": 3, \"priority\": 0,");

    org.assertj.core.api.Assertions.assertThat(differences(expected))
        .isEqualTo(
            "  shipTo: unexpected (was {\"city\":\"Oslo\"})\n"
                + "  priority: missing (expected 0)\n"
                + "  email: unexpected (was \"a@example.org\")\n"
                + "  phone: missing (expected \"555\")");
  }

  @Test
  void emptyNestedMessageIsStillPresent() {
    GrpcResponse response = ok(GET_ORDER, message(ORDER, "{\"shipTo\": {}}"));

    assertThat(response).hasMessageJson("{\"shipTo\": {}}");
    Throwable error = catchThrowable(() -> assertThat(response).hasMessageJson("{}"));
    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageContaining("  shipTo: unexpected (was {})");
  }

  @Test
  void scalarEnumBytesAndWellKnownValuesPrintAsJson() {
    GrpcResponse response =
        ok(
            GET_ORDER,
            message(
                ORDER,
                "{\"payload\": \"AQI=\", \"state\": \"OPEN\", \"createdAt\":"
                    + " \"2026-01-01T00:00:00Z\"}"));

    Throwable error =
        catchThrowable(
            () ->
                assertThat(response)
                    .hasMessageJson(
                        "{\"payload\": \"AQM=\", \"state\": \"CLOSED\", \"createdAt\":"
                            + " \"2026-01-02T00:00:00Z\"}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageContaining(
            String.format(
                "but 3 fields differ:%n  state: expected CLOSED but was OPEN%n  payload: expected"
                    + " \"AQM=\" but was \"AQI=\"%n  createdAt: expected \"2026-01-02T00:00:00Z\""
                    + " but was \"2026-01-01T00:00:00Z\"%n"));
  }

  @Test
  void worksOnGeneratedMessagesWithAnyFields() {
    BadRequest badRequest =
        BadRequest.newBuilder()
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField("greeting").setDescription("empty"))
            .build();
    com.google.rpc.Status details =
        com.google.rpc.Status.newBuilder()
            .setCode(3)
            .setMessage("bad")
            .addDetails(Any.pack(badRequest))
            .build();
    GrpcResponse response = ok("google.rpc.Demo/Get", details);

    assertThat(response)
        .hasMessageJson(
            "{\"code\": 3, \"message\": \"bad\", \"details\": [{\"@type\":"
                + " \"type.googleapis.com/google.rpc.BadRequest\", \"fieldViolations\":"
                + " [{\"field\": \"greeting\", \"description\": \"empty\"}]}]}");
  }

  @Test
  void wellKnownWrappersCompareAsValues() {
    GrpcResponse response = ok("demo.Demo/Get", Int32Value.of(7));

    assertThat(response).hasMessageJson("7");
    Throwable error = catchThrowable(() -> assertThat(response).hasMessageJson("8"));
    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageContaining("  value: expected 8 but was 7");
  }

  @Test
  void jsonWithAnUnknownFieldIsAMistakeInTheTestNamingTheField() {
    Throwable error =
        catchThrowable(
            () -> assertThat(order()).hasMessageJson("{\"shipTo\": {\"town\": \"Oslo\"}}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The expected JSON does not fit shop.Order at field shipTo.town: ")
        .hasMessageContaining("Cannot find field: town in message shop.Address");
  }

  @Test
  void jsonWithAWronglyTypedValueIsAMistakeInTheTestNamingTheField() {
    Throwable error =
        catchThrowable(() -> assertThat(order()).hasMessageJson("{\"count\": \"three\"}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The expected JSON does not fit shop.Order at field count: Not an int32 value:"
                + " \"three\"");
  }

  @Test
  void wronglyTypedValueDeepInsideIsNamedByItsPath() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(order())
                    .hasMessageJson(
                        "{\"id\": \"o-1\", \"items\": [{\"sku\": \"A\"}, {\"quantity\": true}],"
                            + " \"stock\": {\"7\": {\"sku\": \"A\"}}}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The expected JSON does not fit shop.Order at field items[1].quantity: ");
  }

  @Test
  void wronglyTypedMapValueIsNamedByItsKey() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(order())
                    .hasMessageJson("{\"stock\": {\"7\": {\"quantity\": \"many\"}}}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The expected JSON does not fit shop.Order at field stock[7].quantity: ");
  }

  @Test
  void malformedJsonIsAMistakeInTheTest() {
    Throwable error = catchThrowable(() -> assertThat(order()).hasMessageJson("{\"id\": "));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The expected JSON does not fit shop.Order");
  }

  @Test
  void failsWhenTheCallHasNoMessage() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(failed(Status.NOT_FOUND.withDescription("no such greeting")))
                    .hasMessageJson("{\"reply\": \"hi\"}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "%nExpecting the call to hello.HelloService/SayHello to have a response message but"
                    + " it has none; it ended with:%n  NOT_FOUND \"no such greeting\"%n"
                    + "trailers:%n  none"));
  }

  @Test
  void errorInfoFromCommonProtos() {
    ErrorInfo info = ErrorInfo.newBuilder().setReason("QUOTA").putMetadata("limit", "10").build();

    assertThat(ok("demo.Demo/Get", info))
        .hasMessageJson("{\"metadata\": {\"limit\": \"10\"}, \"reason\": \"QUOTA\"}");
  }
}
