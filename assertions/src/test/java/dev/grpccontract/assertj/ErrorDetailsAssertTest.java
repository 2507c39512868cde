package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.RetryInfo;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The rich error model checks, on responses and on exceptions of generated stubs. */
class ErrorDetailsAssertTest {

  static final com.google.rpc.Status DETAILS =
      com.google.rpc.Status.newBuilder()
          .setCode(Status.Code.INVALID_ARGUMENT.value())
          .setMessage("bad order")
          .addDetails(
              Any.pack(
                  BadRequest.newBuilder()
                      .addFieldViolations(
                          BadRequest.FieldViolation.newBuilder()
                              .setField("items[0].sku")
                              .setDescription("must not be empty"))
                      .build()))
          .addDetails(
              Any.pack(
                  ErrorInfo.newBuilder().setReason("BAD_SKU").setDomain("shop.example").build()))
          .addDetails(
              Any.pack(
                  RetryInfo.newBuilder()
                      .setRetryDelay(
                          com.google.protobuf.Duration.newBuilder()
                              .setSeconds(2)
                              .setNanos(500_000_000))
                      .build()))
          .addDetails(
              Any.pack(
                  LocalizedMessage.newBuilder()
                      .setLocale("de-DE")
                      .setMessage("Die Artikelnummer fehlt")
                      .build()))
          .build();

  static StatusRuntimeException exception() {
    return StatusProto.toStatusRuntimeException(DETAILS);
  }

  static GrpcResponse response() {
    StatusRuntimeException e = exception();
    return GrpcResponse.of(SAY_HELLO, e.getStatus(), null, null, e.getTrailers(), Duration.ZERO);
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(
      Throwable error) {
    return org.assertj.core.api.Assertions.assertThat(error);
  }

  @Test
  void shortcutsPassOnAResponse() {
    assertThat(response())
        .isInvalidArgument()
        .hasFieldViolation("items[0].sku", "empty")
        .hasFieldViolation("items[0].sku", "")
        .hasErrorInfo("BAD_SKU", "shop.example")
        .hasRetryDelay(Duration.ofMillis(2500))
        .hasLocalizedMessage(Locale.GERMANY, "Artikelnummer");
  }

  @Test
  void shortcutsPassOnExceptionsOfGeneratedStubs() {
    assertThat(exception()).hasErrorInfo("BAD_SKU", "shop.example");
    assertThat(StatusProto.toStatusException(DETAILS))
        .hasFieldViolation("items[0].sku", "must not");
  }

  @Test
  void hasErrorDetailNavigatesToTheUnpackedDetail() {
    assertThat(response())
        .as("create order")
        .hasErrorDetail(BadRequest.class)
        .hasRepeatedFieldSize("fieldViolations", 1)
        .hasField("fieldViolations[0].field", "items[0].sku");

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () ->
                    assertThat(response())
                        .as("create order")
                        .hasErrorDetail(ErrorInfo.class)
                        .hasField("reason", "OTHER")))
        .hasMessageStartingWith(
            String.format(
                "[create order] %nExpecting error detail google.rpc.ErrorInfo field:%n  reason%n"));
  }

  @Test
  void hasErrorDetailFailureListsTheDetailTypes() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(exception()).hasErrorDetail(com.google.rpc.QuotaFailure.class)))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting gRPC error details to contain an error detail of type"
                    + " google.rpc.QuotaFailure%n"
                    + "but the detail types are: google.rpc.BadRequest, google.rpc.ErrorInfo,"
                    + " google.rpc.RetryInfo, google.rpc.LocalizedMessage%n"
                    + "status:%n  INVALID_ARGUMENT \"bad order\"%n"
                    + "error details:%n  {%n    \"code\": 3,"));
  }

  @Test
  void aStatusWithoutDetailsSaysSo() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(Status.NOT_FOUND).hasErrorInfo("R", "d")))
        .hasMessage(
            String.format(
                "%nExpecting gRPC error details to contain an ErrorInfo with reason \"R\", domain"
                    + " \"d\"%n"
                    + "but the status has no error details (no grpc-status-details-bin trailer)%n"
                    + "status:%n  NOT_FOUND (no description)"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () ->
                    assertThat(new StatusException(Status.NOT_FOUND)).hasRetryDelay(Duration.ZERO)))
        .hasMessageContaining("but the status has no error details");
  }

  @Test
  void fieldViolationFailureListsTheViolations() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(exception()).hasFieldViolation("items[0].sku", "too long"));

    assertError(error)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting gRPC error details to contain a BadRequest field violation of field"
                    + " \"items[0].sku\" with a description containing \"too long\"%n"
                    + "but there are:%n  items[0].sku: \"must not be empty\"%n"
                    + "status:%n  INVALID_ARGUMENT \"bad order\"%n"));
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo("items[0].sku: \"must not be empty\"");
  }

  @Test
  void errorInfoRetryAndLocalizedFailuresShowWhatIsThere() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(response()).hasErrorInfo("BAD_SKU", "other.example")))
        .hasMessageContaining(
            String.format(
                "but there are:%n  reason \"BAD_SKU\", domain \"shop.example\"%nstatus:"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(response()).hasRetryDelay(Duration.ofSeconds(2))))
        .hasMessageContaining(
            String.format("a RetryInfo with retry delay PT2S%nbut there are:%n  PT2.5S"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(response()).hasLocalizedMessage(Locale.FRANCE, "manque")))
        .hasMessageContaining(
            String.format(
                "a LocalizedMessage for locale fr-FR with a message containing \"manque\"%n"
                    + "but there are:%n  de-DE: \"Die Artikelnummer fehlt\""));
  }

  @Test
  void missingKindOfDetailNamesTheTypesThereAre() {
    com.google.rpc.Status onlyInfo =
        com.google.rpc.Status.newBuilder()
            .setCode(Status.Code.UNAVAILABLE.value())
            .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("DOWN").build()))
            .build();
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () ->
                    assertThat(StatusProto.toStatusRuntimeException(onlyInfo))
                        .hasRetryDelay(Duration.ofSeconds(1))))
        .hasMessageContaining(
            "but there are no RetryInfo details; the detail types are: google.rpc.ErrorInfo");
  }

  @Test
  void detailsWhoseCodeDisagreesWithTheStatusAreReportedAsUnreadable() {
    StatusRuntimeException e = exception();
    StatusRuntimeException mismatched = Status.NOT_FOUND.asRuntimeException(e.getTrailers());

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(mismatched).hasErrorInfo("BAD_SKU", "shop.example")))
        .hasMessageContaining("but the grpc-status-details-bin trailer cannot be read: ");
  }
}
