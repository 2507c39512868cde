package dev.grpccontract.junit;

import dev.grpccontract.junit.internal.ConsumerContractExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes the calls a consumer's tests made to their {@link GrpcMock} mocks as a contract file the
 * provider verifies with {@link GrpcContracts}: {@code target/grpc-contracts/<consumer>-<provider>
 * .grpc.yaml}.
 *
 * <pre>{@code
 * @GrpcConsumerContract(consumer = "web", provider = "orders")
 * @ProtoSource(files = "orders/v1/orders.proto")
 * class OrdersClientTest {
 *   @GrpcMock GrpcMockServer orders;
 *   ...
 * }
 * }</pre>
 *
 * <p>Each passing test contributes the calls a stub answered: the requests and request metadata the
 * code sent, the messages, status, description and error details the mock answered with, and for
 * bidi calls the order in which messages passed. Calls no stub answered, and tests that fail,
 * contribute nothing. Interactions are named {@code <class> <test>: <method>}.
 *
 * <p>Several classes naming the same consumer and provider share one file: each class writes its
 * own fragment when it ends, and the file is rebuilt from every fragment under a file lock, so
 * parallel tests and separate JVMs (surefire forks) do not lose each other's interactions. The
 * folder is {@code target/grpc-contracts} (relative to the working directory), or the JUnit
 * configuration parameter or system property {@value #DIRECTORY_PROPERTY}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ConsumerContractExtension.class)
public @interface GrpcConsumerContract {

  /** The configuration parameter (or system property) naming the folder contracts go to. */
  String DIRECTORY_PROPERTY = "grpccontract.consumer.contracts.dir";

  /** The folder contracts go to when {@value #DIRECTORY_PROPERTY} is not set. */
  String DEFAULT_DIRECTORY = "target/grpc-contracts";

  /** The consumer's name, e.g. {@code "web"}: letters, digits, '.' and '_'. */
  String consumer();

  /** The provider's name, e.g. {@code "orders"}: letters, digits, '.' and '_'. */
  String provider();
}
