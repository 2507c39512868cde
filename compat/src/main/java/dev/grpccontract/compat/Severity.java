package dev.grpccontract.compat;

/** How much a {@link Finding} matters. */
public enum Severity {
  /** The change breaks what the rule protects; a check with such a finding fails. */
  ERROR,
  /** Worth knowing, but nothing breaks (a request type renamed with an identical wire shape). */
  WARNING
}
