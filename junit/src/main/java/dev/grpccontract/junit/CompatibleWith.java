package dev.grpccontract.junit;

import dev.grpccontract.junit.internal.CompatibleWithExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks, before the class's tests run, that the class's schema makes no breaking change to a
 * released baseline, with the rules of {@code grpc-contract-compat} (which must be on the test
 * classpath: {@code dev.grpccontract:grpc-contract-compat}, versioned by the BOM).
 *
 * <pre>{@code
 * @CompatibleWith(baseline = "classpath:released/orders-v1.protoset")
 * @ProtoSource(files = "orders/v1/orders.proto")
 * class OrdersSchemaTest { ... }
 *
 * @CompatibleWith(baseline = "classpath:released/orders-v1.protoset", against = Against.LIVE_TARGET)
 * @GrpcTarget(address = "${ORDERS_ADDRESS}")
 * class DeployedOrdersTest { ... }
 * }</pre>
 *
 * <p>The baseline is a descriptor set ({@link #baseline()}, a path or {@code classpath:}), or
 * {@code .proto} files compiled at run time ({@link #baselineFiles()} under {@link
 * #baselineImportPaths()}); a baseline that does not compile fails with its diagnostics ({@code
 * file:line:column}). The schema checked against it is the class's {@link ProtoSource} (or the
 * hosted services' schema) with {@link Against#DECLARED_SCHEMA}, or what the server of {@link
 * GrpcTarget#address()} reports through server reflection with {@link Against#LIVE_TARGET}. A
 * breaking change fails the class once, before any test, listing every finding with its rule id and
 * {@code file:line:column}; findings that are only warnings do not fail it.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CompatibleWithExtension.class)
public @interface CompatibleWith {

  /** The baseline as a descriptor set: a path, or {@code classpath:} and a resource name. */
  String baseline() default "";

  /** The baseline as {@code .proto} files, relative to {@link #baselineImportPaths()}. */
  String[] baselineFiles() default {};

  /** The import paths of {@link #baselineFiles()}: directories, or {@code classpath:} roots. */
  String[] baselineImportPaths() default {};

  /** What is checked against the baseline. */
  Against against() default Against.DECLARED_SCHEMA;

  /**
   * The profile: {@code WIRE_JSON}, {@code WIRE}, {@code FILE}, {@code PACKAGE} or {@code
   * GRPC_CLIENTS}. Empty means {@code WIRE_JSON} for the declared schema and {@code GRPC_CLIENTS}
   * (what breaks running clients) for a live target.
   */
  String profile() default "";

  /** Rule ids to leave out, as buf's {@code except}. */
  String[] ignoreRules() default {};

  /** Elements (files, messages, fields, services, methods) whose findings are left out. */
  String[] ignoreElements() default {};

  /** The schema checked against the baseline. */
  enum Against {
    /** The class's {@link ProtoSource}, or the schema of the services it hosts. */
    DECLARED_SCHEMA,
    /** What the server of {@link GrpcTarget#address()} reports through server reflection. */
    LIVE_TARGET
  }
}
