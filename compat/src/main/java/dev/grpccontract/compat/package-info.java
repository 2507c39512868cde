/**
 * Breaking-change checks between two versions of a protobuf schema: {@link
 * dev.grpccontract.compat.SchemaCompatibility}, its {@link dev.grpccontract.compat.Rule}s (buf's
 * ids), {@link dev.grpccontract.compat.Profile}s and {@link dev.grpccontract.compat.Finding}s.
 * Nothing here depends on JUnit.
 */
package dev.grpccontract.compat;
