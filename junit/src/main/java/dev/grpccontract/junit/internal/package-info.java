/**
 * Internals of the JUnit extension. Not API: anything here may change in any release without
 * notice.
 */
package dev.grpccontract.junit.internal;
