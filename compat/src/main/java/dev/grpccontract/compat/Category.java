package dev.grpccontract.compat;

/**
 * A group of {@link Rule}s, named as buf names its breaking categories, plus {@link #GRPC} for the
 * rules about running gRPC callers that buf does not have.
 */
public enum Category {
  /** Generated code breaks per file: types may not move between files. buf's strictest set. */
  FILE,
  /** Generated code breaks per package: types may move between files of one package. */
  PACKAGE,
  /** The binary encoding or the protobuf JSON encoding breaks. */
  WIRE_JSON,
  /** The binary encoding breaks. */
  WIRE,
  /**
   * buf's {@code CSR} category (schema registry compatibility), listed for completeness; no {@link
   * Profile} of its own.
   */
  CSR,
  /**
   * gRPC callers break: a service or method is gone, a streaming kind changed, or a request or
   * response type changed its wire shape. Not a buf category.
   */
  GRPC
}
