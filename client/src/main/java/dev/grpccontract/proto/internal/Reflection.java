package dev.grpccontract.proto.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.grpccontract.client.internal.Statuses;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server's schema through gRPC server reflection: {@code grpc.reflection.v1}, falling back
 * to {@code v1alpha} (whose messages are the same on the wire) when the server lacks v1.
 */
public final class Reflection {

  private static final String V1 = "grpc.reflection.v1.ServerReflection";
  private static final String V1ALPHA = "grpc.reflection.v1alpha.ServerReflection";

  private Reflection() {}

  /** The files a server described, and the services it listed. */
  public record Result(List<FileDescriptorProto> files, List<String> services, String version) {}

  /**
   * Lists the server's services and fetches the files that define them with their whole import
   * closure.
   *
   * @throws IllegalStateException when the server has no reflection service or answers with an
   *     error, with a message that suggests the other schema sources
   */
  public static Result fetch(Channel channel, Metadata metadata, Duration timeout) {
    Channel target =
        metadata == null
            ? channel
            : ClientInterceptors.intercept(
                channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return fetch(target, V1, timeout, deadline);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw failure(e);
      }
    }
    try {
      return fetch(target, V1ALPHA, timeout, deadline);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw new IllegalStateException(
            "The server does not offer gRPC server reflection (neither "
                + V1
                + " nor "
                + V1ALPHA
                + " is implemented). Enable it on the server (grpc-services'"
                + " ProtoReflectionServiceV1), or give the schema another way:"
                + " @ProtoSource(files = ...), (descriptorSet = ...) or (classes = ...)",
            e);
      }
      throw failure(e);
    }
  }

  /** The failure keeps grpc-java's exception, and with it the cause (a TLS error, say). */
  private static IllegalStateException failure(StatusRuntimeException e) {
    Status status = Statuses.explain(e.getStatus());
    boolean hinted = Statuses.hasFix(status);
    return new IllegalStateException(
        "Server reflection failed with "
            + status.getCode()
            + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")")
            + (hinted ? "" : "; is the target reachable, and does it need credentials?"),
        e);
  }

  private static Result fetch(Channel channel, String service, Duration timeout, long deadline) {
    MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method =
        ServerReflectionGrpc.getServerReflectionInfoMethod().toBuilder()
            .setFullMethodName(
                MethodDescriptor.generateFullMethodName(service, "ServerReflectionInfo"))
            .build();
    ClientCall<ServerReflectionRequest, ServerReflectionResponse> call =
        channel.newCall(
            method,
            CallOptions.DEFAULT.withDeadlineAfter(
                deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
    BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    StreamObserver<ServerReflectionRequest> requests =
        ClientCalls.asyncBidiStreamingCall(
            call,
            new StreamObserver<>() {
              @Override
              public void onNext(ServerReflectionResponse value) {
                answers.add(value);
              }

              @Override
              public void onError(Throwable t) {
                answers.add(t);
              }

              @Override
              public void onCompleted() {
                answers.add(Status.OK);
              }
            });
    try {
      ServerReflectionResponse listing =
          ask(
              requests,
              answers,
              ServerReflectionRequest.newBuilder().setListServices("*").build(),
              timeout,
              deadline);
      List<String> services = new ArrayList<>();
      for (ServiceResponse s : listing.getListServicesResponse().getServiceList()) {
        services.add(s.getName());
      }
      Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
      for (String name : services) {
        if (name.equals(V1) || name.equals(V1ALPHA)) {
          continue;
        }
        ServerReflectionResponse answer =
            ask(
                requests,
                answers,
                ServerReflectionRequest.newBuilder().setFileContainingSymbol(name).build(),
                timeout,
                deadline);
        addFiles(answer, files, "service " + name);
      }
      Set<String> askedTypes = new HashSet<>();
      boolean grew = true;
      while (grew) {
        grew = fetchImports(requests, answers, files, timeout, deadline);
        // Files sent without their imports (Node's @grpc/reflection) may name types whose files
        // were not sent: ask for the file of each such type.
        Set<String> types =
            DependencyRepair.unresolved(files.values(), FileDescriptors.wellKnownFiles());
        types.removeAll(askedTypes);
        for (String type : types) {
          askedTypes.add(type);
          ServerReflectionResponse answer =
              ask(
                  requests,
                  answers,
                  ServerReflectionRequest.newBuilder().setFileContainingSymbol(type).build(),
                  timeout,
                  deadline);
          if (!answer.hasErrorResponse() && !addFiles(answer, files, "type " + type).isEmpty()) {
            grew = true;
          }
        }
      }
      requests.onCompleted();
      return new Result(new ArrayList<>(files.values()), services, service);
    } catch (RuntimeException e) {
      requests.onError(e);
      throw e;
    }
  }

  /** Fetches the files the collected files import and the set lacks; returns whether any came. */
  private static boolean fetchImports(
      StreamObserver<ServerReflectionRequest> requests,
      BlockingQueue<Object> answers,
      Map<String, FileDescriptorProto> files,
      Duration timeout,
      long deadline) {
    boolean grew = false;
    Deque<String> missing = new ArrayDeque<>();
    for (FileDescriptorProto file : files.values()) {
      missing.addAll(file.getDependencyList());
    }
    while (!missing.isEmpty()) {
      String name = missing.removeFirst();
      if (files.containsKey(name)) {
        continue;
      }
      ServerReflectionResponse answer =
          ask(
              requests,
              answers,
              ServerReflectionRequest.newBuilder().setFileByFilename(name).build(),
              timeout,
              deadline);
      for (FileDescriptorProto added : addFiles(answer, files, "file " + name)) {
        missing.addAll(added.getDependencyList());
        grew = true;
      }
    }
    return grew;
  }

  private static List<FileDescriptorProto> addFiles(
      ServerReflectionResponse answer, Map<String, FileDescriptorProto> files, String what) {
    if (answer.hasErrorResponse()) {
      throw new IllegalStateException(
          "Server reflection could not describe "
              + what
              + ": "
              + Status.fromCodeValue(answer.getErrorResponse().getErrorCode()).getCode()
              + " "
              + answer.getErrorResponse().getErrorMessage());
    }
    List<FileDescriptorProto> added = new ArrayList<>();
    for (ByteString bytes : answer.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      try {
        FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
        if (files.putIfAbsent(file.getName(), file) == null) {
          added.add(file);
        }
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("Server reflection sent an unreadable file for " + what, e);
      }
    }
    return added;
  }

  private static ServerReflectionResponse ask(
      StreamObserver<ServerReflectionRequest> requests,
      BlockingQueue<Object> answers,
      ServerReflectionRequest request,
      Duration timeout,
      long deadline) {
    requests.onNext(request);
    Object answer;
    try {
      // The call's deadline ends the exchange; the extra second only guards against a transport
      // that never reports the close.
      answer = answers.poll(deadline - System.nanoTime() + 1_000_000_000L, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during server reflection", e);
    }
    if (answer instanceof ServerReflectionResponse) {
      return (ServerReflectionResponse) answer;
    }
    if (answer instanceof Throwable) {
      throw answer instanceof StatusRuntimeException
          ? (StatusRuntimeException) answer
          : Status.fromThrowable((Throwable) answer).asRuntimeException();
    }
    if (answer == null) {
      throw Status.DEADLINE_EXCEEDED
          .withDescription("no reflection answer within " + timeout)
          .asRuntimeException();
    }
    throw Status.INTERNAL.withDescription("the reflection stream ended early").asRuntimeException();
  }
}
