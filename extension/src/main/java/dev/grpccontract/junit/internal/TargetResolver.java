package dev.grpccontract.junit.internal;

import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProtoSource;
import io.grpc.BindableService;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads {@link GrpcTarget} and {@link ProtoSource} for a test: from the method (which overrides),
 * else the class, its superclasses, meta-annotations and the enclosing classes of {@code @Nested}
 * tests.
 */
public final class TargetResolver {

  private TargetResolver() {}

  /** A resolved target and whether it was declared on the test method itself. */
  public record Resolved(TargetSpec spec, boolean methodLevel) {}

  /** Settings given programmatically through the extension's builder. */
  public record Programmatic(
      List<Object> services,
      String address,
      boolean plaintext,
      String authority,
      Duration deadline,
      int maxInboundMessageSize,
      dev.grpccontract.proto.ProtoSchema schema) {}

  /**
   * Resolves the target of {@code context}.
   *
   * @param programmatic the builder's settings, or {@code null} for the declarative extension
   * @throws ExtensionConfigurationException when an annotation is invalid
   */
  public static Resolved resolve(ExtensionContext context, Programmatic programmatic) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<Method> method = context.getTestMethod();
    List<Class<?>> enclosing = context.getEnclosingTestClasses();

    Optional<GrpcTarget> methodTarget =
        method.flatMap(m -> AnnotationSupport.findAnnotation(m, GrpcTarget.class));
    List<ProtoSource> methodSources =
        method.map(m -> AnnotationSupport.findRepeatableAnnotations(m, ProtoSource.class))
            .orElse(List.of());
    boolean methodLevel = methodTarget.isPresent() || !methodSources.isEmpty();

    String where;
    GrpcTarget target;
    if (methodTarget.isPresent()) {
      target = methodTarget.get();
      where = "method " + testClass.getSimpleName() + "." + method.get().getName() + "()";
    } else {
      target = AnnotationSupport.findAnnotation(testClass, GrpcTarget.class, enclosing).orElse(null);
      where = methodLevel
          ? "method " + testClass.getSimpleName() + "." + method.get().getName() + "()"
          : "class " + testClass.getName();
    }
    List<ProtoSource> sources = methodSources.isEmpty() ? classSources(testClass, enclosing) : methodSources;
    List<SourceSpec> sourceSpecs = new ArrayList<>();
    for (ProtoSource source : sources) {
      sourceSpecs.add(SourceSpec.from(source, where));
    }

    if (programmatic != null) {
      return new Resolved(
          new TargetSpec(
              testClass,
              where,
              List.of(),
              programmatic.services(),
              programmatic.address(),
              programmatic.plaintext(),
              programmatic.authority(),
              programmatic.deadline(),
              programmatic.maxInboundMessageSize(),
              programmatic.schema() != null ? List.of() : List.copyOf(sourceSpecs),
              programmatic.schema()),
          methodLevel && programmatic.schema() == null);
    }

    List<Class<? extends BindableService>> services =
        target == null ? List.of() : List.of(target.services());
    String address = target == null ? "" : target.address().trim();
    Duration deadline;
    try {
      deadline = Durations.parsePositive(target == null ? "5s" : target.deadline(), "@GrpcTarget(deadline)");
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage() + " on " + where, e);
    }
    return new Resolved(
        new TargetSpec(
            testClass,
            where,
            services,
            List.of(),
            address,
            target != null && target.plaintext(),
            target == null ? "" : target.authority().trim(),
            deadline,
            target == null ? -1 : target.maxInboundMessageSize(),
            List.copyOf(sourceSpecs),
            null),
        methodLevel);
  }

  private static List<ProtoSource> classSources(Class<?> testClass, List<Class<?>> enclosing) {
    List<ProtoSource> found = AnnotationSupport.findRepeatableAnnotations(testClass, ProtoSource.class);
    for (int i = enclosing.size() - 1; i >= 0 && found.isEmpty(); i--) {
      found = AnnotationSupport.findRepeatableAnnotations(enclosing.get(i), ProtoSource.class);
    }
    return found;
  }
}
