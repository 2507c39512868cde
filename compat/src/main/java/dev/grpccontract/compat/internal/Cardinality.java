package dev.grpccontract.compat.internal;

import com.google.protobuf.Descriptors.FieldDescriptor;

/** A field's cardinality as buf's cardinality rules see it. */
enum Cardinality {
  IMPLICIT("optional with implicit presence"),
  EXPLICIT("optional with explicit presence"),
  REQUIRED("required"),
  REPEATED("repeated"),
  MAP("map");

  final String text;

  Cardinality(String text) {
    this.text = text;
  }

  static Cardinality of(FieldDescriptor f) {
    if (f.isMapField()) {
      return MAP;
    }
    if (f.isRepeated()) {
      return REPEATED;
    }
    if (f.isRequired()) {
      return REQUIRED;
    }
    return f.hasPresence() ? EXPLICIT : IMPLICIT;
  }

  private boolean optional() {
    return this == IMPLICIT || this == EXPLICIT;
  }

  private boolean many() {
    return this == REPEATED || this == MAP;
  }

  /** Presence may change, and repeated may become map and back: the binary encoding is alike. */
  boolean wireCompatible(Cardinality other) {
    return this == other || (optional() && other.optional()) || (many() && other.many());
  }

  /** Presence may change; repeated and map differ in JSON (array against object). */
  boolean wireJsonCompatible(Cardinality other) {
    return this == other || (optional() && other.optional());
  }
}
