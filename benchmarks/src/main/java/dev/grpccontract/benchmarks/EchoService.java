package dev.grpccontract.benchmarks;

import dev.grpccontract.benchmarks.proto.EchoReply;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import io.grpc.stub.StreamObserver;

/**
 * The server side of the benchmarks: answers each request with its fields and the same payload, so
 * the reply is as large as the request and costs the server next to nothing.
 */
public final class EchoService extends EchoServiceGrpc.EchoServiceImplBase {

  @Override
  public void echo(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
    responseObserver.onNext(
        EchoReply.newBuilder()
            .setId(request.getId())
            .setSequence(request.getSequence())
            .setStatus("OK")
            .addAllTags(request.getTagsList())
            .setPayload(request.getPayload())
            .build());
    responseObserver.onCompleted();
  }
}
