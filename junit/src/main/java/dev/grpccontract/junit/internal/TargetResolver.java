package dev.grpccontract.junit.internal;

import dev.grpccontract.internal.Durations;
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
      TargetSpec.TlsSpec tls,
      String authority,
      GrpcTarget.Transport transport,
      List<String> metadata,
      Duration deadline,
      Duration connectTimeout,
      int maxInboundMessageSize,
      int maxOutboundMessageSize,
      dev.grpccontract.proto.ProtoSchema schema,
      boolean directExecutor) {}

  /**
   * Resolves the target of {@code context}.
   *
   * @param programmatic the builder's settings, or {@code null} for the declarative extension
   * @throws ExtensionConfigurationException when an annotation is invalid
   */
  public static Resolved resolve(
      ExtensionContext context, Programmatic programmatic, Placeholders placeholders) {
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
      List<String> programmaticMetadata = new ArrayList<>();
      for (String entry : programmatic.metadata()) {
        programmaticMetadata.add(
            placeholders.resolve(entry, "GrpcContractExtension.builder().metadata(...)"));
      }
      return new Resolved(
          new TargetSpec(
              testClass,
              where,
              List.of(),
              programmatic.services(),
              placeholders
                  .resolve(programmatic.address(), "GrpcContractExtension.builder().address(...)")
                  .trim(),
              programmatic.plaintext(),
              programmatic.tls(),
              programmatic.authority(),
              programmatic.transport(),
              List.copyOf(programmaticMetadata),
              programmatic.deadline(),
              programmatic.connectTimeout(),
              programmatic.maxInboundMessageSize(),
              programmatic.maxOutboundMessageSize(),
              programmatic.schema() != null ? List.of() : List.copyOf(sourceSpecs),
              programmatic.schema(),
              programmatic.directExecutor()),
          methodLevel && programmatic.schema() == null);
    }
    if (target == null) {
      return new Resolved(
          new TargetSpec(
              testClass,
              where,
              List.of(),
              List.of(),
              "",
              false,
              TargetSpec.TlsSpec.NONE,
              "",
              GrpcTarget.Transport.IN_PROCESS,
              List.of(),
              Duration.ofSeconds(5),
              Duration.ofSeconds(5),
              -1,
              -1,
              List.copyOf(sourceSpecs),
              null,
              false),
          methodLevel);
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
    List<String> metadata = new ArrayList<>();
    for (String entry : target.metadata()) {
      String resolved = placeholders.resolve(entry, "@GrpcTarget(metadata) on " + where);
      if (resolved.indexOf(':') <= 0) {
        throw new ExtensionConfigurationException(
            "@GrpcTarget(metadata) on " + where + " has \"" + entry + "\"; write \"key: value\"");
      }
      metadata.add(resolved);
    }
    if (!target.bearerToken().isBlank()) {
      metadata.add(
          "authorization: Bearer "
              + placeholders.resolve(
                  target.bearerToken().trim(), "@GrpcTarget(bearerToken) on " + where));
    }
    dev.grpccontract.junit.Tls tls = target.tls();
    TargetSpec.TlsSpec tlsSpec =
        new TargetSpec.TlsSpec(
            placeholders.resolve(tls.trustCertificates().trim(), "@Tls(trustCertificates)"),
            placeholders.resolve(tls.clientCertificate().trim(), "@Tls(clientCertificate)"),
            placeholders.resolve(tls.clientKey().trim(), "@Tls(clientKey)"),
            placeholders.resolve(tls.serverCertificate().trim(), "@Tls(serverCertificate)"),
            placeholders.resolve(tls.serverKey().trim(), "@Tls(serverKey)"),
            tls.requireClientCertificate());
    return new Resolved(
        new TargetSpec(
            testClass,
            where,
            services,
            List.of(),
            address,
            target.plaintext(),
            tlsSpec,
            placeholders.resolve(target.authority().trim(), "@GrpcTarget(authority) on " + where),
            target.transport(),
            List.copyOf(metadata),
            duration(target.deadline(), "@GrpcTarget(deadline)", where),
            duration(target.connectTimeout(), "@GrpcTarget(connectTimeout)", where),
            target.maxInboundMessageSize(),
            target.maxOutboundMessageSize(),
            List.copyOf(sourceSpecs),
            null,
            target.directExecutor()),
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
