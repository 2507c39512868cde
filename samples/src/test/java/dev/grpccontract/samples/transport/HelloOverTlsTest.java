package dev.grpccontract.samples.transport;

import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.Tls;
import dev.grpccontract.samples.hello.HelloServiceImpl;

/**
 * The same contract over a real HTTP/2 socket with TLS, the whole transport included. The
 * certificates are grpc-testing's (server1 is issued for *.test.google.fr, hence the authority).
 */
@GrpcTarget(
    services = HelloServiceImpl.class,
    transport = GrpcTarget.Transport.NETTY,
    authority = "foo.test.google.fr",
    tls =
        @Tls(
            trustCertificates = "classpath:certs/ca.pem",
            serverCertificate = "classpath:certs/server1.pem",
            serverKey = "classpath:certs/server1.key"))
class HelloOverTlsTest extends HelloContract {}
