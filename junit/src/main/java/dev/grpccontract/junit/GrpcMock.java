package dev.grpccontract.junit;

import dev.grpccontract.junit.internal.GrpcMockExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a {@link dev.grpccontract.mock.GrpcMockServer} into a field or parameter: a mock of every
 * service of the test's schema, which {@link ProtoSource} names (on the test method, else on the
 * class, its superclasses, meta-annotations or the enclosing classes of {@code @Nested} tests).
 *
 * <pre>{@code
 * @ProtoSource(files = "orders/v1/orders.proto")
 * class OrdersClientTest {
 *
 *   @GrpcMock GrpcMockServer orders;
 *
 *   @Test
 *   void readsAnOrder() {
 *     orders.stubFor(method("orders.v1.OrderService/GetOrder")
 *         .withRequest(partialJson("{\"id\": \"42\"}"))
 *         .willReturn(json("{\"id\": \"42\", \"state\": \"OPEN\"}")));
 *     assertThat(new OrdersClient(orders.channel()).state("42")).isEqualTo("OPEN");
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets new mocks, started before its {@code @BeforeEach} methods (which may add stubs)
 * and closed after it; mocks are never shared between tests, so tests may run in parallel. When the
 * test ends, the mock's unexpected calls (each with how it differs from the closest stub) and the
 * {@link dev.grpccontract.mock.MethodStub#required() required} stubs no call used fail it.
 *
 * <p>Within one test, a field and the parameters with the same {@link #value() name} are one mock;
 * a field without a name is named after the field, a parameter without one is the test's default
 * mock. Fields must not be static or final.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(GrpcMockExtension.class)
public @interface GrpcMock {

  /**
   * The mock's name within the test: a field and parameters of the same name share one mock. Empty
   * means the field's name, or for a parameter the test's default mock.
   */
  String value() default "";

  /**
   * Contract files ({@code *.grpc.yaml}: paths, directories, globs or {@code classpath:} resources)
   * whose interactions the mock serves from the start; see {@link
   * dev.grpccontract.mock.GrpcMockServer#load(String...)}.
   */
  String[] contracts() default {};

  /**
   * How the mock is hosted: in-process (the default), or on a loopback TCP port ({@code NETTY}),
   * for code under test that dials an address.
   */
  GrpcTarget.Transport transport() default GrpcTarget.Transport.IN_PROCESS;

  /**
   * TLS for a mock hosted on {@link GrpcTarget.Transport#NETTY}: {@link Tls#serverCertificate()}
   * and {@link Tls#serverKey()} are what the mock presents, {@link Tls#trustCertificates()} what
   * its {@link dev.grpccontract.mock.GrpcMockServer#channel()} trusts (default: the certificate
   * itself). The default, no certificate, serves plaintext. The code under test gets the same
   * material from {@link dev.grpccontract.mock.GrpcMockServer#tls()}.
   */
  Tls tls() default @Tls;

  /**
   * The host name the mock's channel asks for under TLS, one the certificate names (e.g. {@code
   * "foo.test.example"}); empty means the loopback address.
   */
  String authority() default "";
}
