/**
 * The picocli command line behind {@link dev.grpccontract.compat.CompatCommand}. Not public API.
 */
package dev.grpccontract.compat.internal.cli;
