package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.GRPC_RESPONSE;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.HEALTH_CHECK;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.METADATA;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.PROTO_MESSAGE;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.STATUS;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.STATUS_EXCEPTION;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.STATUS_RUNTIME_EXCEPTION;
import static dev.grpccontract.assertj.GrpcInstanceOfAssertFactories.STREAM_RESPONSE;
import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.failed;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.grpccontract.client.HealthCheck;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/** Soft assertions for every gRPC type, and the InstanceOfAssertFactory constants. */
class GrpcSoftAssertionsTest {

  @Test
  void collectsTheFailuresOfEveryAssertType() {
    GrpcSoftAssertions softly = new GrpcSoftAssertions();

    softly.assertThat(failed(Status.NOT_FOUND)).isOk();
    softly
        .assertThat(StreamResponseAssertTest.threeHellos())
        .hasMessageCount(2)
        .containsMessageJson("{\"reply\": \"z\"}");
    softly.assertThat(HealthCheck.of("", ServingStatus.NOT_SERVING, Status.OK)).isServing();
    softly.assertThat(Status.INTERNAL).isUnavailable();
    softly.assertThat(Status.INTERNAL.asRuntimeException(metadata("x-id", "7"))).isAborted();
    softly.assertThat(Status.INTERNAL.asException()).isAborted();
    softly.assertThat(hello("a")).hasField("reply", "b");
    softly.assertThat(new Metadata()).containsKey("x-id");
    softly.assertThat(ok(SAY_HELLO, hello("a"))).isOk().hasMessageJson("{\"reply\": \"a\"}");

    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected())
        .hasSize(9)
        .allSatisfy(
            error ->
                org.assertj.core.api.Assertions.assertThat(error)
                    .isInstanceOf(AssertionFailedError.class));
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected().get(2))
        .hasMessageContaining("but none of its 3 messages is");
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected().get(5))
        .hasMessageContaining("x-id: 7");
    AssertionError all = catchThrowableOfType(AssertionError.class, softly::assertAll);
    org.assertj.core.api.Assertions.assertThat(all)
        .hasMessageContaining("Multiple Failures (9 failures)");
  }

  @Test
  void messageNavigationOfStreamsIsCollectedToo() {
    GrpcSoftAssertions softly = new GrpcSoftAssertions();

    softly.assertThat(StreamResponseAssertTest.threeHellos()).message(1).isEqualToJson("{}");
    softly.assertThat(ok(SAY_HELLO, hello("a"))).message().hasField("reply", "c");

    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(2);
  }

  /** A team's own soft assertions with AssertJ's checks and the gRPC ones in one object. */
  static final class MixedSoftly extends SoftAssertions implements GrpcSoftAssertionsProvider {}

  @Test
  void theProviderMixesIntoAssertJsOwnSoftAssertions() {
    MixedSoftly softly = new MixedSoftly();

    softly.assertThat(failed(Status.NOT_FOUND)).isNotFound();
    softly.assertThat("text").startsWith("x");
    softly.assertThat(Status.OK).isCancelled();

    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(2);
  }

  @Nested
  @ExtendWith(SoftAssertionsExtension.class)
  class WithAssertJsExtension {

    @InjectSoftAssertions GrpcSoftAssertions softly;

    @Test
    void injectsAndVerifiesAfterTheTest() {
      org.assertj.core.api.Assertions.assertThat(softly).isNotNull();
      softly.assertThat(ok(SAY_HELLO, hello("a"))).isOk().hasMessageJson("{\"reply\": \"a\"}");
      softly.assertThat(HealthCheck.of("", ServingStatus.SERVING, Status.OK)).isServing();
    }

    @Test
    void resolvesAParameter(GrpcSoftAssertions parameter) {
      parameter.assertThat(Status.NOT_FOUND).isNotFound();
    }
  }

  @Test
  void asInstanceOfNarrowsToTheGrpcAssertions() {
    Object response = failed(Status.NOT_FOUND);
    Object stream = StreamResponseAssertTest.threeHellos();
    org.assertj.core.api.Assertions.assertThat(response).asInstanceOf(GRPC_RESPONSE).isNotFound();
    org.assertj.core.api.Assertions.assertThat(stream)
        .asInstanceOf(STREAM_RESPONSE)
        .hasMessageCount(3);
    org.assertj.core.api.Assertions.assertThat((Object) Status.ABORTED)
        .asInstanceOf(STATUS)
        .isAborted();
    org.assertj.core.api.Assertions.assertThat((Object) Status.ABORTED.asRuntimeException())
        .asInstanceOf(STATUS_RUNTIME_EXCEPTION)
        .isAborted();
    org.assertj.core.api.Assertions.assertThat((Object) Status.ABORTED.asException())
        .asInstanceOf(STATUS_EXCEPTION)
        .isAborted();
    org.assertj.core.api.Assertions.assertThat((Object) hello("a"))
        .asInstanceOf(PROTO_MESSAGE)
        .isEqualToJson("{\"reply\": \"a\"}");
    org.assertj.core.api.Assertions.assertThat((Object) metadata("k", "v"))
        .asInstanceOf(METADATA)
        .hasValue("k", "v");
    org.assertj.core.api.Assertions.assertThat(
            (Object) HealthCheck.of("", ServingStatus.SERVING, Status.OK))
        .asInstanceOf(HEALTH_CHECK)
        .isServing();
    org.assertj.core.api.Assertions.assertThat(Map.of("reply", hello("a")))
        .extractingByKey("reply", as(PROTO_MESSAGE))
        .hasField("reply", "a");
  }

  @Test
  void asInstanceOfFailsOnAnotherType() {
    org.assertj.core.api.Assertions.assertThat(
            catchThrowableOfType(
                AssertionError.class,
                () ->
                    org.assertj.core.api.Assertions.assertThat((Object) "x").asInstanceOf(STATUS)))
        .hasMessageContaining("to be an instance of:")
        .hasMessageContaining("io.grpc.Status");
  }
}
