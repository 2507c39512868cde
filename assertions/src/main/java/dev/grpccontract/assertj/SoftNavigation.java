package dev.grpccontract.assertj;

import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * How a navigation method ({@code headers()}, {@code message()}, {@code hasErrorDetail(...)}, ...)
 * makes the assertion on a part of the actual value, so that under soft assertions the part's
 * checks are collected as well.
 *
 * <p>AssertJ's soft proxies only re-proxy navigation methods whose names AssertJ knows, and a proxy
 * AssertJ makes starts from the part's value alone, losing how the part is described and how it
 * unpacks {@code Any}. So an assertion made by {@link GrpcSoftAssertionsProvider} remembers its
 * soft assertions, its navigation methods are final (AssertJ leaves them alone), and each part's
 * assertion is a soft proxy of the same soft assertions, which the caller then configures as it
 * configures a plain one. A failure to reach the part is collected instead of thrown; the part's
 * assertion then has no actual value, so its checks fail and are collected too.
 */
final class SoftNavigation {

  private SoftNavigation() {}

  /**
   * Returns the assertion on the part {@code part} supplies.
   *
   * @param softly the soft assertions of the navigating assertion, or {@code null} for a plain one
   * @param part supplies the part, or throws the {@link AssertionError} of a part that is not there
   * @param type the class of the part's assertion
   * @param partType the parameter type of {@code type}'s public one-argument constructor
   * @param plain makes the plain assertion on the part
   * @throws AssertionError when the part is not there and the assertion is a plain one
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <A extends AbstractAssert<?, ?>, V> A navigate(
      SoftAssertionsProvider softly,
      Supplier<? extends V> part,
      Class<? super A> type,
      Class<? super V> partType,
      Function<? super V, ? extends A> plain) {
    if (softly == null) {
      return plain.apply(part.get());
    }
    V value;
    try {
      value = part.get();
    } catch (AssertionError notThere) {
      softly.collectAssertionError(notThere);
      value = null;
    }
    A proxy = (A) softly.proxy((Class) type, (Class) partType, value);
    return remember(proxy, softly);
  }

  /**
   * Makes {@code assertion}, a soft proxy made by {@code softly}, remember them for its own
   * navigation; other assertions have none and are returned unchanged.
   */
  static <A> A remember(A assertion, SoftAssertionsProvider softly) {
    if (assertion instanceof AbstractStatusAssert) {
      ((AbstractStatusAssert<?, ?>) assertion).softly = softly;
    } else if (assertion instanceof AbstractProtoMessageAssert) {
      ((AbstractProtoMessageAssert<?, ?>) assertion).softly = softly;
    } else if (assertion instanceof ProtoMessageListAssert) {
      ((ProtoMessageListAssert) assertion).softly = softly;
    }
    return assertion;
  }
}
