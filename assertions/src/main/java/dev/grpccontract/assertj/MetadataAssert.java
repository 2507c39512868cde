package dev.grpccontract.assertj;

import io.grpc.Metadata;

/**
 * Assertions on gRPC {@link Metadata}; see {@link AbstractMetadataAssert} for the checks.
 *
 * <p>Create instances with {@link GrpcAssertions#assertThat(Metadata)} or navigate from a response
 * with {@link AbstractGrpcResponseAssert#headers()} and {@link
 * AbstractGrpcResponseAssert#trailers()}. The class is not final so that soft assertions can proxy
 * it.
 */
public class MetadataAssert extends AbstractMetadataAssert<MetadataAssert, Metadata> {

  /**
   * Creates an assertion on metadata.
   *
   * @param actual the metadata under test; {@code null} fails every check
   */
  public MetadataAssert(Metadata actual) {
    super(actual, MetadataAssert.class);
  }
}
