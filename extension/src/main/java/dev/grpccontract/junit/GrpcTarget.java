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
 * method it replaces the class's target for that method. One server and one channel are started
 * per test class (per distinct target) and shut down when the class ends.
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
   * "dns:///orders.example.com:443"}. Empty (the default) hosts {@link #services()} and {@link
   * GrpcService} fields in-process instead. Cannot be combined with {@link #services()}.
   */
  String address() default "";

  /** Whether to talk to {@link #address()} without TLS. TLS is the default for addresses. */
  boolean plaintext() default false;

  /** Overrides the authority (and the TLS server name) sent to {@link #address()}. */
  String authority() default "";

  /**
   * The deadline of every call that sets none: a number with a unit ({@code "500ms"}, {@code
   * "5s"}, {@code "2m"}) or an ISO-8601 duration ({@code "PT5S"}). Never infinite.
   */
  String deadline() default "5s";

  /**
   * The largest response message the client accepts, in bytes; {@code -1} (the default) keeps
   * grpc-java's 4 MiB.
   */
  int maxInboundMessageSize() default -1;
}
