package dev.grpccontract.junit.internal;

import dev.grpccontract.internal.Durations;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProtoSource;
import io.grpc.BindableService;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  public record Resolved(TargetConfig spec, boolean methodLevel) {}

  /**
   * Resolves the target of {@code context}.
   *
   * @param programmatic the builder's configuration, or {@code null} for the declarative extension
   * @throws ExtensionConfigurationException when an annotation is invalid
   */
  public static Resolved resolve(
      ExtensionContext context, TargetConfig programmatic, Placeholders placeholders) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<Method> method = context.getTestMethod();
    List<Class<?>> enclosing = context.getEnclosingTestClasses();

    Optional<GrpcTarget> methodTarget =
        method.flatMap(m -> AnnotationSupport.findAnnotation(m, GrpcTarget.class));
    List<ProtoSource> methodSources =
        method
            .map(m -> AnnotationSupport.findRepeatableAnnotations(m, ProtoSource.class))
            .orElse(List.of());
    boolean methodLevel = methodTarget.isPresent() || !methodSources.isEmpty();

    String where =
        methodLevel
            ? "method " + testClass.getSimpleName() + "." + method.get().getName() + "()"
            : "class " + testClass.getName();
    GrpcTarget target =
        methodTarget.orElseGet(
            () ->
                AnnotationSupport.findAnnotation(testClass, GrpcTarget.class, enclosing)
                    .orElse(null));
    List<ProtoSource> sources =
        methodSources.isEmpty() ? classSources(testClass, enclosing) : methodSources;
    List<SourceSpec> sourceSpecs = new ArrayList<>();
    for (ProtoSource source : sources) {
      sourceSpecs.add(SourceSpec.from(source, where));
    }

    if (programmatic != null) {
      // The builder's values take placeholders as the annotation's do.
      TargetConfig.Builder config =
          programmatic.toBuilder()
              .testClass(testClass)
              .where(where)
              .address(
                  placeholders.resolve(
                      programmatic.address(), "GrpcContractExtension.builder().address(...)"))
              .metadata(List.of());
      for (Map.Entry<String, String> entry : programmatic.metadata()) {
        config.metadata(
            entry.getKey(),
            placeholders.resolve(
                entry.getValue(), "GrpcContractExtension.builder().metadata(...)"));
      }
      if (programmatic.schema() == null) {
        config.sources(sourceSpecs);
      }
      return new Resolved(config.build(), methodLevel && programmatic.schema() == null);
    }
    TargetConfig.Builder config =
        TargetConfig.builder().testClass(testClass).where(where).sources(sourceSpecs);
    if (target == null) {
      return new Resolved(config.build(), methodLevel);
    }

    String rawAddress = target.address().trim();
    String address = placeholders.resolve(rawAddress, "@GrpcTarget(address) on " + where).trim();
    List<Class<? extends BindableService>> services = List.of(target.services());
    if (!address.isEmpty() && !services.isEmpty()) {
      if (!Placeholders.hasPlaceholder(rawAddress)) {
        throw new ExtensionConfigurationException(
            "@GrpcTarget on "
                + where
                + " sets address = \""
                + rawAddress
                + "\" and also services to host; choose one, or make the address a switch with a"
                + " placeholder that is empty by default: address = \"${ORDERS_GRPC:}\"");
      }
      // The switch is on: the address is tested; the services only lend their schema.
    }
    for (String entry : target.metadata()) {
      String resolved = placeholders.resolve(entry, "@GrpcTarget(metadata) on " + where);
      int colon = resolved.indexOf(':');
      if (colon <= 0) {
        throw new ExtensionConfigurationException(
            "@GrpcTarget(metadata) on " + where + " has \"" + entry + "\"; write \"key: value\"");
      }
      config.metadata(resolved.substring(0, colon), resolved.substring(colon + 1));
    }
    if (!target.bearerToken().isBlank()) {
      config.metadata(
          "authorization",
          "Bearer "
              + placeholders.resolve(
                  target.bearerToken().trim(), "@GrpcTarget(bearerToken) on " + where));
    }
    dev.grpccontract.junit.Tls tls = target.tls();
    return new Resolved(
        config
            .serviceClasses(services)
            .address(address)
            .plaintext(target.plaintext())
            .tls(
                new TargetConfig.TlsMaterial(
                    placeholders.resolve(tls.trustCertificates().trim(), "@Tls(trustCertificates)"),
                    placeholders.resolve(tls.clientCertificate().trim(), "@Tls(clientCertificate)"),
                    placeholders.resolve(tls.clientKey().trim(), "@Tls(clientKey)"),
                    placeholders.resolve(tls.serverCertificate().trim(), "@Tls(serverCertificate)"),
                    placeholders.resolve(tls.serverKey().trim(), "@Tls(serverKey)"),
                    tls.requireClientCertificate()))
            .authority(
                placeholders.resolve(
                    target.authority().trim(), "@GrpcTarget(authority) on " + where))
            .transport(target.transport())
            .deadline(duration(target.deadline(), "@GrpcTarget(deadline)", where))
            .connectTimeout(duration(target.connectTimeout(), "@GrpcTarget(connectTimeout)", where))
            .maxInboundMessageSize(target.maxInboundMessageSize())
            .maxOutboundMessageSize(target.maxOutboundMessageSize())
            .directExecutor(target.directExecutor())
            .build(),
        methodLevel);
  }

  private static Duration duration(String text, String attribute, String where) {
    try {
      return Durations.parsePositive(text, attribute);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage() + " on " + where, e);
    }
  }

  private static List<ProtoSource> classSources(Class<?> testClass, List<Class<?>> enclosing) {
    List<ProtoSource> found =
        AnnotationSupport.findRepeatableAnnotations(testClass, ProtoSource.class);
    for (int i = enclosing.size() - 1; i >= 0 && found.isEmpty(); i--) {
      found = AnnotationSupport.findRepeatableAnnotations(enclosing.get(i), ProtoSource.class);
    }
    return found;
  }
}
