package dev.grpccontract.junit.internal;

import dev.grpccontract.proto.ProtoSchema;
import io.grpc.BindableService;
import java.time.Duration;
import java.util.List;

/**
 * A resolved target: what to host or where to connect, and where the schema comes from. Two equal
 * specs share one server and channel within a store.
 *
 * @param testClass the class whose {@code @GrpcService} fields are read
 * @param where where the configuration was found, for error messages
 * @param serviceClasses classes to instantiate and host
 * @param services service, definition and interceptor instances given programmatically
 * @param schema a schema given programmatically, or {@code null}
 */
public record TargetSpec(
    Class<?> testClass,
    String where,
    List<Class<? extends BindableService>> serviceClasses,
    List<Object> services,
    String address,
    boolean plaintext,
    String authority,
    Duration deadline,
    int maxInboundMessageSize,
    List<SourceSpec> sources,
    ProtoSchema schema) {

  /** Returns whether services are hosted in-process (no address). */
  public boolean inProcess() {
    return address.isEmpty();
  }
}
