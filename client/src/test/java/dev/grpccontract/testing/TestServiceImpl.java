package dev.grpccontract.testing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/** The service the extension's tests call; see testing.proto. */
public class TestServiceImpl extends TestServiceGrpc.TestServiceImplBase {

  /** Request metadata of the current call, set by {@link #ECHO_METADATA}. */
  static final Context.Key<Metadata> REQUEST_HEADERS = Context.key("request-headers");

  /** Echoes every request header whose name starts with {@code x-} as a response header. */
  public static final ServerInterceptor ECHO_METADATA =
      new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
          ServerCall<Q, R> echoing =
              new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<Q, R>(call) {
                @Override
                public void sendHeaders(Metadata responseHeaders) {
                  for (String key : headers.keys()) {
                    if (key.startsWith("x-")) {
                      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                        Metadata.Key<byte[]> k =
                            Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
                        responseHeaders.put(k, headers.get(k));
                      } else {
                        Metadata.Key<String> k =
                            Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
                        for (String value : headers.getAll(k)) {
                          responseHeaders.put(k, value);
                        }
                      }
                    }
                  }
                  super.sendHeaders(responseHeaders);
                }
              };
          return Contexts.interceptCall(
              Context.current().withValue(REQUEST_HEADERS, headers), echoing, headers, next);
        }
      };

  @Override
  public void echo(EchoRequest request, StreamObserver<EchoResponse> responses) {
    responses.onNext(
        EchoResponse.newBuilder()
            .setText(request.getText().repeat(Math.max(1, request.getTimes())))
            .setRequest(request)
            .build());
    responses.onCompleted();
  }

  @Override
  public void fail(FailRequest request, StreamObserver<EchoResponse> responses) {
    Metadata trailers = new Metadata();
    for (Map.Entry<String, String> entry : request.getTrailersMap().entrySet()) {
      trailers.put(
          Metadata.Key.of(entry.getKey(), Metadata.ASCII_STRING_MARSHALLER), entry.getValue());
    }
    Status status = Status.fromCode(Status.Code.valueOf(request.getCode()));
    if (!request.getDescription().isEmpty()) {
      status = status.withDescription(request.getDescription());
    }
    responses.onError(status.asRuntimeException(trailers));
  }

  @Override
  public void slow(SlowRequest request, StreamObserver<EchoResponse> responses) {
    try {
      Thread.sleep(request.getMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    responses.onNext(EchoResponse.newBuilder().setText("slept " + request.getMillis()).build());
    responses.onCompleted();
  }

  /**
   * Sends {@code times} messages; a negative {@code times} sends that many and then fails with
   * {@code ABORTED}; {@code times = 1_000_000} is an endless-looking stream.
   */
  @Override
  public void repeat(EchoRequest request, StreamObserver<EchoResponse> responses) {
    io.grpc.stub.ServerCallStreamObserver<EchoResponse> server =
        (io.grpc.stub.ServerCallStreamObserver<EchoResponse>) responses;
    int count = Math.max(1, Math.abs(request.getTimes()));
    for (int i = 0; i < count && !server.isCancelled(); i++) {
      responses.onNext(EchoResponse.newBuilder().setText(request.getText() + i).build());
    }
    if (request.getTimes() < 0) {
      responses.onError(
          Status.ABORTED.withDescription("gave up after " + count).asRuntimeException());
    } else if (!server.isCancelled()) {
      responses.onCompleted();
    }
  }

  /** Answers each request with its text upper-cased; a request with text "bye" ends the stream. */
  @Override
  public StreamObserver<EchoRequest> chat(StreamObserver<EchoResponse> responses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(EchoRequest value) {
        if (value.getText().equals("bye")) {
          responses.onCompleted();
          return;
        }
        if (value.getText().equals("fail")) {
          responses.onError(
              Status.FAILED_PRECONDITION.withDescription("told to fail").asRuntimeException());
          return;
        }
        responses.onNext(EchoResponse.newBuilder().setText(value.getText().toUpperCase()).build());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        responses.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<EchoRequest> collect(StreamObserver<EchoResponse> responses) {
    StringBuilder all = new StringBuilder();
    return new StreamObserver<>() {
      @Override
      public void onNext(EchoRequest value) {
        all.append(value.getText());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        responses.onNext(EchoResponse.newBuilder().setText(all.toString()).build());
        responses.onCompleted();
      }
    };
  }
}
