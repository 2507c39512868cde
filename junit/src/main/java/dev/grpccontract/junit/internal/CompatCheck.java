package dev.grpccontract.junit.internal;

import dev.grpccontract.compat.Finding;
import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
import dev.grpccontract.internal.Names;
import dev.grpccontract.junit.CompatibleWith;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/** The check of {@link CompatibleWith}; loaded only when grpc-contract-compat is present. */
final class CompatCheck {
  private CompatCheck() {}

  static void run(ExtensionContext context, CompatibleWith annotation) {
    Class<?> testClass = context.getRequiredTestClass();
    String where = "@CompatibleWith on class " + testClass.getName();
    TargetConfig spec = TargetResolver.resolve(context, null, Placeholders.system()).spec();
    boolean live = annotation.against() == CompatibleWith.Against.LIVE_TARGET;
    Profile profile = profile(annotation.profile(), live, where);
    ProtoSchema baseline = baseline(annotation, testClass.getClassLoader(), where);
    ProtoSchema current = live ? live(spec, where) : declared(spec, testClass, where);
    List<Finding> findings =
        SchemaCompatibility.withProfile(profile)
            .ignoringRules(annotation.ignoreRules())
            .ignoringElements(annotation.ignoreElements())
            .findings(baseline, current);
    List<Finding> breaking = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.isBreaking()) {
        breaking.add(finding);
      }
    }
    if (breaking.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder()
            .append(breaking.size())
            .append(breaking.size() == 1 ? " breaking change" : " breaking changes")
            .append(" (profile ")
            .append(profile)
            .append(") from the baseline ")
            .append(baseline.origin())
            .append(" to ")
            .append(current.origin())
            .append(", found by ")
            .append(where)
            .append(':');
    for (Finding finding : breaking) {
      message.append("\n  ").append(finding);
    }
    message.append(
        "\nKeep the change compatible, or leave a finding out with ignoreRules or ignoreElements.");
    throw new AssertionFailedError(message.toString());
  }

  private static Profile profile(String name, boolean live, String where) {
    if (name.isBlank()) {
      return live ? Profile.GRPC_CLIENTS : Profile.WIRE_JSON;
    }
    List<String> names = Arrays.stream(Profile.values()).map(Enum::name).toList();
    if (!names.contains(name.trim())) {
      throw new ExtensionConfigurationException(
          where
              + ": unknown profile '"
              + name
              + "'"
              + Names.didYouMean(name.trim(), names)
              + " (profiles: "
              + String.join(", ", names)
              + ")");
    }
    return Profile.valueOf(name.trim());
  }

  private static ProtoSchema baseline(CompatibleWith annotation, ClassLoader loader, String where) {
    boolean set = !annotation.baseline().isBlank();
    boolean files = annotation.baselineFiles().length > 0;
    if (set == files) {
      throw new ExtensionConfigurationException(
          where
              + " needs one baseline: a descriptor set (baseline = \"...\") or .proto files"
              + " (baselineFiles = ..., baselineImportPaths = ...), not "
              + (set ? "both" : "neither"));
    }
    if (!files && annotation.baselineImportPaths().length > 0) {
      throw new ExtensionConfigurationException(
          where + " sets baselineImportPaths without baselineFiles; they go together");
    }
    SourceSpec source =
        set
            ? new SourceSpec(
                SourceSpec.Kind.DESCRIPTOR_SET,
                List.of(),
                List.of(),
                annotation.baseline().trim(),
                List.of())
            : new SourceSpec(
                SourceSpec.Kind.FILES,
                List.of(annotation.baselineFiles()),
                List.of(annotation.baselineImportPaths()),
                "",
                List.of());
    return SchemaLoader.load(
        List.of(source),
        loader,
        null,
        new Metadata(),
        Duration.ofSeconds(5),
        "the baseline of " + where);
  }

  /** The class's declared schema, or the schema of the services it hosts. */
  private static ProtoSchema declared(TargetConfig spec, Class<?> testClass, String where) {
    boolean reflection =
        spec.sources().stream().anyMatch(s -> s.kind() == SourceSpec.Kind.REFLECTION);
    if (!spec.sources().isEmpty() && !reflection) {
      return SchemaLoader.load(
          spec.sources(),
          testClass.getClassLoader(),
          null,
          new Metadata(),
          Duration.ofSeconds(5),
          spec.where());
    }
    if (spec.hosted()
        && spec.serviceClasses().isEmpty()
        && spec.services().isEmpty()
        && TargetResources.serviceFields(testClass).isEmpty()) {
      throw new ExtensionConfigurationException(
          where
              + " has no schema to check: add @ProtoSource(files = ...), (descriptorSet = ...) or"
              + " (classes = ...), or @GrpcTarget(services = ...), or check a deployed server"
              + " with against = LIVE_TARGET");
    }
    try (TargetResources resources = TargetResources.start(spec, null)) {
      return resources.schema();
    }
  }

  /** What the server of the class's address reports through server reflection. */
  private static ProtoSchema live(TargetConfig spec, String where) {
    if (spec.hosted()) {
      throw new ExtensionConfigurationException(
          where
              + " checks a live target (against = LIVE_TARGET) but the class has no"
              + " @GrpcTarget(address = ...); name the deployed server's address");
    }
    TargetConfig reflection =
        spec.toBuilder()
            .sources(
                List.of(
                    new SourceSpec(
                        SourceSpec.Kind.REFLECTION, List.of(), List.of(), "", List.of())))
            .build();
    try (TargetResources resources = TargetResources.start(reflection, null)) {
      return resources.schema();
    } catch (RuntimeException e) {
      throw new AssertionFailedError(
          where
              + ": could not read the schema of "
              + spec.address()
              + " through server reflection: "
              + e.getMessage()
              + "\nCheck that the server runs at that address, that plaintext or TLS matches it"
              + " (@GrpcTarget(plaintext = ...), tls = @Tls(...)), and that it registers the"
              + " reflection service (grpc-services' ProtoReflectionService)",
          e);
    }
  }
}
