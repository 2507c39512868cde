package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static dev.grpccontract.assertj.TestProtos.HELLO_REPLY;
import static dev.grpccontract.assertj.TestProtos.ORDER;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.message;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The message assertion: equality by protobuf meaning. */
class ProtoMessageAssertTest {

  @Test
  void isEqualToPassesOnAnEqualMessage() {
    assertThat(hello("hi")).isEqualTo(hello("hi"));
  }

  @Test
  void isEqualToComparesAGeneratedMessageWithADynamicOne() throws Exception {
    ErrorInfo generated =
        ErrorInfo.newBuilder().setReason("QUOTA").putMetadata("limit", "10").build();
    DynamicMessage dynamic =
        DynamicMessage.parseFrom(ErrorInfo.getDescriptor(), generated.toByteString());

    assertThat(generated).isEqualTo(dynamic);
    assertThat(dynamic).isEqualTo(generated);
  }

  @Test
  void isEqualToComparesMessagesOfTwoCopiesOfTheSameDescriptor() {
    Message fromOtherCopy =
        message(
            TestProtos.freshShop().findMessageTypeByName("Order"),
            "{\"id\": \"o-1\", \"items\": [{\"sku\": \"A\"}]}");

    assertThat(message(ORDER, "{\"items\": [{\"sku\": \"A\"}], \"id\": \"o-1\"}"))
        .isEqualTo(fromOtherCopy);
  }

  @Test
  void isEqualToFailureListsTheDifferencesAndCarriesBothAsJson() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(hello("hello Bart")).isEqualTo(hello("hello Bert")));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting message to be equal by protobuf meaning to:%n"
                    + "  {\"reply\":\"hello Bert\"}%n"
                    + "but 1 field differs:%n"
                    + "  reply: expected \"hello Bert\" but was \"hello Bart\"%n"
                    + "actual message:%n  {%n    \"reply\": \"hello Bart\"%n  }"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo("{\n  \"reply\": \"hello Bert\"\n}");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo("{\n  \"reply\": \"hello Bart\"\n}");
  }

  @Test
  void isEqualToFailsOnAMessageOfAnotherType() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(hello("hi")).isEqualTo(ErrorInfo.newBuilder().setReason("hi").build()));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "%nExpecting message to be equal by protobuf meaning to a google.rpc.ErrorInfo:%n"
                    + "  {\"reason\":\"hi\"}%n"
                    + "but it is a shop.HelloReply:%n  {\"reply\":\"hi\"}"));
  }

  @Test
  void isEqualToWithSomethingElseThanAMessageComparesAsAssertjDoes() {
    Throwable error = catchThrowable(() -> assertThat(hello("hi")).isEqualTo("hi"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"hi\"")
        .hasMessageContaining("reply: \"hi\"");
  }

  @Test
  void isEqualToJsonPasses() {
    assertThat(message(ORDER, "{\"id\": \"o-1\", \"labels\": {\"a\": \"1\", \"b\": \"2\"}}"))
        .isEqualToJson("{\"labels\": {\"b\": \"2\", \"a\": \"1\"}, \"id\": \"o-1\"}");
  }

  @Test
  void isEqualToJsonFailureNamesTheFields() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(message(ORDER, "{\"id\": \"o-1\", \"labels\": {\"a\": \"1\"}}"))
                    .as("order")
                    .isEqualToJson("{\"id\": \"o-2\", \"labels\": {\"a\": \"2\"}}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            String.format(
                "[order] %nExpecting message to be equal by protobuf meaning to:%n"
                    + "  {\"id\":\"o-2\",\"labels\":{\"a\":\"2\"}}%n"
                    + "but 2 fields differ:%n"
                    + "  id: expected \"o-2\" but was \"o-1\"%n"
                    + "  labels[\"a\"]: expected \"2\" but was \"1\"%n"));
  }

  @Test
  void isEqualToJsonThatDoesNotFitIsAMistakeInTheTest() {
    Throwable error =
        catchThrowable(() -> assertThat(hello("hi")).isEqualToJson("{\"greeting\": \"hi\"}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The expected JSON does not fit shop.HelloReply at field greeting: ");
  }

  @Test
  void checksFailOnANullMessage() {
    Throwable error = catchThrowable(() -> assertThat((Message) null).isEqualToJson("{}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void isNotEqualToFailsOnAnEqualMessageOfAnotherJavaClass() throws Exception {
    ErrorInfo generated = ErrorInfo.newBuilder().setReason("QUOTA").build();
    DynamicMessage dynamic =
        DynamicMessage.parseFrom(ErrorInfo.getDescriptor(), generated.toByteString());

    Throwable error = catchThrowable(() -> assertThat(dynamic).isNotEqualTo(generated));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting message not to be equal by protobuf meaning to:%n"
                    + "  {\"reason\":\"QUOTA\"}%n"
                    + "but it is"));
  }

  @Test
  void isNotEqualToPassesOnADifferentMessageAnotherTypeOrANonMessage() {
    assertThat(hello("hi"))
        .isNotEqualTo(hello("ho"))
        .isNotEqualTo(ErrorInfo.newBuilder().setReason("hi").build())
        .isNotEqualTo("hi");
    assertThat((Message) null).isNotEqualTo(hello("hi"));
  }

  @Test
  void isNotEqualToHonoursTheComparisonSettings() {
    Message actual = message(ORDER, "{\"id\": \"o-1\", \"count\": 2}");
    Message other = message(ORDER, "{\"id\": \"o-2\", \"count\": 2}");
    assertThat(actual).isNotEqualTo(other);

    Throwable error =
        catchThrowable(() -> assertThat(actual).ignoringFields("id").isNotEqualTo(other));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting message not to be equal by protobuf meaning to:%n"
                    + "  {\"id\":\"o-2\",\"count\":2}%n"
                    + "but it is%n"
                    + "compared ignoring fields [id]"));
  }

  @Test
  void isNotEqualToJsonIsTheNegationOfIsEqualToJson() {
    Message actual = message(ORDER, "{\"id\": \"o-1\", \"count\": 2}");
    assertThat(actual).isNotEqualToJson("{\"id\": \"o-1\"}");

    Throwable error =
        catchThrowable(
            () ->
                assertThat(actual).as("order").isNotEqualToJson("{\"count\": 2, \"id\": \"o-1\"}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "[order] %nExpecting message not to be equal by protobuf meaning to:%n"
                    + "  {\"id\":\"o-1\",\"count\":2}%n"
                    + "but it is"));
  }

  @Test
  void thenIsTheBddTwin() {
    then(DynamicMessage.getDefaultInstance(HELLO_REPLY)).isEqualToJson("{}");
  }
}
