package dev.grpccontract.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a field whose value is added to the in-process server: a {@code BindableService}, a {@code
 * ServerServiceDefinition}, or a {@code ServerInterceptor} (applied to every hosted service). Lets
 * a test host a service built with fakes or mocks.
 *
 * <pre>{@code
 * @GrpcService
 * final OrderService orders = new OrderService(new InMemoryOrderRepository());
 * }</pre>
 *
 * <p>Static fields are read once per test class. Instance fields are read from each test instance,
 * so a class with instance {@code @GrpcService} fields gets a server per test instance (per test
 * method with JUnit's default lifecycle). The field must be set when the instance has been
 * constructed (a field initializer or the constructor), not in a {@code @BeforeEach} method. The
 * annotation registers {@link GrpcContractExtension}, so a class with only {@code @GrpcService}
 * fields needs no other annotation.
 */
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(GrpcContractExtension.class)
public @interface GrpcService {}
