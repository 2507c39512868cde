package dev.grpccontract.client.internal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Per-call state carried in {@link CallOptions}: metadata to send, and the headers and trailers the
 * server answered with. One {@link #INTERCEPTOR} serves every call of a client.
 *
 * <p>No longer used by {@code GrpcClient}, whose calls all go through {@link CallRecorder}; only
 * the benchmarks module's cost breakdown still measures it. Remove it with that benchmark.
 */
public final class CallCapture {

  /** The call option under which a call's capture travels. */
  public static final CallOptions.Key<CallCapture> KEY =
      CallOptions.Key.create("grpc-contract-capture");

  /** Adds each call's extra metadata and records its headers and trailers. */
  public static final ClientInterceptor INTERCEPTOR = new Interceptor();

  private final Metadata extraHeaders;
  private volatile Metadata headers;
  private volatile Metadata trailers;

  /** Creates a capture that sends {@code extraHeaders} (or nothing, when {@code null}). */
  public CallCapture(Metadata extraHeaders) {
    this.extraHeaders = extraHeaders;
  }

  /** Returns the headers the server sent, or {@code null} when it sent none. */
  public Metadata headers() {
    return headers;
  }

  /** Returns the trailers the server sent, or {@code null} before the call closed. */
  public Metadata trailers() {
    return trailers;
  }

  private static final class Interceptor implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      CallCapture capture = options.getOption(KEY);
      ClientCall<Q, R> call = next.newCall(method, options);
      if (capture == null) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<Q, R>(call) {
        @Override
        public void start(Listener<R> listener, Metadata requestHeaders) {
          if (capture.extraHeaders != null) {
            requestHeaders.merge(capture.extraHeaders);
          }
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<R>(listener) {
                @Override
                public void onHeaders(Metadata received) {
                  capture.headers = received;
                  super.onHeaders(received);
                }

                @Override
                public void onClose(Status status, Metadata received) {
                  capture.trailers = received;
                  super.onClose(status, received);
                }
              },
              requestHeaders);
        }
      };
    }
  }
}
