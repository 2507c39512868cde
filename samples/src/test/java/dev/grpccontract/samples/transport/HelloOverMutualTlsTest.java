package dev.grpccontract.samples.transport;

import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.Tls;
import dev.grpccontract.samples.hello.HelloServiceImpl;

/** The same contract with mutual TLS: the server demands the client's certificate. */
@GrpcTarget(
    services = HelloServiceImpl.class,
    transport = GrpcTarget.Transport.NETTY,
    authority = "foo.test.google.fr",
    tls =
        @Tls(
            trustCertificates = "classpath:certs/ca.pem",
            clientCertificate = "classpath:certs/client.pem",
            clientKey = "classpath:certs/client.key",
            serverCertificate = "classpath:certs/server1.pem",
            serverKey = "classpath:certs/server1.key",
            requireClientCertificate = true))
class HelloOverMutualTlsTest extends HelloContract {}
