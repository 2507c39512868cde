package dev.grpccontract.junit;

import io.grpc.BindableService;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names the gRPC server a contract test talks to: services hosted in-process, or the address of a
 * running server. Registers {@link GrpcContractExtension}, which injects a {@link
 * dev.grpccontract.client.GrpcClient} for it.
 *
 * <pre>{@code
 * @GrpcTarget(services = HelloServiceImpl.class)
 * class HelloServiceContractTest {
 *   @Test
 *   void greets(GrpcClient client) { ... }
 * }
 * }</pre>
 *
 * <p>Found on the test class, its superclasses, the enclosing classes of {@code @Nested} tests and
 * through meta-annotations, so a team can compose its own {@code @OrderServiceTest}. On a test
 * method it replaces the class's target for that method. One server and one channel are started per
 * test class (per distinct target) and shut down when the class ends.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GrpcContractExtension.class)
public @interface GrpcTarget {

  /**
   * Service classes to host on an in-process server, each created with its no-arg constructor.
   * Services built with fakes or mocks go in {@link GrpcService} fields instead.
   */
  Class<? extends BindableService>[] services() default {};

  /**
   * The address of a running server, as a gRPC target string: {@code "localhost:50051"}, {@code
   * "dns:///orders.example.com:443"}, {@code "unix:///tmp/grpc.sock"}. Empty (the default) hosts
   * {@link #services()} and {@link GrpcService} fields instead.
   *
   * <p>{@code ${NAME}} and {@code ${NAME:default}} placeholders are resolved from the system
   * property {@code NAME}, then the environment variable {@code NAME} (and its upper-case form with
   * {@code _} for {@code .} and {@code -}). With services as well, the address is a switch:
   * {@code @GrpcTarget(services = OrderService.class, address = "${ORDERS_GRPC:}")} tests the
   * in-process service unless {@code ORDERS_GRPC} is set, and the deployed server when it is. A
   * literal address with services is a configuration error.
   */
  String address() default "";

  /**
   * Whether to talk without TLS. TLS is the default for addresses (as with grpcurl); in-process
   * transport has no TLS. Setting it together with TLS material in {@link #tls()} is a
   * configuration error.
   */
  boolean plaintext() default false;

  /** TLS material: trusted CAs, client certificate for mutual TLS, the hosted server's keys. */
  Tls tls() default @Tls;

  /** Overrides the authority (and the TLS server name) the client sends. */
  String authority() default "";

  /** How in-process services are served. */
  Transport transport() default Transport.IN_PROCESS;

  /**
   * A bearer token sent as {@code authorization: Bearer <token>} on every call, usually a
   * placeholder: {@code bearerToken = "${ORDERS_TOKEN}"}. Failure messages mask it.
   */
  String bearerToken() default "";

  /**
   * Metadata sent on every call, as {@code "key: value"} entries ({@code "x-tenant: acme"}), with
   * placeholders. Per-call metadata from {@code CallParams} is added after it.
   */
  String[] metadata() default {};

  /**
   * How long opening the TCP connection may take (Netty's connect timeout), separate from the call
   * deadline; same forms as {@link #deadline()}. It does not cover the TLS and HTTP/2 handshakes
   * that follow: each call's deadline bounds those, so a server that accepts the connection and
   * never answers ends the call with {@code DEADLINE_EXCEEDED}.
   */
  String connectTimeout() default "5s";

  /**
   * The deadline of every call that sets none: a number with a unit ({@code "500ms"}, {@code "5s"},
   * {@code "2m"}) or an ISO-8601 duration ({@code "PT5S"}). Never infinite.
   */
  String deadline() default "5s";

  /**
   * The largest response message the client accepts, in bytes; {@code -1} (the default) keeps
   * grpc-java's 4 MiB. k6's {@code maxReceiveSize}.
   */
  int maxInboundMessageSize() default -1;

  /**
   * The largest request message the client sends, in bytes; {@code -1} (the default) sets no limit.
   * k6's {@code maxSendSize}.
   */
  int maxOutboundMessageSize() default -1;

  /**
   * Runs the hosted services' handlers on the thread that makes the call (grpc-java's {@code
   * directExecutor()}, as grpc-testing's {@code GrpcCleanupRule} documents for in-process tests)
   * instead of grpc-java's shared executor. Each call then saves two thread hand-offs, which is
   * most of what a small in-process call costs; the {@code SuiteCostMain} benchmark measures it.
   *
   * <p>Off by default, because it gives up one guarantee: a handler that blocks (waits on a lock,
   * sleeps, calls a slow dependency) holds the test's own thread, so the call's deadline can no
   * longer stop the test from waiting. Turn it on for services that never block. Only for hosted
   * in-process services; ignored for {@link Transport#NETTY} and addresses.
   */
  boolean directExecutor() default false;

  /** How hosted services are served to the client. */
  enum Transport {
    /** grpc-java's in-process transport: no sockets, fastest. */
    IN_PROCESS,
    /** A real Netty HTTP/2 server on a loopback port, with TLS when {@link Tls} has server keys. */
    NETTY
  }
}
