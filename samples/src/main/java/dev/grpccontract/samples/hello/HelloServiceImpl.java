package dev.grpccontract.samples.hello;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/** Greets people; rejects an empty greeting with {@code INVALID_ARGUMENT}. */
public class HelloServiceImpl extends HelloServiceGrpc.HelloServiceImplBase {

  /** How many replies {@code LotsOfReplies} sends. */
  public static final int REPLIES = 3;

  @Override
  public void sayHello(HelloRequest request, StreamObserver<HelloResponse> responses) {
    if (!request.hasGreeting() || request.getGreeting().isBlank()) {
      responses.onError(
          Status.INVALID_ARGUMENT
              .withDescription("greeting must not be empty")
              .asRuntimeException());
      return;
    }
    responses.onNext(reply("hello " + request.getGreeting()));
    responses.onCompleted();
  }

  @Override
  public void lotsOfReplies(HelloRequest request, StreamObserver<HelloResponse> responses) {
    for (int i = 1; i <= REPLIES; i++) {
      responses.onNext(reply("hello " + request.getGreeting() + " #" + i));
    }
    responses.onCompleted();
  }

  @Override
  public StreamObserver<HelloRequest> lotsOfGreetings(StreamObserver<HelloResponse> responses) {
    List<String> names = new ArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(HelloRequest request) {
        names.add(request.getGreeting());
      }

      @Override
      public void onError(Throwable t) {
        // The client gave up; nothing to answer.
      }

      @Override
      public void onCompleted() {
        responses.onNext(reply("hello " + String.join(", ", names)));
        responses.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<HelloRequest> bidiHello(StreamObserver<HelloResponse> responses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(HelloRequest request) {
        responses.onNext(reply("hello " + request.getGreeting()));
      }

      @Override
      public void onError(Throwable t) {
        // The client gave up; nothing to answer.
      }

      @Override
      public void onCompleted() {
        responses.onCompleted();
      }
    };
  }

  private static HelloResponse reply(String text) {
    return HelloResponse.newBuilder().setReply(text).build();
  }
}
