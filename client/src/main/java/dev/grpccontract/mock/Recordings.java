package dev.grpccontract.mock;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.Set;

/** Turns a call that passed (through the mock or the recorder) into a contract interaction. */
final class Recordings {

  /** Request headers the transport sets, not the client: never part of a contract. */
  private static final Set<String> TRANSPORT_HEADERS =
      Set.of("user-agent", "content-type", "te", "accept-encoding", "host", "authority");

  private static final Metadata.Key<byte[]> STATUS_DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private Recordings() {}

  static ContractWriter.Call toContractCall(
      String name, MethodDescriptor method, RecordedCall recorded) {
    ContractWriter.Call call = ContractWriter.call(name, method);
    metadata(call, recorded.headers());
    for (RecordedCall.Event event : recorded.events()) {
      if (event.request() && event.message() == null) {
        call.halfClose();
      } else if (event.request()) {
        call.request(event.message());
      } else {
        call.response(event.message());
      }
    }
    Status status = recorded.status().orElse(Status.OK);
    call.status(status.getCode());
    if (status.getDescription() != null) {
      call.description(status.getDescription());
    }
    // Sorted by the writer; each was checked against the type when the stub was added.
    recorded
        .responseMatchers()
        .forEach((path, matcher) -> call.matcher(path, matcher.kind(), matcher.arguments()));
    Metadata trailers = recorded.trailers().orElse(null);
    if (trailers != null && trailers.containsKey(STATUS_DETAILS)) {
      try {
        call.errorDetails(com.google.rpc.Status.parseFrom(trailers.get(STATUS_DETAILS)));
      } catch (InvalidProtocolBufferException e) {
        // details that do not parse are not part of the contract
      }
    }
    return call;
  }

  static void metadata(ContractWriter.Call call, Metadata headers) {
    for (String key : headers.keys()) {
      if (key.startsWith(":") || key.startsWith("grpc-") || TRANSPORT_HEADERS.contains(key)) {
        continue;
      }
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : headers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          call.metadata(key, ProtoJson.base64(com.google.protobuf.ByteString.copyFrom(value)));
        }
      } else {
        for (String value :
            headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          call.metadata(key, value);
        }
      }
    }
  }
}
