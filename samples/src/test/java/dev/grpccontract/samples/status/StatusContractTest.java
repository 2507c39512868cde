package dev.grpccontract.samples.status;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.junit.GrpcTarget;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every one of the 17 gRPC status codes, each checked with its own named assertion. */
@GrpcTarget(services = StatusServiceImpl.class)
class StatusContractTest {

  private static GrpcResponse answer(GrpcClient client, String code) {
    return client.invoke(
        "status.StatusService/Answer", Map.of("code", code, "message", "asked for " + code));
  }

  @Test
  void ok(GrpcClient client) {
    assertThat(answer(client, "OK")).isOk().hasMessageJson("{\"code\": \"OK\"}");
  }

  @Test
  void cancelled(GrpcClient client) {
    assertThat(answer(client, "CANCELLED")).isCancelled().hasDescription("asked for CANCELLED");
  }

  @Test
  void unknown(GrpcClient client) {
    assertThat(answer(client, "UNKNOWN")).isUnknown();
  }

  @Test
  void invalidArgument(GrpcClient client) {
    assertThat(answer(client, "INVALID_ARGUMENT")).isInvalidArgument();
  }

  @Test
  void deadlineExceeded(GrpcClient client) {
    assertThat(answer(client, "DEADLINE_EXCEEDED")).isDeadlineExceeded();
  }

  @Test
  void notFound(GrpcClient client) {
    assertThat(answer(client, "NOT_FOUND")).isNotFound();
  }

  @Test
  void alreadyExists(GrpcClient client) {
    assertThat(answer(client, "ALREADY_EXISTS")).isAlreadyExists();
  }

  @Test
  void permissionDenied(GrpcClient client) {
    assertThat(answer(client, "PERMISSION_DENIED")).isPermissionDenied();
  }

  @Test
  void resourceExhausted(GrpcClient client) {
    assertThat(answer(client, "RESOURCE_EXHAUSTED")).isResourceExhausted();
  }

  @Test
  void failedPrecondition(GrpcClient client) {
    assertThat(answer(client, "FAILED_PRECONDITION")).isFailedPrecondition();
  }

  @Test
  void aborted(GrpcClient client) {
    assertThat(answer(client, "ABORTED")).isAborted();
  }

  @Test
  void outOfRange(GrpcClient client) {
    assertThat(answer(client, "OUT_OF_RANGE")).isOutOfRange();
  }

  @Test
  void unimplemented(GrpcClient client) {
    assertThat(answer(client, "UNIMPLEMENTED")).isUnimplemented();
  }

  @Test
  void internal(GrpcClient client) {
    assertThat(answer(client, "INTERNAL")).isInternal();
  }

  @Test
  void unavailable(GrpcClient client) {
    assertThat(answer(client, "UNAVAILABLE")).isUnavailable();
  }

  @Test
  void dataLoss(GrpcClient client) {
    assertThat(answer(client, "DATA_LOSS")).isDataLoss();
  }

  @Test
  void unauthenticated(GrpcClient client) {
    assertThat(answer(client, "UNAUTHENTICATED")).isUnauthenticated();
  }

  @Test
  void unknownCodeNameIsRejected(GrpcClient client) {
    assertThat(answer(client, "NOPE")).isInvalidArgument().hasDescriptionContaining("'NOPE'");
  }

  /** Teams with generated stubs use the same status assertions on the stub's exceptions. */
  @Test
  void generatedStubErrorsUseTheSameAssertions(Channel channel) {
    StatusServiceGrpc.StatusServiceBlockingStub stub = StatusServiceGrpc.newBlockingStub(channel);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub.answer(
                    AnswerRequest.newBuilder().setCode("NOT_FOUND").setMessage("gone").build()));

    assertThat(error).isNotFound().hasDescription("gone");
  }
}
