/** Internals of schema loading. Not API: anything here may change in any release without notice. */
package dev.grpccontract.proto.internal;
