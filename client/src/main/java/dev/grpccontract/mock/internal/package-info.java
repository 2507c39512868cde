/**
 * Internals of the mock server: the generic call handling. Not API: anything here may change in any
 * release without notice.
 */
package dev.grpccontract.mock.internal;
