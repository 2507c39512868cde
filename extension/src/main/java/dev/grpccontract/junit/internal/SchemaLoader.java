package dev.grpccontract.junit.internal;

import dev.grpccontract.compiler.ProtoCompilationException;
import dev.grpccontract.compiler.ProtoCompiler;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Loads the schema a {@link SourceSpec} names, through the JVM-wide {@link SchemaCache}. */
public final class SchemaLoader {

  private SchemaLoader() {}

  /**
   * Loads and combines the schemas of {@code sources}.
   *
   * @param loader the test class's loader, for classpath resources
   * @param channel the target's channel, for reflection
   * @param metadata sent with reflection calls (the target's default metadata)
   * @param deadline the target's call deadline, which bounds the reflection exchange
   */
  public static ProtoSchema load(
      List<SourceSpec> sources,
      ClassLoader loader,
      Channel channel,
      io.grpc.Metadata metadata,
      java.time.Duration deadline,
      String where) {
    ProtoSchema result = null;
    for (SourceSpec source : sources) {
      ProtoSchema schema = loadOne(source, loader, channel, metadata, deadline, where);
      result = result == null ? schema : result.plus(schema);
    }
    return result;
  }

  private static ProtoSchema loadOne(
      SourceSpec source,
      ClassLoader loader,
      Channel channel,
      io.grpc.Metadata metadata,
      java.time.Duration deadline,
      String where) {
    switch (source.kind()) {
      case DESCRIPTOR_SET:
        return descriptorSet(source.descriptorSet(), loader, where);
      case CLASSES:
        {
          List<String> names = new ArrayList<>();
          for (Class<?> type : source.classes()) {
            names.add(type.getName());
          }
          ClassLoader classLoader = source.classes().get(0).getClassLoader();
          return SchemaCache.get(
              List.of("classes", names, System.identityHashCode(classLoader)),
              () -> ProtoSchema.fromClasses(source.classes().toArray(new Class<?>[0])));
        }
      case FILES:
        return protoFiles(source, loader, where);
      case REFLECTION:
        try {
          return ProtoSchema.fromReflection(channel, metadata, deadline);
        } catch (IllegalStateException e) {
          throw new ExtensionConfigurationException(
              "@ProtoSource(reflection = true) on " + where + ": " + e.getMessage(), e);
        }
      default:
        throw new IllegalStateException("Unknown source kind " + source.kind());
    }
  }

  static final List<String> DEFAULT_IMPORT_PATHS = List.of("src/test/proto", "src/main/proto");

  private static ProtoSchema protoFiles(SourceSpec source, ClassLoader loader, String where) {
    // With comments, so that describe(...) shows them.
    ProtoCompiler.Builder compiler = ProtoCompiler.builder().includeSourceInfo(true);
    List<String> searched = new ArrayList<>();
    List<String> paths =
        source.importPaths().isEmpty() ? DEFAULT_IMPORT_PATHS : source.importPaths();
    for (String entry : paths) {
      String path = entry.trim();
      if (path.startsWith("classpath:")) {
        String prefix = stripSlash(path.substring("classpath:".length()));
        compiler.addClasspathRoot(prefix, loader);
        searched.add(path);
        continue;
      }
      Path directory = Paths.get(path);
      if (Files.isDirectory(directory)) {
        compiler.addImportPath(directory);
        searched.add(directory.toAbsolutePath().toString());
      } else if (!source.importPaths().isEmpty()) {
        throw new ExtensionConfigurationException(
            "@ProtoSource(importPaths = \""
                + path
                + "\") on "
                + where
                + ": "
                + directory.toAbsolutePath()
                + " is not a directory. Import paths are relative to the working directory (the"
                + " project's, under Maven) or classpath: roots");
      }
    }
    if (searched.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@ProtoSource(files = "
              + source.files()
              + ") on "
              + where
              + " has no import path: neither src/test/proto nor src/main/proto exists under "
              + Paths.get("").toAbsolutePath()
              + "; name the directories with importPaths = ...");
    }
    try {
      return ProtoSchema.fromCompilation(
          compiler.build().compile(source.files()),
          "proto files " + source.files() + " in " + searched);
    } catch (ProtoCompilationException e) {
      throw new ExtensionConfigurationException(
          "@ProtoSource(files = "
              + source.files()
              + ") on "
              + where
              + " does not compile:\n"
              + e.getMessage(),
          e);
    }
  }

  private static ProtoSchema descriptorSet(String location, ClassLoader loader, String where) {
    byte[] bytes;
    String origin;
    if (location.startsWith("classpath:")) {
      String resource = stripSlash(location.substring("classpath:".length()));
      bytes = readResource(resource, loader);
      if (bytes == null) {
        throw new ExtensionConfigurationException(
            "@ProtoSource(descriptorSet = \""
                + location
                + "\") on "
                + where
                + ": no such classpath resource; put the file under src/test/resources");
      }
      origin = location;
    } else {
      Path path = Paths.get(location);
      if (Files.isRegularFile(path)) {
        try {
          bytes = Files.readAllBytes(path);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read descriptor set " + path.toAbsolutePath(), e);
        }
        origin = path.toString();
      } else {
        bytes = readResource(stripSlash(location), loader);
        if (bytes == null) {
          throw new ExtensionConfigurationException(
              "@ProtoSource(descriptorSet = \""
                  + location
                  + "\") on "
                  + where
                  + ": neither the file "
                  + path.toAbsolutePath()
                  + " nor a classpath resource of that name exists. Write it with protoc"
                  + " --include_imports --descriptor_set_out="
                  + location);
        }
        origin = "classpath:" + stripSlash(location);
      }
    }
    byte[] content = bytes;
    return SchemaCache.get(
        List.of("descriptorSet", sha256(content)),
        () -> {
          try {
            return ProtoSchema.fromDescriptorSet(
                com.google.protobuf.DescriptorProtos.FileDescriptorSet.parseFrom(content),
                "descriptor set " + origin);
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ExtensionConfigurationException(
                "@ProtoSource(descriptorSet = \""
                    + location
                    + "\") on "
                    + where
                    + ": "
                    + origin
                    + " is not a FileDescriptorSet ("
                    + e.getMessage()
                    + ")",
                e);
          }
        });
  }

  private static byte[] readResource(String resource, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read classpath resource " + resource, e);
    }
  }

  private static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  private static String sha256(byte[] content) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(content)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
