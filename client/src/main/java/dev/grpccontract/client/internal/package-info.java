/**
 * Internals of the dynamic client. Not API: anything here may change in any release without notice.
 */
package dev.grpccontract.client.internal;
