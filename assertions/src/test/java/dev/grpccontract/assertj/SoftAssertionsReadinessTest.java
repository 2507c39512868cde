package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.failed;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.ok;

import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.AbstractSoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The assert classes can be proxied by AssertJ's soft assertions (not final, a public constructor
 * taking the actual value), which a later {@code GrpcSoftAssertions} relies on.
 */
class SoftAssertionsReadinessTest {

  static final class Soft extends AbstractSoftAssertions {
    GrpcResponseAssert assertThat(GrpcResponse actual) {
      return proxy(GrpcResponseAssert.class, GrpcResponse.class, actual);
    }

    // StatusAssert's actual is the Status; its exception constructors keep the trailers. The
    // proxy's generic bounds want the actual type, so the exception overloads go through a raw
    // class; the proxy calls the StatusAssert(StatusRuntimeException) constructor.
    @SuppressWarnings({"unchecked", "rawtypes"})
    StatusAssert assertThat(StatusRuntimeException actual) {
      return (StatusAssert) proxy((Class) StatusAssert.class, StatusRuntimeException.class, actual);
    }

    ProtoMessageAssert assertThat(Message actual) {
      return proxy(ProtoMessageAssert.class, Message.class, actual);
    }

    MetadataAssert assertThat(Metadata actual) {
      return proxy(MetadataAssert.class, Metadata.class, actual);
    }
  }

  @Test
  void failuresOfEveryAssertClassAreCollected() {
    Soft softly = new Soft();

    softly.assertThat(failed(Status.NOT_FOUND)).isOk().hasDescription("x");
    softly
        .assertThat(Status.INTERNAL.asRuntimeException(TestProtos.metadata("x-id", "7")))
        .isUnavailable();
    softly.assertThat(hello("a")).isEqualToJson("{\"reply\": \"b\"}");
    softly.assertThat(new Metadata()).containsKey("x-id");
    softly.assertThat(ok(SAY_HELLO, hello("a"))).isOk().hasMessageJson("{\"reply\": \"a\"}");

    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected())
        .hasSize(5)
        .allSatisfy(
            error ->
                org.assertj.core.api.Assertions.assertThat(error)
                    .isInstanceOf(org.opentest4j.AssertionFailedError.class));
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected().get(1))
        .hasMessageContaining("Expecting gRPC status description");
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected().get(2))
        .hasMessageContaining("x-id: 7");
  }

  // Soft assertions that are not GrpcSoftAssertionsProvider's: AssertJ re-proxies what the
  // navigation methods return through the protected extractingForProxy, AssertJ's naming
  // convention for navigation.
  @Test
  void messageNavigationFailuresAreCollectedToo() {
    Soft softly = new Soft();

    softly.assertThat(ok(SAY_HELLO, hello("a"))).message().isEqualToJson("{\"reply\": \"b\"}");
    softly.assertThat(ok(SAY_HELLO, hello("a"))).message().isEqualToJson("{\"reply\": \"c\"}");

    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(2);
  }

  @Test
  void headerTrailerAndDetailNavigationFailuresAreCollectedToo() {
    Soft softly = new Soft();
    GrpcResponse response =
        TestProtos.ok(
            SAY_HELLO, hello("a"), TestProtos.metadata("x-id", "7"), TestProtos.metadata());

    softly.assertThat(response).headers().containsKey("x-missing");
    softly.assertThat(response).trailers().containsKey("x-missing");
    softly.assertThat(hello("a")).extractingField("reply").isEqualTo("b");

    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(3);
  }
}
