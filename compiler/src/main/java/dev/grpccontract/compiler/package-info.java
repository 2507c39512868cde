/**
 * A pure-Java {@code .proto} compiler whose descriptors are byte for byte what protoc 36.x
 * produces.
 *
 * <p>{@link dev.grpccontract.compiler.ProtoCompiler} turns source files into {@link
 * dev.grpccontract.compiler.CompilationResult}s (file descriptor protos in protoc's order and built
 * {@code Descriptors.FileDescriptor}s); errors arrive as a {@link
 * dev.grpccontract.compiler.ProtoCompilationException} listing every {@link
 * dev.grpccontract.compiler.Diagnostic} with protoc's file, line, column and wording. {@link
 * dev.grpccontract.compiler.Protoc} is the same compiler behind protoc's command-line flags.
 */
package dev.grpccontract.compiler;
