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
 * Where the schema of a contract test comes from. Each annotation names exactly one kind of source;
 * repeat the annotation to combine several. With no {@code @ProtoSource} and in-process services,
 * the schema comes from the services' own generated descriptors.
 *
 * <ul>
 *   <li>{@link #descriptorSet()}: a {@code FileDescriptorSet} file, as {@code protoc
 *       --include_imports --descriptor_set_out} or grpcurl's {@code -protoset-out} write it.
 *   <li>{@link #classes()}: generated message, enum, outer or {@code *Grpc} classes.
 *   <li>{@link #files()} with {@link #importPaths()}: {@code .proto} sources compiled at run time.
 *   <li>{@link #reflection()}: asks the server through gRPC server reflection.
 * </ul>
 *
 * <p>Schemas are cached for the whole JVM by source identity, so test classes with the same source
 * load it once.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(ProtoSources.class)
@ExtendWith(GrpcContractExtension.class)
public @interface ProtoSource {

  /**
   * {@code .proto} files to compile at run time, relative to an import path ({@code "hello.proto"},
   * {@code "acme/orders/v1/orders.proto"}).
   */
  String[] files() default {};

  /**
   * Directories (relative to the working directory, normally the project's) and {@code classpath:}
   * roots that {@link #files()} and their imports are found in. Empty means {@code src/test/proto}
   * then {@code src/main/proto}.
   */
  String[] importPaths() default {};

  /**
   * A {@code FileDescriptorSet} file: a path, or a classpath resource written {@code
   * classpath:protos/hello.protoset}. A path that is no file is also looked up on the classpath.
   */
  String descriptorSet() default "";

  /** Generated classes whose files (and imports) make the schema. */
  Class<?>[] classes() default {};

  /** Whether to ask the target server for its schema through gRPC server reflection. */
  boolean reflection() default false;
}
