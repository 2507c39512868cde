package dev.grpccontract.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRecorderTest {

  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void startAndSendStartsWithTheRecorderSendsEveryRequestInOrderAndHalfCloses() {
    FakeCall call = new FakeCall(-1);
    CallRecorder recorder = new CallRecorder(CallRecorder.Reading.SINGLE, 0);
    Metadata extra = new Metadata();
    extra.put(TENANT, "acme");

    recorder.startAndSend(
        call, extra, List.of(Empty.getDefaultInstance(), Empty.getDefaultInstance()));

    assertThat(call.listener).isSameAs(recorder);
    assertThat(call.sentHeaders.get(TENANT)).isEqualTo("acme");
    assertThat(call.events).containsExactly("start", "request 2", "send", "send", "halfClose");

    Metadata trailers = new Metadata();
    call.listener.onHeaders(new Metadata());
    call.listener.onClose(Status.NOT_FOUND, trailers);
    assertThat(recorder.isClosed()).isTrue();
    assertThat(recorder.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(recorder.headers()).isNotNull();
    assertThat(recorder.trailers()).isSameAs(trailers);
  }

  @Test
  void startAndSendCancelsTheCallWhenARequestCannotBeSent() {
    FakeCall call = new FakeCall(1);
    CallRecorder recorder = new CallRecorder(CallRecorder.Reading.ALL, 0);

    assertThatThrownBy(
            () ->
                recorder.startAndSend(
                    call, null, List.of(Empty.getDefaultInstance(), Empty.getDefaultInstance())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot send request 1");
    assertThat(call.events)
        .containsExactly("start", "request 1", "send", "cancel: the request could not be sent");
    assertThat(call.cancelCause).hasMessage("cannot send request 1");
  }

  /** A call that records what is done to it and fails to send request {@code failAt}. */
  private static final class FakeCall extends ClientCall<Message, Message> {
    final List<String> events = new ArrayList<>();
    final int failAt;
    int sent;
    Listener<Message> listener;
    Metadata sentHeaders;
    Throwable cancelCause;

    FakeCall(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public void start(Listener<Message> responseListener, Metadata headers) {
      events.add("start");
      listener = responseListener;
      sentHeaders = headers;
    }

    @Override
    public void request(int numMessages) {
      events.add("request " + numMessages);
    }

    @Override
    public void cancel(String message, Throwable cause) {
      events.add("cancel: " + message);
      cancelCause = cause;
    }

    @Override
    public void halfClose() {
      events.add("halfClose");
    }

    @Override
    public void sendMessage(Message message) {
      if (sent == failAt) {
        throw new IllegalStateException("cannot send request " + sent);
      }
      sent++;
      events.add("send");
    }
  }
}
