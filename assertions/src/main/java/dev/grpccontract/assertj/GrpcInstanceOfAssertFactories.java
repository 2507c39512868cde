package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.HealthCheck;
import dev.grpccontract.client.StreamResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.InstanceOfAssertFactory;

/**
 * {@link InstanceOfAssertFactory} constants for the gRPC types, in the style of AssertJ's {@code
 * InstanceOfAssertFactories}: they narrow an assertion on an {@code Object} to the gRPC assertion
 * of its type, e.g. {@code assertThat(result).asInstanceOf(GRPC_RESPONSE).isOk()} or {@code
 * assertThat(map).extractingByKey("reply", as(PROTO_MESSAGE))}.
 */
public final class GrpcInstanceOfAssertFactories {

  /** Narrows to a {@link GrpcResponse} and its {@link GrpcResponseAssert}. */
  public static final InstanceOfAssertFactory<GrpcResponse, GrpcResponseAssert> GRPC_RESPONSE =
      new InstanceOfAssertFactory<>(GrpcResponse.class, GrpcAssertions::assertThat);

  /** Narrows to a {@link StreamResponse} and its {@link StreamResponseAssert}. */
  public static final InstanceOfAssertFactory<StreamResponse, StreamResponseAssert>
      STREAM_RESPONSE =
          new InstanceOfAssertFactory<>(StreamResponse.class, GrpcAssertions::assertThat);

  /** Narrows to a {@link HealthCheck} and its {@link HealthCheckAssert}. */
  public static final InstanceOfAssertFactory<HealthCheck, HealthCheckAssert> HEALTH_CHECK =
      new InstanceOfAssertFactory<>(HealthCheck.class, GrpcAssertions::assertThat);

  /** Narrows to a {@link Status} and its {@link StatusAssert}. */
  public static final InstanceOfAssertFactory<Status, StatusAssert> STATUS =
      new InstanceOfAssertFactory<>(Status.class, GrpcAssertions::assertThat);

  /** Narrows to a {@link StatusRuntimeException} and a {@link StatusAssert} on its status. */
  public static final InstanceOfAssertFactory<StatusRuntimeException, StatusAssert>
      STATUS_RUNTIME_EXCEPTION =
          new InstanceOfAssertFactory<>(StatusRuntimeException.class, GrpcAssertions::assertThat);

  /** Narrows to a {@link StatusException} and a {@link StatusAssert} on its status. */
  public static final InstanceOfAssertFactory<StatusException, StatusAssert> STATUS_EXCEPTION =
      new InstanceOfAssertFactory<>(StatusException.class, GrpcAssertions::assertThat);

  /** Narrows to a protobuf {@link Message} and its {@link ProtoMessageAssert}. */
  public static final InstanceOfAssertFactory<Message, ProtoMessageAssert> PROTO_MESSAGE =
      new InstanceOfAssertFactory<>(Message.class, GrpcAssertions::assertThat);

  /** Narrows to gRPC {@link Metadata} and its {@link MetadataAssert}. */
  public static final InstanceOfAssertFactory<Metadata, MetadataAssert> METADATA =
      new InstanceOfAssertFactory<>(Metadata.class, GrpcAssertions::assertThat);

  private GrpcInstanceOfAssertFactories() {}
}
