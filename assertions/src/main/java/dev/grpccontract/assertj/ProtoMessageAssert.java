package dev.grpccontract.assertj;

import com.google.protobuf.Message;

/**
 * Assertions on a protobuf {@link Message}, compared by protobuf meaning; see {@link
 * AbstractProtoMessageAssert} for the checks.
 *
 * <p>Create instances with {@link GrpcAssertions#assertThat(Message)} or navigate from a response
 * with {@link AbstractGrpcResponseAssert#message()}. The class is not final so that soft assertions
 * can proxy it.
 */
public class ProtoMessageAssert extends AbstractProtoMessageAssert<ProtoMessageAssert, Message> {

  /**
   * Creates an assertion on a message.
   *
   * @param actual the message under test; {@code null} fails every check
   */
  public ProtoMessageAssert(Message actual) {
    super(actual, ProtoMessageAssert.class);
  }
}
