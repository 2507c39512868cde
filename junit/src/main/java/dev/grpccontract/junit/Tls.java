package dev.grpccontract.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * TLS material for {@link GrpcTarget#tls()}. Each value is a PEM file: a path (relative to the
 * working directory, normally the project's) or a classpath resource written {@code
 * classpath:certs/ca.pem}, and may use {@code ${NAME}} placeholders like {@link
 * GrpcTarget#address()}.
 *
 * <ul>
 *   <li>Client side (addresses, and in-process services served over {@link
 *       GrpcTarget.Transport#NETTY}): {@link #trustCertificates()} (default: the JDK's trust store)
 *       and, for mutual TLS, {@link #clientCertificate()} with {@link #clientKey()}.
 *   <li>Server side ({@link GrpcTarget.Transport#NETTY} only): {@link #serverCertificate()} with
 *       {@link #serverKey()}, and {@link #requireClientCertificate()} for mutual TLS.
 * </ul>
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Tls {

  /** The CA certificates the client trusts; empty means the JDK's default trust store. */
  String trustCertificates() default "";

  /** The client's certificate chain, for mutual TLS. */
  String clientCertificate() default "";

  /** The client's private key (PKCS#8 PEM), for mutual TLS. */
  String clientKey() default "";

  /** The certificate chain of the hosted Netty server. */
  String serverCertificate() default "";

  /** The private key (PKCS#8 PEM) of the hosted Netty server. */
  String serverKey() default "";

  /**
   * Whether the hosted Netty server demands a client certificate signed by {@link
   * #trustCertificates()}.
   */
  boolean requireClientCertificate() default false;
}
