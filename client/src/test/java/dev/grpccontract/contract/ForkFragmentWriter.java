package dev.grpccontract.contract;

import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.TestServiceGrpc;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes fragments of one contract file from its own JVM, as a surefire fork would: {@code
 * ConsumerContractsForkTest} starts several at once.
 */
public final class ForkFragmentWriter {

  private ForkFragmentWriter() {}

  /** Arguments: the folder, a fragment id prefix, how many fragments to write one after another. */
  public static void main(String[] args) {
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      String id = args[1] + "-" + i;
      ConsumerContracts.write(
          Path.of(args[0]),
          "web",
          "echo",
          id,
          List.of(
              ContractWriter.call(
                      id + ": Echo", schema.method("grpccontract.test.TestService/Echo"))
                  .request(EchoRequest.newBuilder().setText(id).build())));
    }
  }
}
