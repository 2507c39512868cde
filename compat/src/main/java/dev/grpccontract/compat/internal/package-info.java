/**
 * The checker's internals: the rule engine, source locations, the command line. Not public API;
 * anything here may change in any release.
 */
package dev.grpccontract.compat.internal;
