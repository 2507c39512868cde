/**
 * Internals of the assertions: error message factories, message comparison, and printing helpers.
 * Not API: anything here may change in any release without notice.
 */
package dev.grpccontract.assertj.internal;
