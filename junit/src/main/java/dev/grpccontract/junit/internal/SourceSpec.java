package dev.grpccontract.junit.internal;

import dev.grpccontract.junit.ProtoSource;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** One {@link ProtoSource}, validated: exactly one kind of source. */
public record SourceSpec(
    Kind kind,
    List<String> files,
    List<String> importPaths,
    String descriptorSet,
    List<Class<?>> classes) {

  /** The kinds of schema source. */
  public enum Kind {
    FILES,
    DESCRIPTOR_SET,
    CLASSES,
    REFLECTION
  }

  /**
   * Reads and validates an annotation.
   *
   * @param where where it was found, for the error message
   * @throws ExtensionConfigurationException when it names no source or more than one kind
   */
  public static SourceSpec from(ProtoSource source, String where) {
    int kinds = 0;
    Kind kind = null;
    if (source.files().length > 0) {
      kinds++;
      kind = Kind.FILES;
    }
    if (!source.descriptorSet().isBlank()) {
      kinds++;
      kind = Kind.DESCRIPTOR_SET;
    }
    if (source.classes().length > 0) {
      kinds++;
      kind = Kind.CLASSES;
    }
    if (source.reflection()) {
      kinds++;
      kind = Kind.REFLECTION;
    }
    if (kinds != 1) {
      throw new ExtensionConfigurationException(
          "@ProtoSource on "
              + where
              + " must name exactly one kind of source (files, descriptorSet, classes or"
              + " reflection = true) but names "
              + (kinds == 0 ? "none" : kinds)
              + "; repeat @ProtoSource to combine sources");
    }
    if (kind != Kind.FILES && source.importPaths().length > 0) {
      throw new ExtensionConfigurationException(
          "@ProtoSource on "
              + where
              + " sets importPaths without files; importPaths go with files");
    }
    return new SourceSpec(
        kind,
        List.of(source.files()),
        List.of(source.importPaths()),
        source.descriptorSet().trim(),
        List.of(source.classes()));
  }
}
