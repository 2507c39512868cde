package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.failed;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import com.google.rpc.QuotaFailure;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under {@link GrpcSoftAssertions}, checks on the parts a navigation method reaches are collected,
 * keep how the part is described, and a part that is not there is one more collected failure rather
 * than an exception.
 */
class SoftNavigationTest {

  private final GrpcSoftAssertions softly = new GrpcSoftAssertions();

  private List<String> messages() {
    return softly.errorsCollected().stream().map(Throwable::getMessage).toList();
  }

  @Test
  void headerAndTrailerChecksAreCollectedAndNameThePartAndMethod() {
    var response = ok(SAY_HELLO, hello("a"), metadata("x-id", "7"), metadata("x-trace", "t"));

    softly.assertThat(response).headers().containsKey("x-missing");
    softly.assertThat(response).trailers().hasValue("x-trace", "other");
    softly.assertThat(response).headers().hasValue("x-id", "7");

    assertThat(messages()).hasSize(2);
    assertThat(messages().get(0)).contains("headers").contains("x-missing").contains(SAY_HELLO);
    assertThat(messages().get(1)).contains("trailers").contains("other").contains(SAY_HELLO);
  }

  @Test
  void messageChecksKeepTheResponseDescription() {
    softly.assertThat(ok(SAY_HELLO, hello("a"))).message().hasField("reply", "b");

    assertThat(messages()).singleElement().asString().contains("response message", SAY_HELLO);
  }

  @Test
  void aMissingMessageIsCollectedAndItsChecksFailWithoutThrowing() {
    softly.assertThat(failed(Status.NOT_FOUND)).message().hasField("reply", "b");
    softly.assertThat(failed(Status.NOT_FOUND)).isNotFound();

    assertThat(messages()).hasSize(2);
    assertThat(messages().get(0)).contains("response message").contains("NOT_FOUND");
    assertThat(messages().get(1)).contains("Expecting actual not to be null");
  }

  @Test
  void errorDetailChecksAreCollectedAndNameTheDetail() {
    softly
        .assertThat(ErrorDetailsAssertTest.response())
        .hasErrorDetail(BadRequest.class)
        .hasField("fieldViolations[0].field", "items[1].sku");

    assertThat(messages())
        .singleElement()
        .asString()
        .contains("error detail google.rpc.BadRequest")
        .contains("items[0].sku");
  }

  @Test
  void aMissingErrorDetailIsCollectedAndItsChecksFailWithoutThrowing() {
    softly
        .assertThat(ErrorDetailsAssertTest.response())
        .hasErrorDetail(QuotaFailure.class)
        .hasField("violations[0].subject", "x");

    assertThat(messages()).hasSize(2);
    assertThat(messages().get(0)).contains("google.rpc.QuotaFailure").contains("BadRequest");
    assertThat(messages().get(1)).contains("Expecting actual not to be null");
  }

  @Test
  void streamMessageChecksThroughTheListAreCollectedAndKeepTheirDescription() {
    var stream = StreamResponseAssertTest.threeHellos();

    softly.assertThat(stream).messages().first().hasField("reply", "x");
    softly.assertThat(stream).messages().element(2).hasField("reply", "c");
    softly.assertThat(stream).messages().hasSize(4);
    softly.assertThat(stream).message(1).hasField("reply", "y");
    softly.assertThat(stream).message(7).hasField("reply", "z");

    assertThat(messages()).hasSize(5);
    assertThat(messages().get(0)).contains("stream message").contains("x");
    assertThat(messages().get(1)).contains("4");
    assertThat(messages().get(2)).contains("stream message [1]").contains("y");
    assertThat(messages().get(3)).contains("7");
    assertThat(messages().get(4)).contains("Expecting actual not to be null");
  }

  @Test
  void extractedFieldChecksAreCollectedAndAMissingFieldToo() {
    softly.assertThat(hello("a")).extractingField("reply").isEqualTo("b");
    softly.assertThat(hello("a")).extractingField("reply").isEqualTo("a");
    softly
        .assertThat(TestProtos.message(TestProtos.ORDER, "{\"items\": []}"))
        .extractingField("items[3].sku")
        .isEqualTo("c");

    assertThat(messages()).hasSize(3);
    assertThat(messages().get(0)).contains("message field reply").contains("\"b\"");
    assertThat(messages().get(1)).contains("items[3].sku");
    assertThat(messages().get(2)).contains("message field items[3].sku").contains("but was: null");
  }

  @Test
  void navigationChainsStaySoftAllTheWayDown() {
    softly
        .assertThat(ok(SAY_HELLO, hello("a")))
        .as("greeting")
        .message()
        .extractingField("reply")
        .isEqualTo("b");

    assertThat(messages()).singleElement().asString().contains("greeting").contains("\"b\"");
  }

  @Test
  void assertAllReportsEveryNavigatedFailure() {
    var response = ok(SAY_HELLO, hello("a"), metadata("x-id", "7"), metadata());
    softly.assertThat(response).headers().containsKey("x-missing");
    softly.assertThat(response).message().hasField("reply", "b");

    assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (2 failures)");
  }

  @Test
  void plainNavigationStillThrowsAtOnce() {
    var response = ok(SAY_HELLO, hello("a"), metadata("x-id", "7"), metadata());

    assertThatThrownBy(() -> GrpcAssertions.assertThat(response).headers().containsKey("x-no"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("x-no");
    assertThatThrownBy(() -> GrpcAssertions.assertThat(failed(Status.NOT_FOUND)).message())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("response message");
  }
}
