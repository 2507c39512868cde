package dev.grpccontract.assertj;

import dev.grpccontract.client.StreamResponse;

/**
 * Assertions on a {@link StreamResponse}; see {@link AbstractStreamResponseAssert}, {@link
 * AbstractCallAssert} and {@link AbstractStatusAssert} for the checks.
 *
 * <p>Create instances with {@link GrpcAssertions#assertThat(StreamResponse)}. The class is not
 * final so that soft assertions can proxy it.
 */
public class StreamResponseAssert
    extends AbstractStreamResponseAssert<StreamResponseAssert, StreamResponse> {

  /**
   * Creates an assertion on a stream response.
   *
   * @param actual the stream response under test; {@code null} fails every check
   */
  public StreamResponseAssert(StreamResponse actual) {
    super(actual, StreamResponseAssert.class);
  }
}
