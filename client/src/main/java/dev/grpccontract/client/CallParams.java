package dev.grpccontract.client;

import io.grpc.Metadata;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call settings: request metadata and the deadline. k6's {@code params} argument of {@code
 * invoke}, as an immutable value.
 *
 * <p>Start from a static factory and chain: {@code CallParams.withMetadata("x-tenant",
 * "acme").andDeadline(Duration.ofMillis(500))}. Every method returns a new instance; instances are
 * immutable and thread-safe.
 */
public final class CallParams {

  private static final CallParams DEFAULTS = new CallParams(new Metadata(), null, 0, null);

  private final Metadata metadata;
  private final Duration deadline;
  private final int maxMessages;
  private final String compression;

  private CallParams(Metadata metadata, Duration deadline, int maxMessages, String compression) {
    this.metadata = metadata;
    this.deadline = deadline;
    this.maxMessages = maxMessages;
    this.compression = compression;
  }

  /** Returns parameters with no metadata and the client's default deadline. */
  public static CallParams defaults() {
    return DEFAULTS;
  }

  /**
   * Returns parameters with the given deadline, measured from the start of the call.
   *
   * @throws IllegalArgumentException when the deadline is zero or negative
   */
  public static CallParams withDeadline(Duration deadline) {
    return DEFAULTS.andDeadline(deadline);
  }

  /** Returns parameters with one ASCII metadata entry. See {@link #andMetadata(String, String)}. */
  public static CallParams withMetadata(String key, String value) {
    return DEFAULTS.andMetadata(key, value);
  }

  /**
   * Returns parameters with one binary metadata entry. See {@link #andMetadata(String, byte[])}.
   */
  public static CallParams withMetadata(String key, byte[] value) {
    return DEFAULTS.andMetadata(key, value);
  }

  /** Returns parameters with a copy of all entries of {@code metadata}. */
  public static CallParams withMetadata(Metadata metadata) {
    return DEFAULTS.andMetadata(metadata);
  }

  /**
   * Returns a copy of these parameters with the given deadline instead of the current one.
   *
   * @throws IllegalArgumentException when the deadline is zero or negative
   */
  public CallParams andDeadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isZero() || deadline.isNegative()) {
      throw new IllegalArgumentException("A deadline must be positive, but was " + deadline);
    }
    return new CallParams(metadata, deadline, maxMessages, compression);
  }

  /**
   * Returns a copy of these parameters with one more ASCII metadata entry. Adding the same key
   * twice sends both values.
   *
   * @param key a lower-case header name that does not end in {@code -bin}
   * @throws IllegalArgumentException when the key ends in {@code -bin} or is not a valid header
   *     name
   */
  public CallParams andMetadata(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      throw new IllegalArgumentException(
          "Metadata key '"
              + key
              + "' ends in -bin, so its value must be bytes: use andMetadata(\""
              + key
              + "\", byte[])");
    }
    Metadata copy = copyOfMetadata();
    copy.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    return new CallParams(copy, deadline, maxMessages, compression);
  }

  /**
   * Returns a copy of these parameters with one more binary metadata entry.
   *
   * @param key a lower-case header name ending in {@code -bin}
   * @throws IllegalArgumentException when the key does not end in {@code -bin}
   */
  public CallParams andMetadata(String key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      throw new IllegalArgumentException(
          "Binary metadata key '" + key + "' must end in -bin (for example '" + key + "-bin')");
    }
    Metadata copy = copyOfMetadata();
    copy.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER), value.clone());
    return new CallParams(copy, deadline, maxMessages, compression);
  }

  /** Returns a copy of these parameters with all entries of {@code metadata} added. */
  public CallParams andMetadata(Metadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    Metadata copy = copyOfMetadata();
    copy.merge(metadata);
    return new CallParams(copy, deadline, maxMessages, compression);
  }

  /**
   * Returns parameters that read at most {@code count} messages of a server stream, then cancel the
   * call. See {@link #andMaxMessages(int)}.
   */
  public static CallParams withMaxMessages(int count) {
    return DEFAULTS.andMaxMessages(count);
  }

  /**
   * Returns a copy of these parameters that read at most {@code count} messages of a server stream
   * and then cancel the call, for endless or very long streams. The {@link StreamResponse} then
   * holds those messages, status {@code CANCELLED}, and {@link StreamResponse#truncated()}.
   *
   * @throws IllegalArgumentException when {@code count} is not positive
   */
  public CallParams andMaxMessages(int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("maxMessages must be positive, but was " + count);
    }
    return new CallParams(metadata, deadline, count, compression);
  }

  /**
   * Returns parameters that compress request messages with {@code compressor} ({@code "gzip"}). See
   * {@link #andCompression(String)}.
   */
  public static CallParams withCompression(String compressor) {
    return DEFAULTS.andCompression(compressor);
  }

  /**
   * Returns a copy of these parameters that compress request messages with a compressor grpc-java
   * knows, such as {@code "gzip"} (k6 and grpcurl send uncompressed by default, and so does this
   * client).
   */
  public CallParams andCompression(String compressor) {
    Objects.requireNonNull(compressor, "compressor");
    if (io.grpc.CompressorRegistry.getDefaultInstance().lookupCompressor(compressor) == null) {
      throw new IllegalArgumentException(
          "Unknown compressor '" + compressor + "'; grpc-java knows \"gzip\" and \"identity\"");
    }
    return new CallParams(metadata, deadline, maxMessages, compressor);
  }

  /** Returns the compressor of request messages, or empty for none. */
  public Optional<String> compression() {
    return Optional.ofNullable(compression);
  }

  /** Returns the most messages a server stream is read for, or 0 for no limit. */
  public int maxMessages() {
    return maxMessages;
  }

  /** Returns a copy of the metadata these parameters send (empty when none). */
  public Metadata metadata() {
    return copyOfMetadata();
  }

  /** Returns the deadline, or empty to use the client's default. */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  boolean hasMetadata() {
    return !metadata.keys().isEmpty();
  }

  Metadata metadataView() {
    return metadata;
  }

  private Metadata copyOfMetadata() {
    Metadata copy = new Metadata();
    copy.merge(metadata);
    return copy;
  }

  @Override
  public String toString() {
    return "CallParams{metadata="
        + metadata.keys()
        + ", deadline="
        + deadline
        + (maxMessages > 0 ? ", maxMessages=" + maxMessages : "")
        + (compression != null ? ", compression=" + compression : "")
        + "}";
  }
}
