package dev.grpccontract.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks the method that verifies contract interactions: JUnit runs it once per interaction of the
 * class's {@link GrpcContracts} files, named after the interaction.
 *
 * <p>Before the method's body, the interaction's provider states run (the class's {@link
 * ProviderState} methods), then the interaction is called and its answer checked; a broken contract
 * fails the test with every difference and the file and line of the interaction. The body runs only
 * when the interaction passed, and may add checks of its own: it can take the {@link
 * dev.grpccontract.contract.Interaction} and the {@link
 * dev.grpccontract.contract.VerificationResult} as parameters, besides everything the extension
 * injects. An empty body is the usual form.
 *
 * <p>A contract file that does not fit the schema fails once, as one test named after the file that
 * lists every problem with its line and column, and the other files still run.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(GrpcContractExtension.class)
public @interface ContractTest {}
