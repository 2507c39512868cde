package dev.grpccontract.contract;

import dev.grpccontract.proto.ProtoSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Pact V4 files of gRPC interactions, in the format the Pact protobuf plugin writes: read into
 * {@link Interaction}s that run like those of {@code *.grpc.yaml} files, and written from them so
 * that what consumer tests produce can be published to a Pact Broker.
 *
 * <p><b>Reading</b> ({@link #read}, or {@link Contracts#load} and {@code @GrpcContracts} for any
 * {@code *.json} location): interactions of type {@code Synchronous/Messages} with transport {@code
 * grpc}; the request and response contents are decoded with the descriptors the file embeds, so no
 * {@code .proto} file or protoc is needed, and {@link ContractFile#schema()} returns them. The
 * response's {@code grpc-status} and {@code grpc-message} metadata become the expected status and
 * description; its other metadata the expected headers (or trailers, for a failed call); provider
 * states with their params become {@code given}. Body matching rules of the response map to
 * contract matchers: {@code type} (with {@code min}/{@code max} on a repeated field: {@code
 * eachLike}), {@code regex}, {@code equality}, {@code include}, {@code notEmpty}, {@code eachValue}
 * with one rule, and {@code number}/{@code integer}/{@code decimal}/{@code boolean} as {@code type}
 * (the field's protobuf type already fixes the kind of value). Matching rules of the request only
 * loosen what a Pact mock server accepts, so they are not read: the example request is what a
 * verification sends. Anything else (other interaction types, generators, other matchers, several
 * matchers on one path) is a {@link ContractException} naming the Pact key path and the fix.
 *
 * <p><b>Writing</b> ({@link #writer}): unary interactions, with their request metadata, provider
 * states, status and description, headers (of a successful call) or trailers (of a failed one), and
 * response matchers; the descriptors of the methods' files are embedded. The plugin's format has
 * one request and one response message per interaction, so streaming interactions, rich error
 * details, {@code range} and {@code partial} matchers cannot be written; {@code ignore} is written
 * as Pact's {@code type}. Tags and deadlines have no place in a pact and are left out.
 */
public final class PactFiles {

  /** The version of the protobuf plugin written into the files' metadata by default. */
  public static final String DEFAULT_PLUGIN_VERSION = "0.7.1";

  private PactFiles() {}

  /** Returns whether {@code name} is read as a Pact file: it ends in {@code .json}. */
  public static boolean isPactFile(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * Reads the gRPC interactions of a Pact V4 file.
   *
   * @param name names the file in problems and test names
   * @param json the file's text
   * @throws ContractException listing every problem, each with its line, column and Pact key path
   */
  public static ContractFile read(String name, String json) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(json, "json");
    return PactReader.read(name, json);
  }

  /**
   * Returns a writer of a pact between {@code consumer} and {@code provider}.
   *
   * @throws IllegalArgumentException when a name is blank
   */
  public static Writer writer(String consumer, String provider) {
    return new Writer(
        name(consumer, "consumer"), name(provider, "provider"), false, DEFAULT_PLUGIN_VERSION);
  }

  private static String name(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isBlank()) {
      throw new IllegalArgumentException("The " + what + " of a pact needs a name");
    }
    return name;
  }

  /**
   * Writes interactions as a Pact V4 file. Immutable: each setting returns a new writer.
   *
   * <pre>{@code
   * PactFiles.Written pact = PactFiles.writer("web", "orders").write(file.interactions(), schema);
   * pact.writeTo(Path.of("target/pacts"));             // target/pacts/web-orders.json
   * }</pre>
   */
  public static final class Writer {
    private final String consumer;
    private final String provider;
    private final boolean skipUnsupported;
    private final String pluginVersion;

    private Writer(String consumer, String provider, boolean skipUnsupported, String version) {
      this.consumer = consumer;
      this.provider = provider;
      this.skipUnsupported = skipUnsupported;
      this.pluginVersion = version;
    }

    /**
     * Returns a writer that leaves out interactions the plugin's format cannot express, listing
     * each with the reason in {@link Written#skipped()}, instead of failing.
     */
    public Writer skippingUnsupported() {
      return new Writer(consumer, provider, true, pluginVersion);
    }

    /**
     * Returns a writer that names {@code version} as the protobuf plugin's version in the file's
     * metadata; Pact verifiers load that version of the plugin. Default {@value
     * #DEFAULT_PLUGIN_VERSION}.
     */
    public Writer pluginVersion(String version) {
      return new Writer(consumer, provider, skipUnsupported, name(version, "plugin version"));
    }

    /**
     * Writes {@code interactions}, in order, with their messages in {@code schema}'s types and its
     * descriptors embedded. The output is deterministic: the same interactions give the same bytes.
     *
     * @throws ContractException when an interaction does not fit {@code schema}
     * @throws IllegalArgumentException when an interaction cannot be expressed in the plugin's
     *     format (unless {@link #skippingUnsupported()}), naming each with the reason, or when none
     *     is left to write
     */
    public Written write(List<Interaction> interactions, ProtoSchema schema) {
      Objects.requireNonNull(interactions, "interactions");
      Objects.requireNonNull(schema, "schema");
      return PactWriter.write(
          consumer, provider, pluginVersion, skipUnsupported, interactions, schema);
    }
  }

  /** An interaction left out of a pact, and why. */
  public record Skipped(Interaction interaction, String reason) {

    /** Returns {@code name (file:line): reason}. */
    @Override
    public String toString() {
      return "'" + interaction.name() + "' (" + interaction.location() + "): " + reason;
    }
  }

  /** A written pact: its JSON text and the interactions left out. */
  public static final class Written {
    private final String consumer;
    private final String provider;
    private final String json;
    private final int written;
    private final List<Skipped> skipped;

    Written(String consumer, String provider, String json, int written, List<Skipped> skipped) {
      this.consumer = consumer;
      this.provider = provider;
      this.json = json;
      this.written = written;
      this.skipped = List.copyOf(skipped);
    }

    /** Returns the pact's JSON text, pretty-printed with keys in alphabetical order. */
    public String json() {
      return json;
    }

    /** Returns how many interactions the pact holds. */
    public int interactionCount() {
      return written;
    }

    /** Returns the interactions left out with the reasons; empty when every one was written. */
    public List<Skipped> skipped() {
      return skipped;
    }

    /** Returns the file name Pact tools use, {@code consumer-provider.json}. */
    public String fileName() {
      return consumer + "-" + provider + ".json";
    }

    /**
     * Writes the pact to {@link #fileName()} in {@code directory}, creating the directory, and
     * returns the file's path.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public Path writeTo(Path directory) {
      Path file = directory.resolve(fileName());
      try {
        Files.createDirectories(directory);
        Files.writeString(file, json, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the pact " + file, e);
      }
      return file;
    }
  }
}
