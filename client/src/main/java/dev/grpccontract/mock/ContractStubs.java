package dev.grpccontract.mock;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.grpccontract.contract.InteractionExample;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;

/** Turns an interaction of a contract file into the stub that plays the provider's side of it. */
final class ContractStubs {

  private ContractStubs() {}

  static MethodStub stub(InteractionExample example) {
    com.google.protobuf.Descriptors.MethodDescriptor method = example.method();
    String name = method.getService().getFullName() + "/" + method.getName();
    MethodStub stub =
        Stubbing.method(name)
            .named(
                "'"
                    + example.interaction().name()
                    + "' ("
                    + example.interaction().location()
                    + ")");
    for (dev.grpccontract.contract.Interaction.Given given : example.interaction().given()) {
      stub = stub.givenStates(given.name());
    }
    Metadata metadata = example.metadata();
    for (String key : metadata.keys()) {
      if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (String value :
            metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          stub = stub.withMetadata(key, value);
        }
      }
    }
    boolean clientStreaming = method.isClientStreaming();
    boolean serverStreaming = method.isServerStreaming();
    if (clientStreaming && serverStreaming) {
      return stub.willConverse(conversation(example));
    }
    if (clientStreaming) {
      List<RequestMatcher> requests = new ArrayList<>();
      example.requests().forEach(r -> requests.add(Stubbing.equalTo(r)));
      stub = stub.withRequests(requests.toArray(new RequestMatcher[0]));
    } else {
      stub = stub.withRequest(Stubbing.equalTo(example.requests().get(0)));
    }
    List<Message> responses = new ArrayList<>(example.responses());
    if (!serverStreaming && responses.isEmpty() && example.status() == Status.Code.OK) {
      responses.add(DynamicMessage.getDefaultInstance(method.getOutputType()));
    }
    if (!serverStreaming && example.status() != Status.Code.OK) {
      responses.clear();
    }
    return stub.willReturn(ending(example, sending(Reply.empty(), responses)));
  }

  private static Conversation conversation(InteractionExample example) {
    Conversation conversation = Stubbing.conversation();
    List<Message> pending = new ArrayList<>();
    Message lastSend = null;
    boolean started = false;
    boolean ended = false;
    for (InteractionExample.Step step : example.steps()) {
      switch (step.kind()) {
        case EXPECT:
          pending.add(step.message());
          break;
        case SEND:
          conversation = flush(conversation, started, lastSend, pending, null);
          started = true;
          lastSend = step.message();
          pending.clear();
          break;
        case HALF_CLOSE:
          conversation = flush(conversation, started, lastSend, pending, null);
          started = true;
          lastSend = null;
          pending.clear();
          conversation = conversation.onHalfClose(ending(example, Reply.empty()));
          ended = true;
          break;
        default:
          ended = true;
      }
      if (ended) {
        break;
      }
    }
    if (!ended) {
      // The client never half-closes: the provider ends the call after the last answer.
      conversation = flush(conversation, started, lastSend, pending, example);
    } else if (!pending.isEmpty()) {
      // Expectations after the half-close are sent before the end.
      conversation = conversation.onHalfClose(ending(example, sending(Reply.empty(), pending)));
    }
    return conversation;
  }

  /**
   * Adds the answer to the last send (or the start): the pending messages, and the end if asked.
   */
  private static Conversation flush(
      Conversation conversation,
      boolean started,
      Message lastSend,
      List<Message> pending,
      InteractionExample end) {
    Reply reply = sending(Reply.empty(), pending);
    if (end != null) {
      reply = ending(end, reply);
    }
    if (!started) {
      return pending.isEmpty() && end == null ? conversation : conversation.atStart(reply);
    }
    if (lastSend == null) {
      return conversation;
    }
    return conversation.onceOn(Stubbing.equalTo(lastSend), reply);
  }

  private static Reply sending(Reply reply, List<Message> messages) {
    for (Message message : messages) {
      reply = reply.thenMessage(message);
    }
    return reply;
  }

  private static Reply ending(InteractionExample example, Reply reply) {
    Reply result = reply.thenStatus(example.status());
    if (example.description().isPresent()) {
      result = result.withDescription(example.description().get());
    }
    if (!example.errorDetails().isEmpty()) {
      result = result.withErrorDetails(example.errorDetails().toArray(new Message[0]));
    }
    for (var header : example.headers().entrySet()) {
      result = result.withHeader(header.getKey(), header.getValue());
    }
    for (var trailer : example.trailers().entrySet()) {
      result = result.withTrailer(trailer.getKey(), trailer.getValue());
    }
    return result;
  }
}
