package dev.grpccontract.assertj;

import dev.grpccontract.client.GrpcResponse;

/**
 * Assertions on a {@link GrpcResponse}; see {@link AbstractGrpcResponseAssert} and {@link
 * AbstractStatusAssert} for the checks.
 *
 * <p>Create instances with {@link GrpcAssertions#assertThat(GrpcResponse)}. The class is not final
 * so that soft assertions can proxy it.
 */
public class GrpcResponseAssert
    extends AbstractGrpcResponseAssert<GrpcResponseAssert, GrpcResponse> {

  /**
   * Creates an assertion on a response.
   *
   * @param actual the response under test; {@code null} fails every check
   */
  public GrpcResponseAssert(GrpcResponse actual) {
    super(actual, GrpcResponseAssert.class);
  }
}
