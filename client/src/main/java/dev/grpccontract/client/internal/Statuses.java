package dev.grpccontract.client.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The statuses the client reports: a client-side failure's cause written into the description, and
 * for the common connection mistakes (plaintext against TLS and back, an untrusted CA, a port that
 * speaks HTTP/1.1, a PKCS#1 key) the fix, after {@code "fix: "}.
 */
public final class Statuses {

  private Statuses() {}

  /**
   * Returns {@code status} with its cause (no connection, a TLS handshake error) said in the
   * description, since the cause does not travel with the status to the test's assertions.
   */
  public static Status explain(Status status) {
    Throwable cause = status.getCause();
    if (status.isOk()) {
      return status;
    }
    if (cause == null) {
      if ("Network closed for unknown reason".equals(status.getDescription())) {
        // What a TLS server does to a plaintext client: it closes without a word.
        return status.augmentDescription(
            FIX
                + "the server closed the connection without answering in HTTP/2; a TLS server"
                + " does this to a plaintext client: if it serves TLS, do not set plaintext = true");
      }
      return status;
    }
    if (status.getCode() == Status.Code.CANCELLED && cause instanceof StatusRuntimeException) {
      // grpc-java cancels a call whose request or response broke a client-side rule; the rule's
      // own status is what the test wants to see.
      Status inner = ((StatusRuntimeException) cause).getStatus();
      return inner.augmentDescription("the client cancelled the call");
    }
    StringBuilder causes = new StringBuilder();
    for (Throwable t = cause; t != null && causes.length() < 400; t = t.getCause()) {
      String text =
          t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      if (status.getDescription() == null || !status.getDescription().contains(text)) {
        causes.append(causes.length() == 0 ? "caused by " : "; ").append(text);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    Status explained = causes.length() == 0 ? status : status.augmentDescription(causes.toString());
    String hint = hint(explained, cause);
    return hint == null ? explained : explained.augmentDescription(FIX + hint);
  }

  /** Returns whether {@link #explain} added a fix to the description. */
  public static boolean hasFix(Status status) {
    return status.getDescription() != null && status.getDescription().contains(FIX);
  }

  private static final String FIX = "fix: ";

  /** The fix for the connection mistakes tests make most, recognised by their causes. */
  private static String hint(Status status, Throwable cause) {
    StringBuilder chain = new StringBuilder(String.valueOf(status.getDescription()));
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      chain.append('\n').append(t.getClass().getName()).append(": ").append(t.getMessage());
    }
    String text = chain.toString();
    if (text.contains("NotSslRecordException") || text.contains("not an SSL/TLS record")) {
      return "the server speaks plaintext, not TLS: set plaintext = true"
          + " (@GrpcTarget(plaintext = true), or plaintext() on the extension's builder)";
    }
    if (status.getCode() == Status.Code.UNAVAILABLE
        && text.contains("Connection reset by peer")
        && !text.contains("SSL")) {
      // A TLS server may also reset a plaintext client's connection instead of closing it.
      return "the server reset the connection without answering in HTTP/2; a TLS server does this"
          + " to a plaintext client: if it serves TLS, do not set plaintext = true";
    }
    if (text.contains("PKIX path building failed")
        || text.contains("unable to find valid certification path")) {
      return "the server's certificate is not signed by a CA the client trusts: set"
          + " @Tls(trustCertificates) to the CA that signed it (trustCertificates(...) on the"
          + " extension's builder)";
    }
    if (text.contains("No subject alternative") || text.contains("No name matching")) {
      return "the server's certificate is not for this host name: set authority to a name the"
          + " certificate holds";
    }
    if (text.contains("First received frame was not SETTINGS")
        && text.contains("485454502f")) { // "HTTP/"
      return "the port answers in HTTP/1.1, not gRPC's HTTP/2: check the address's port";
    }
    if (text.contains("ALPN")) {
      return "the TLS server does not offer HTTP/2 (h2): the port is not a gRPC port, or a proxy"
          + " in front of it does not pass HTTP/2 on";
    }
    if (text.contains("does not contain valid private key")
        || text.contains("Neither RSA, DSA nor EC worked")
        || text.contains("BEGIN RSA PRIVATE KEY")) {
      return "the private key must be PKCS#8 PEM (BEGIN PRIVATE KEY); convert a PKCS#1 key (BEGIN"
          + " RSA PRIVATE KEY) with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem";
    }
    return null;
  }
}
