package dev.grpccontract.assertj;

import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions for gRPC: every {@code assertThat} of {@link GrpcAssertions}, collecting failures
 * instead of throwing the first one, so one test run reports every broken expectation.
 *
 * <pre>{@code
 * GrpcSoftAssertions softly = new GrpcSoftAssertions();
 * softly.assertThat(response).isOk();
 * softly.assertThat(response).trailers().containsKey("x-request-id");
 * softly.assertThat(response).message().hasField("items[0].sku", "A-1");
 * softly.assertAll();
 * }</pre>
 *
 * <p>With AssertJ's JUnit 5 extension, declare {@code @ExtendWith(SoftAssertionsExtension.class)}
 * and a field {@code @InjectSoftAssertions GrpcSoftAssertions softly;} (or a test method parameter
 * of this type); the extension checks all collected failures after each test. For AssertJ's own
 * checks in the same object, extend {@code SoftAssertions} and implement {@link
 * GrpcSoftAssertionsProvider} in a class of your own. Not thread-safe, like AssertJ's soft
 * assertions: one instance per test.
 */
public class GrpcSoftAssertions extends AbstractSoftAssertions
    implements GrpcSoftAssertionsProvider {

  /** Creates soft assertions that have collected no failures yet. */
  public GrpcSoftAssertions() {}

  /**
   * Runs {@code softly} with fresh soft assertions and then fails with every failure it collected,
   * as AssertJ's {@code SoftAssertions.assertSoftly} does.
   *
   * @throws AssertionError listing all failures, when there were any
   */
  public static void assertSoftly(java.util.function.Consumer<GrpcSoftAssertions> softly) {
    SoftAssertionsProvider.assertSoftly(GrpcSoftAssertions.class, softly);
  }
}
