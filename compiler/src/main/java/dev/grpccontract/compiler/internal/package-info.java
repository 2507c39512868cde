/**
 * Implementation of the {@code .proto} compiler: tokenizer, parser, linker and option interpreter.
 *
 * <p>Not API: everything in this package may change without notice. Use {@link
 * dev.grpccontract.compiler.ProtoCompiler} instead.
 */
package dev.grpccontract.compiler.internal;
