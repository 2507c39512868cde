package dev.grpccontract.samples.status;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Ends each call with the status code the request names; {@code OK} answers normally. */
public class StatusServiceImpl extends StatusServiceGrpc.StatusServiceImplBase {

  @Override
  public void answer(AnswerRequest request, StreamObserver<AnswerResponse> responses) {
    Status.Code code;
    try {
      code = Status.Code.valueOf(request.getCode());
    } catch (IllegalArgumentException e) {
      responses.onError(
          Status.INVALID_ARGUMENT
              .withDescription("unknown status code '" + request.getCode() + "'")
              .asRuntimeException());
      return;
    }
    if (code == Status.Code.OK) {
      responses.onNext(AnswerResponse.newBuilder().setCode(code.name()).build());
      responses.onCompleted();
      return;
    }
    responses.onError(
        Status.fromCode(code).withDescription(request.getMessage()).asRuntimeException());
  }
}
