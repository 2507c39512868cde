/**
 * Helpers shared by the extension's packages. Not API: anything here may change in any release
 * without notice.
 */
package dev.grpccontract.internal;
