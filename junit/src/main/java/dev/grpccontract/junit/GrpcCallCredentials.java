package dev.grpccontract.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a field holding an {@code io.grpc.CallCredentials} that the injected client attaches to
 * every call (an OAuth token source, a signer). For a fixed token, {@link GrpcTarget#bearerToken()}
 * is simpler.
 *
 * <p>Static fields are read once per class; instance fields, like instance {@link GrpcService}
 * fields, make the target per test instance.
 */
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(GrpcContractExtension.class)
public @interface GrpcCallCredentials {}
