package dev.grpccontract.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract files ({@code *.grpc.yaml}) a test class verifies: each interaction of them becomes
 * one test of the class's {@link ContractTest} method, run against the class's {@link GrpcTarget}.
 *
 * <pre>{@code
 * @GrpcTarget(services = OrderService.class)
 * @GrpcContracts("classpath:contracts/orders.grpc.yaml")
 * class OrderServiceContracts {
 *
 *   @ProviderState("an order exists")
 *   void orderExists(Map<String, Object> params) { orders.put(...); }
 *
 *   @ContractTest
 *   void verify(Interaction interaction) {}
 * }
 * }</pre>
 *
 * <p>Locations are files, directories (every {@code *.grpc.yaml} below) or globs, as paths or
 * {@code classpath:} resources; see {@link dev.grpccontract.contract.Contracts}. Found on the
 * class, its superclasses, enclosing classes of {@code @Nested} tests, meta-annotations and the
 * {@code @ContractTest} method; all that are found add up.
 *
 * <p>Which interactions run can be narrowed without changing code, by JUnit configuration
 * parameters or system properties: {@code grpccontract.contracts.tags} (tags to include, {@code
 * !tag} to exclude, comma-separated) and {@code grpccontract.contracts.names} (globs on interaction
 * names, comma-separated).
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(GrpcContracts.List.class)
@ExtendWith(GrpcContractExtension.class)
public @interface GrpcContracts {

  /** The contract file locations: paths, directories, globs, or {@code classpath:} resources. */
  String[] value();

  /**
   * The container of repeated {@link GrpcContracts} annotations; not meant to be written by hand.
   */
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @Inherited
  @ExtendWith(GrpcContractExtension.class)
  @interface List {
    /** The repeated annotations. */
    GrpcContracts[] value();
  }
}
