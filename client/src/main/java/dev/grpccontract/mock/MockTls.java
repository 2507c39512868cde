package dev.grpccontract.mock;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS a loopback mock serves ({@link GrpcMockServer#startOnLoopbackPort(
 * dev.grpccontract.proto.ProtoSchema, MockTls)}): its certificate chain and PKCS#8 private key as
 * PEM, the certificates its own {@link GrpcMockServer#channel()} trusts (by default the chain
 * itself, which fits a self-signed certificate), and the host name the channel asks for when the
 * certificate does not name the loopback address. Immutable; the PEM text is read when built.
 */
public final class MockTls {

  private final byte[] certificateChain;
  private final byte[] privateKey;
  private final byte[] trustCertificates;
  private final String authority;

  private MockTls(
      byte[] certificateChain, byte[] privateKey, byte[] trustCertificates, String authority) {
    this.certificateChain = certificateChain;
    this.privateKey = privateKey;
    this.trustCertificates = trustCertificates;
    this.authority = authority;
  }

  /**
   * Returns TLS with {@code certificateChain} and {@code privateKey}, PEM streams that are read
   * fully and closed here.
   *
   * @throws IllegalArgumentException when the key is not PKCS#8 ({@code BEGIN PRIVATE KEY}), naming
   *     how to convert it, or a stream holds no PEM block
   * @throws UncheckedIOException when a stream cannot be read
   */
  public static MockTls fromPem(InputStream certificateChain, InputStream privateKey) {
    byte[] chain = read(certificateChain, "certificateChain");
    byte[] key = read(privateKey, "privateKey");
    requirePem(chain, "CERTIFICATE", "certificateChain");
    String keyText = new String(key, StandardCharsets.US_ASCII);
    if (keyText.matches("(?s).*-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----.*")) {
      throw new IllegalArgumentException(
          "The mock's private key is a PKCS#1 or traditional key; gRPC reads PKCS#8 keys (BEGIN"
              + " PRIVATE KEY). Convert it: openssl pkcs8 -topk8 -nocrypt -in key.pem -out"
              + " key.pk8.pem");
    }
    requirePem(key, "PRIVATE KEY", "privateKey");
    return new MockTls(chain, key, chain, null);
  }

  /**
   * Returns this TLS with its channel trusting {@code certificates} (PEM, read fully and closed
   * here) instead of the certificate chain: the CA that signed the mock's certificate.
   *
   * @throws IllegalArgumentException when the stream holds no certificate
   */
  public MockTls trusting(InputStream certificates) {
    byte[] trust = read(certificates, "certificates");
    requirePem(trust, "CERTIFICATE", "certificates");
    return new MockTls(certificateChain, privateKey, trust, authority);
  }

  /**
   * Returns this TLS with its channel asking for host {@code authority} (e.g. {@code
   * "foo.test.example"}), a name the certificate holds, instead of the loopback address.
   */
  public MockTls withAuthority(String authority) {
    return new MockTls(
        certificateChain, privateKey, trustCertificates, Objects.requireNonNull(authority));
  }

  /** Returns the PEM certificate chain the mock presents. */
  public String certificateChainPem() {
    return new String(certificateChain, StandardCharsets.US_ASCII);
  }

  /** Returns the PEM certificates a client of the mock should trust. */
  public String trustCertificatesPem() {
    return new String(trustCertificates, StandardCharsets.US_ASCII);
  }

  /** Returns the host name a client should ask for; empty means the loopback address. */
  public Optional<String> authority() {
    return Optional.ofNullable(authority);
  }

  InputStream certificateChain() {
    return new ByteArrayInputStream(certificateChain);
  }

  InputStream privateKey() {
    return new ByteArrayInputStream(privateKey);
  }

  InputStream trustCertificates() {
    return new ByteArrayInputStream(trustCertificates);
  }

  private static byte[] read(InputStream in, String what) {
    Objects.requireNonNull(in, what);
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the mock's TLS " + what, e);
    }
  }

  private static void requirePem(byte[] bytes, String type, String what) {
    if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN " + type + "-----")) {
      throw new IllegalArgumentException(
          "The mock's TLS "
              + what
              + " holds no PEM block \"-----BEGIN "
              + type
              + "-----\"; give a PEM file");
    }
  }

  @Override
  public String toString() {
    return "MockTls" + (authority == null ? "" : "[authority=" + authority + "]");
  }
}
