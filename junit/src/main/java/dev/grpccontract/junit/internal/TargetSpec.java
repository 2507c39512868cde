package dev.grpccontract.junit.internal;

import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.BindableService;
import java.time.Duration;
import java.util.List;

/**
 * A resolved target: what to host or where to connect, how, and where the schema comes from. Two
 * equal specs share one server and channel within a store. Placeholders are already resolved.
 *
 * @param testClass the class whose {@code @GrpcService} and {@code @GrpcCallCredentials} fields are
 *     read
 * @param where where the configuration was found, for error messages
 * @param serviceClasses classes to instantiate and host
 * @param services service, definition, interceptor and call-credentials instances given
 *     programmatically
 * @param address the resolved address, empty to host the services
 * @param metadata {@code "key: value"} entries sent on every call (bearer token included)
 * @param schema a schema given programmatically, or {@code null}
 */
public record TargetSpec(
    Class<?> testClass,
    String where,
    List<Class<? extends BindableService>> serviceClasses,
    List<Object> services,
    String address,
    boolean plaintext,
    TlsSpec tls,
    String authority,
    GrpcTarget.Transport transport,
    List<String> metadata,
    Duration deadline,
    Duration connectTimeout,
    int maxInboundMessageSize,
    int maxOutboundMessageSize,
    List<SourceSpec> sources,
    ProtoSchema schema,
    boolean directExecutor) {

  /** Returns whether services are hosted (no address). */
  public boolean hosted() {
    return address.isEmpty();
  }

  /** TLS material, resolved: PEM locations (paths or {@code classpath:} resources), or empty. */
  public record TlsSpec(
      String trustCertificates,
      String clientCertificate,
      String clientKey,
      String serverCertificate,
      String serverKey,
      boolean requireClientCertificate) {

    /** No TLS material: the JDK's trust store for clients, no server keys. */
    public static final TlsSpec NONE = new TlsSpec("", "", "", "", "", false);

    /** Returns whether the hosted server has keys, so it serves TLS. */
    public boolean serverTls() {
      return !serverCertificate.isEmpty();
    }
  }
}
