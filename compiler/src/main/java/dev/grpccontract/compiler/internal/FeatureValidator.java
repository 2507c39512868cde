package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FeatureSet;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FieldOptions.OptionTargetType;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Editions checks: feature support windows, feature targets and field feature rules. */
final class FeatureValidator {
  private final Validator v;
  private final FileDescriptorProto.Builder file;
  private final boolean editions;
  private final int edition;

  /** One element in protoc's visiting order. */
  private record Element(
      Object builder,
      Message options,
      OptionTargetType target,
      String fullName,
      FeatureSet resolved) {}

  private final Map<String, FeatureSet> enumFeatures = new java.util.HashMap<>();
  private final Map<Object, Boolean> mapEntryFields = new java.util.IdentityHashMap<>();
  private final Map<Object, Boolean> mapFields = new java.util.IdentityHashMap<>();

  /** The map fields with a string key or value, which may set utf8_validation. */
  private final Map<Object, Boolean> stringMapFields = new java.util.IdentityHashMap<>();

  private final Map<Object, DescriptorProto.Builder> owners = new java.util.IdentityHashMap<>();

  private static FeatureSet defaults() {
    return FeatureSet.newBuilder()
        .setFieldPresence(FeatureSet.FieldPresence.EXPLICIT)
        .setEnumType(FeatureSet.EnumType.OPEN)
        .setRepeatedFieldEncoding(FeatureSet.RepeatedFieldEncoding.PACKED)
        .setUtf8Validation(FeatureSet.Utf8Validation.VERIFY)
        .setMessageEncoding(FeatureSet.MessageEncoding.LENGTH_PREFIXED)
        .setJsonFormat(FeatureSet.JsonFormat.ALLOW)
        .build();
  }

  private static FeatureSet merge(FeatureSet parent, Message options) {
    FieldDescriptor f = options.getDescriptorForType().findFieldByName("features");
    if (f == null || !options.hasField(f)) {
      return parent;
    }
    return parent.toBuilder().mergeFrom((FeatureSet) options.getField(f)).build();
  }

  private final java.util.function.Function<String, com.google.protobuf.Descriptors.EnumDescriptor>
      enumLookup;

  FeatureValidator(
      Validator v,
      java.util.function.Function<String, com.google.protobuf.Descriptors.EnumDescriptor>
          enumLookup) {
    this.v = v;
    this.enumLookup = enumLookup;
    this.file = v.file();
    this.editions = "editions".equals(file.getSyntax());
    this.edition = file.getEdition().getNumber();
  }

  /** The file and every element in it, each with its options and resolved features. */
  private List<Element> elements() {
    List<Element> elements = new ArrayList<>();
    String pkg = file.getPackage();
    String prefix = pkg.isEmpty() ? "" : pkg + ".";
    FeatureSet fileFeatures = merge(defaults(), file.getOptions());
    elements.add(
        new Element(file, file.getOptions(), OptionTargetType.TARGET_TYPE_FILE, pkg, fileFeatures));
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      visitMessage(prefix, m, elements, fileFeatures);
    }
    for (EnumDescriptorProto.Builder e : file.getEnumTypeBuilderList()) {
      visitEnum(prefix, e, elements, fileFeatures);
    }
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      elements.add(
          new Element(
              x,
              x.getOptions(),
              OptionTargetType.TARGET_TYPE_FIELD,
              prefix + x.getName(),
              merge(fileFeatures, x.getOptions())));
    }
    for (var s : file.getServiceBuilderList()) {
      FeatureSet sf = merge(fileFeatures, s.getOptions());
      elements.add(
          new Element(
              s, s.getOptions(), OptionTargetType.TARGET_TYPE_SERVICE, prefix + s.getName(), sf));
      for (var m : s.getMethodBuilderList()) {
        elements.add(
            new Element(
                m,
                m.getOptions(),
                OptionTargetType.TARGET_TYPE_METHOD,
                prefix + s.getName() + "." + m.getName(),
                merge(sf, m.getOptions())));
      }
    }
    return elements;
  }

  /**
   * protoc's check, as it resolves features, that an element's own features set no enum feature to
   * its unknown value; it reports the first such feature of each element.
   */
  boolean knownFeatureValues() {
    if (!editions) {
      return true;
    }
    boolean ok = true;
    for (Element e : elements()) {
      FieldDescriptor features = e.options().getDescriptorForType().findFieldByName("features");
      if (features == null || !e.options().hasField(features)) {
        continue;
      }
      FeatureSet own = (FeatureSet) e.options().getField(features);
      String unknown = null;
      if (own.hasFieldPresence() && own.getFieldPresence().getNumber() == 0) {
        unknown = "field_presence` must resolve to a known value, found FIELD_PRESENCE_UNKNOWN";
      } else if (own.hasEnumType() && own.getEnumType().getNumber() == 0) {
        unknown = "enum_type` must resolve to a known value, found ENUM_TYPE_UNKNOWN";
      } else if (own.hasRepeatedFieldEncoding()
          && own.getRepeatedFieldEncoding().getNumber() == 0) {
        unknown =
            "repeated_field_encoding` must resolve to a known value, found"
                + " REPEATED_FIELD_ENCODING_UNKNOWN";
      } else if (own.hasUtf8Validation() && own.getUtf8Validation().getNumber() == 0) {
        unknown = "utf8_validation` must resolve to a known value, found UTF8_VALIDATION_UNKNOWN";
      } else if (own.hasMessageEncoding() && own.getMessageEncoding().getNumber() == 0) {
        unknown = "message_encoding` must resolve to a known value, found MESSAGE_ENCODING_UNKNOWN";
      } else if (own.hasJsonFormat() && own.getJsonFormat().getNumber() == 0) {
        unknown = "json_format` must resolve to a known value, found JSON_FORMAT_UNKNOWN";
      } else if (own.hasEnforceNamingStyle() && own.getEnforceNamingStyle().getNumber() == 0) {
        unknown =
            "enforce_naming_style` must resolve to a known value, found"
                + " ENFORCE_NAMING_STYLE_UNKNOWN";
      } else if (own.hasDefaultSymbolVisibility()
          && own.getDefaultSymbolVisibility().getNumber() == 0) {
        unknown =
            "default_symbol_visibility` must resolve to a known value, found"
                + " VisibilityFeature::DEFAULT_SYMBOL_VISIBILITY_UNKNOWN";
      }
      if (unknown != null) {
        v.report(e.builder(), e.builder() == file ? "syntax" : "name", "Feature field `" + unknown);
        ok = false;
      }
    }
    return ok;
  }

  void run() {
    List<Element> elements = elements();
    // protoc's command line checks the targets of every option once everything compiled
    for (Element e : elements) {
      targets(e, e.options());
    }
    if (!editions) {
      for (Element e : elements) {
        FieldDescriptor features = e.options().getDescriptorForType().findFieldByName("features");
        if (features != null && e.options().hasField(features)) {
          v.report(e.builder(), "name", "Features are only valid under editions.");
        }
        packed(e);
      }
      return;
    }
    // options (not features) outside their edition window stop validation
    for (Element e : elements) {
      for (Map.Entry<FieldDescriptor, Object> f : e.options().getAllFields().entrySet()) {
        if (!f.getKey().getName().equals("features")) {
          support(e, f.getKey());
        }
      }
    }
    if (v.hadErrors()) {
      return;
    }
    for (Element e : elements) {
      FieldDescriptor features = e.options().getDescriptorForType().findFieldByName("features");
      if (features != null && e.options().hasField(features)) {
        features(e, (Message) e.options().getField(features), false);
      }
    }
    if (v.hadErrors()) {
      return;
    }
    for (Element e : elements) {
      if (e.builder() instanceof FieldDescriptorProto.Builder f) {
        field(e, f);
        packed(e);
      }
    }
    if (!v.hadErrors()) {
      for (Element e : elements) {
        namingStyle(e);
      }
    }
  }

  private static final String STYLE_OPT_OUT =
      " (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)";
  private static final String COLLISION_OPT_OUT =
      " (features.enforce_naming_style = STYLE2024 can be used to opt out of this check)";

  /** 0 for legacy, 1 for STYLE2024, 2 for STYLE2026. */
  private int style(Element e) {
    FeatureSet.EnforceNamingStyle s;
    if (e.resolved().hasEnforceNamingStyle()) {
      s = e.resolved().getEnforceNamingStyle();
    } else if (edition >= Edition.EDITION_2026_VALUE) {
      s = FeatureSet.EnforceNamingStyle.STYLE2026;
    } else if (edition >= Edition.EDITION_2024_VALUE) {
      s = FeatureSet.EnforceNamingStyle.STYLE2024;
    } else {
      s = FeatureSet.EnforceNamingStyle.STYLE_LEGACY;
    }
    return switch (s) {
      case STYLE2024 -> 1;
      case STYLE2026 -> 2;
      default -> 0;
    };
  }

  private void namingStyle(Element e) {
    int style = style(e);
    if (style < 1) {
      return;
    }
    Object b = e.builder();
    if (b instanceof FileDescriptorProto.Builder f) {
      if (!f.getPackage().isEmpty()) {
        String problem = lowerSnake(f.getPackage(), true);
        if (problem != null) {
          v.report(f, "name", "Package name " + f.getPackage() + " " + problem + STYLE_OPT_OUT);
        }
      }
    } else if (b instanceof DescriptorProto.Builder m) {
      title(m, "Message", m.getName());
    } else if (b instanceof EnumDescriptorProto.Builder en) {
      title(en, "Enum", en.getName());
    } else if (b
        instanceof com.google.protobuf.DescriptorProtos.ServiceDescriptorProto.Builder sv) {
      title(sv, "Service", sv.getName());
    } else if (b instanceof com.google.protobuf.DescriptorProtos.MethodDescriptorProto.Builder mt) {
      title(mt, "Method", mt.getName());
    } else if (b instanceof EnumValueDescriptorProto.Builder ev) {
      String problem = upperSnake(ev.getName());
      if (problem != null) {
        v.report(ev, "name", "Enum value name " + ev.getName() + " " + problem + STYLE_OPT_OUT);
      }
    } else if (b instanceof FieldDescriptorProto.Builder fd) {
      snake(fd, "Field", fd.getName(), style, e);
    } else if (b instanceof com.google.protobuf.DescriptorProtos.OneofDescriptorProto.Builder od) {
      snake(od, "Oneof", od.getName(), style, e);
    }
  }

  private void title(Object element, String what, String name) {
    String problem = null;
    if (name.isEmpty()) {
      problem = "is empty";
    } else if (!name.chars()
        .allMatch(
            c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      problem = "should be TitleCase";
    } else if (!(name.charAt(0) >= 'A' && name.charAt(0) <= 'Z')) {
      problem = "should begin with a capital letter";
    }
    if (problem != null) {
      v.report(element, "name", what + " name " + name + " " + problem + STYLE_OPT_OUT);
    }
  }

  private void snake(Object element, String what, String name, int style, Element e) {
    String problem = lowerSnake(name, false);
    if (problem != null) {
      v.report(element, "name", what + " name " + name + " " + problem + STYLE_OPT_OUT);
    }
    if (style >= 2) {
      String collision = collision(name, e);
      if (collision != null) {
        v.report(element, "name", what + " name " + name + " " + collision + COLLISION_OPT_OUT);
      }
    }
  }

  private String collision(String name, Element e) {
    DescriptorProto.Builder owner = owners.get(e.builder());
    if (owner != null) {
      for (String prefix : new String[] {"has_", "get_", "set_", "clear_"}) {
        if (name.startsWith(prefix) && hasMember(owner, name.substring(prefix.length()))) {
          return "should not begin with "
              + prefix
              + " if a field named "
              + name.substring(prefix.length())
              + " exists. This can cause collisions in generated code.";
        }
      }
      if (name.endsWith("_value")
          && hasMember(owner, name.substring(0, name.length() - "_value".length()))) {
        return "should not end with _value if a field named "
            + name.substring(0, name.length() - "_value".length())
            + " exists. This can cause collisions in generated code.";
      }
    }
    if (name.equals("descriptor")) {
      return "should not be named descriptor. This can cause collisions in generated code.";
    }
    return null;
  }

  private static boolean hasMember(DescriptorProto.Builder m, String name) {
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      if (f.getName().equals(name)) {
        return true;
      }
    }
    for (var o : m.getOneofDeclBuilderList()) {
      if (o.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String lowerSnake(String name, boolean dots) {
    if (name.isEmpty()) {
      return "is empty";
    }
    for (char c : name.toCharArray()) {
      if (!((c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || (dots && c == '.')
          || (!dots && c == '.'))) {
        return "should be lower_snake_case";
      }
    }
    if (!(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
      return "should begin with a lower case letter";
    }
    return badUnderscores(name) ? "contains style violating underscores" : null;
  }

  private static String upperSnake(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    for (char c : name.toCharArray()) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return "should be UPPER_SNAKE_CASE";
      }
    }
    if (!(name.charAt(0) >= 'A' && name.charAt(0) <= 'Z')) {
      return "should begin with an upper case letter";
    }
    return badUnderscores(name) ? "contains style violating underscores" : null;
  }

  private static boolean badUnderscores(String name) {
    if (name.startsWith("_") || name.endsWith("_")) {
      return true;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (name.charAt(i - 1) == '_' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return true;
      }
    }
    return false;
  }

  private void visitMessage(
      String prefix, DescriptorProto.Builder m, List<Element> out, FeatureSet parent) {
    String full = prefix + m.getName();
    FeatureSet mf = merge(parent, m.getOptions());
    out.add(new Element(m, m.getOptions(), OptionTargetType.TARGET_TYPE_MESSAGE, full, mf));
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      visitEnum(full + ".", e, out, mf);
    }
    for (var o : m.getOneofDeclBuilderList()) {
      owners.put(o, m);
      out.add(
          new Element(
              o,
              o.getOptions(),
              OptionTargetType.TARGET_TYPE_ONEOF,
              full + "." + o.getName(),
              merge(mf, o.getOptions())));
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      owners.put(f, m);
      if (m.getOptions().getMapEntry()) {
        mapEntryFields.put(f, Boolean.TRUE);
      }
      if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED
          && f.getTypeName().startsWith(".")) {
        for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
          if (n.getOptions().getMapEntry()
              && f.getTypeName().equals("." + full + "." + n.getName())) {
            mapFields.put(f, Boolean.TRUE);
            for (FieldDescriptorProto.Builder kv : n.getFieldBuilderList()) {
              if (kv.getType() == FieldDescriptorProto.Type.TYPE_STRING) {
                stringMapFields.put(f, Boolean.TRUE);
              }
            }
          }
        }
      }
      FeatureSet base =
          f.hasOneofIndex() && f.getOneofIndex() < m.getOneofDeclCount()
              ? merge(mf, m.getOneofDecl(f.getOneofIndex()).getOptions())
              : mf;
      out.add(
          new Element(
              f,
              f.getOptions(),
              OptionTargetType.TARGET_TYPE_FIELD,
              full + "." + f.getName(),
              merge(base, f.getOptions())));
    }
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      visitMessage(full + ".", n, out, mf);
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      out.add(
          new Element(
              x,
              x.getOptions(),
              OptionTargetType.TARGET_TYPE_FIELD,
              full + "." + x.getName(),
              merge(mf, x.getOptions())));
    }
    for (var r : m.getExtensionRangeBuilderList()) {
      out.add(
          new Element(
              r,
              r.getOptions(),
              OptionTargetType.TARGET_TYPE_EXTENSION_RANGE,
              full,
              merge(mf, r.getOptions())));
    }
  }

  private void visitEnum(
      String prefix, EnumDescriptorProto.Builder e, List<Element> out, FeatureSet parent) {
    FeatureSet ef = merge(parent, e.getOptions());
    enumFeatures.put("." + prefix + e.getName(), ef);
    out.add(
        new Element(
            e, e.getOptions(), OptionTargetType.TARGET_TYPE_ENUM, prefix + e.getName(), ef));
    for (EnumValueDescriptorProto.Builder val : e.getValueBuilderList()) {
      out.add(
          new Element(
              val,
              val.getOptions(),
              OptionTargetType.TARGET_TYPE_ENUM_ENTRY,
              prefix + val.getName(),
              merge(ef, val.getOptions())));
    }
  }

  private boolean closedEnum(String typeName) {
    FeatureSet f = enumFeatures.get(typeName);
    if (f != null) {
      return f.getEnumType() == FeatureSet.EnumType.CLOSED;
    }
    com.google.protobuf.Descriptors.EnumDescriptor ed = enumLookup.apply(typeName.substring(1));
    return ed != null && ed.isClosed();
  }

  private static String editionName(Edition e) {
    return e.name().startsWith("EDITION_") ? e.name().substring("EDITION_".length()) : e.name();
  }

  private FieldOptions optionsOf(FieldDescriptor f) {
    // a field of this file was first built without its options: take them from the file as
    // protobuf-java built it with them
    com.google.protobuf.Descriptors.FileDescriptor built = v.built();
    if (built == null || !f.getFile().getName().equals(file.getName()) || f.getFile() == built) {
      return f.getOptions();
    }
    FieldDescriptor same = null;
    if (f.isExtension()) {
      same = findExtension(built.getExtensions(), built.getMessageTypes(), f.getFullName());
    } else {
      com.google.protobuf.Descriptors.Descriptor m =
          findMessage(built.getMessageTypes(), f.getContainingType().getFullName());
      same = m == null ? null : m.findFieldByNumber(f.getNumber());
    }
    return same == null ? f.getOptions() : same.getOptions();
  }

  private static com.google.protobuf.Descriptors.Descriptor findMessage(
      List<com.google.protobuf.Descriptors.Descriptor> messages, String fullName) {
    for (com.google.protobuf.Descriptors.Descriptor m : messages) {
      if (m.getFullName().equals(fullName)) {
        return m;
      }
      com.google.protobuf.Descriptors.Descriptor n = findMessage(m.getNestedTypes(), fullName);
      if (n != null) {
        return n;
      }
    }
    return null;
  }

  private void support(Element e, FieldDescriptor f) {
    FieldOptions o = optionsOf(f);
    if (!o.hasFeatureSupport()) {
      return;
    }
    FieldOptions.FeatureSupport fs = o.getFeatureSupport();
    String current = editionName(file.getEdition());
    if (fs.hasEditionIntroduced() && edition < fs.getEditionIntroduced().getNumber()) {
      v.report(
          e.builder(),
          "name",
          f.getFullName()
              + " wasn't introduced until edition "
              + editionName(fs.getEditionIntroduced())
              + " and can't be used in edition "
              + current);
    }
    if (fs.hasEditionDeprecated() && edition >= fs.getEditionDeprecated().getNumber()) {
      v.warn(
          e.builder(),
          f.getFullName()
              + " has been deprecated in edition "
              + editionName(fs.getEditionDeprecated())
              + ": "
              + fs.getDeprecationWarning());
    }
    if (fs.hasEditionRemoved() && edition >= fs.getEditionRemoved().getNumber()) {
      v.report(
          e.builder(),
          "name",
          f.getFullName()
              + " has been removed in edition "
              + editionName(fs.getEditionRemoved())
              + (fs.getRemovalError().isEmpty() ? "" : ": " + fs.getRemovalError()));
    }
  }

  private void features(Element e, Message features, boolean targetsPass) {
    for (Map.Entry<FieldDescriptor, Object> en : features.getAllFields().entrySet()) {
      FieldDescriptor f = en.getKey();
      if (f.isExtension()
          && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && !f.isRepeated()) {
        features(e, (Message) en.getValue(), targetsPass);
        continue;
      }
      support(e, f);
    }
  }

  /** protoc's check that every option set, at any depth, may be set on this kind of element. */
  private void targets(Element e, Message options) {
    for (Map.Entry<FieldDescriptor, Object> en : options.getAllFields().entrySet()) {
      FieldDescriptor f = en.getKey();
      List<OptionTargetType> targets = optionsOf(f).getTargetsList();
      if (!targets.isEmpty() && !targets.contains(e.target())) {
        v.targetError(
            "Option "
                + f.getFullName()
                + " cannot be set on an entity of type `"
                + entityName(e.target())
                + "`.");
      }
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (f.isRepeated()) {
          for (Object o : (List<?>) en.getValue()) {
            targets(e, (Message) o);
          }
        } else {
          targets(e, (Message) en.getValue());
        }
      }
    }
  }

  private static String entityName(OptionTargetType t) {
    return switch (t) {
      case TARGET_TYPE_FILE -> "file";
      case TARGET_TYPE_EXTENSION_RANGE -> "extension range";
      case TARGET_TYPE_MESSAGE -> "message";
      case TARGET_TYPE_FIELD -> "field";
      case TARGET_TYPE_ONEOF -> "oneof";
      case TARGET_TYPE_ENUM -> "enum";
      case TARGET_TYPE_ENUM_ENTRY -> "enum entry";
      case TARGET_TYPE_SERVICE -> "service";
      case TARGET_TYPE_METHOD -> "method";
      default -> "unknown";
    };
  }

  private void field(Element e, FieldDescriptorProto.Builder f) {
    FieldOptions o = f.getOptions();
    FeatureSet pf = o.getFeatures();
    if (o.hasPacked()) {
      v.report(
          f,
          "name",
          "Field option packed is not allowed under editions.  Use the repeated_field_encoding feature to control this behavior.");
    }
    boolean repeated = f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED;
    boolean extension = f.hasExtendee();
    boolean isMessage =
        f.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE
            || f.getType() == FieldDescriptorProto.Type.TYPE_GROUP;
    boolean presence =
        isMessage
            || extension
            || f.hasOneofIndex()
            || e.resolved().getFieldPresence() != FeatureSet.FieldPresence.IMPLICIT;
    if (!repeated && !presence) {
      if (f.hasDefaultValue()) {
        v.report(f, "name", "Implicit presence fields can't specify defaults.");
      }
      if (f.getType() == FieldDescriptorProto.Type.TYPE_ENUM && closedEnum(f.getTypeName())) {
        v.report(f, "name", "Implicit presence enum fields must always be open.");
      }
    }
    if (extension && e.resolved().getFieldPresence() == FeatureSet.FieldPresence.LEGACY_REQUIRED) {
      v.report(f, "name", "Extensions can't be required.");
    }
    if (mapEntryFields.containsKey(f)) {
      return;
    }
    if (pf.hasFieldPresence()) {
      if (f.hasOneofIndex()) {
        v.report(f, "name", "Oneof fields can't specify field presence.");
      } else if (repeated) {
        v.report(f, "name", "Repeated fields can't specify field presence.");
      } else if (extension && pf.getFieldPresence() != FeatureSet.FieldPresence.LEGACY_REQUIRED) {
        v.report(f, "name", "Extensions can't specify field presence.");
      } else if ((f.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE
              || f.getType() == FieldDescriptorProto.Type.TYPE_GROUP)
          && pf.getFieldPresence() == FeatureSet.FieldPresence.IMPLICIT) {
        v.report(f, "name", "Message fields can't specify implicit presence.");
      }
    }
    if (!repeated && pf.hasRepeatedFieldEncoding()) {
      v.report(f, "name", "Only repeated fields can specify repeated field encoding.");
    }
    boolean map = mapFields.containsKey(f);
    if (f.getType() != FieldDescriptorProto.Type.TYPE_STRING
        && !stringMapFields.containsKey(f)
        && pf.hasUtf8Validation()) {
      v.report(f, "name", "Only string fields can specify utf8 validation.");
    }
    if (!packable(f) && pf.getRepeatedFieldEncoding() == FeatureSet.RepeatedFieldEncoding.PACKED) {
      v.report(
          f, "name", "Only repeated primitive fields can specify PACKED repeated field encoding.");
    }
    boolean message =
        f.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE
            || f.getType() == FieldDescriptorProto.Type.TYPE_GROUP;
    if ((!message || map) && pf.hasMessageEncoding()) {
      v.report(f, "name", "Only message fields can specify message encoding.");
    }
  }

  /** Whether the extension of this file named {@code fullName} is lite and its extendee not. */
  private boolean liteExtendingNonLite(String fullName) {
    if (file.getOptions().getOptimizeFor() != FileOptions.OptimizeMode.LITE_RUNTIME
        || v.built() == null) {
      return false;
    }
    FieldDescriptor x =
        findExtension(v.built().getExtensions(), v.built().getMessageTypes(), fullName);
    return x != null
        && x.getContainingType().getFile().getOptions().getOptimizeFor()
            != FileOptions.OptimizeMode.LITE_RUNTIME;
  }

  private static FieldDescriptor findExtension(
      List<FieldDescriptor> extensions,
      List<com.google.protobuf.Descriptors.Descriptor> messages,
      String fullName) {
    for (FieldDescriptor x : extensions) {
      if (x.getFullName().equals(fullName)) {
        return x;
      }
    }
    for (com.google.protobuf.Descriptors.Descriptor m : messages) {
      FieldDescriptor x = findExtension(m.getExtensions(), m.getNestedTypes(), fullName);
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  /**
   * protoc's check that a field typed with a map entry is the map field the entry was made for:
   * repeated, named after it, and beside it.
   */
  private void syntheticMapEntry(Element e, FieldDescriptorProto.Builder f) {
    if (f.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE || !f.getTypeName().startsWith(".")) {
      return;
    }
    String entryName = f.getTypeName().substring(1);
    var entry = v.message(entryName);
    if (entry == null || !entry.getOptions().getMapEntry()) {
      return;
    }
    String fieldScope = e.fullName().substring(0, Math.max(0, e.fullName().lastIndexOf('.')));
    int dot = entryName.lastIndexOf('.');
    String entryScope = dot < 0 ? "" : entryName.substring(0, dot);
    if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED
        && entry.getName().equals(Parser.mapEntryName(f.getName()))
        && fieldScope.equals(entryScope)) {
      return;
    }
    String message =
        entryName
            + " is a synthetic MapEntry message type, which is not allowed to be used as a field type.";
    // protoc looks the entry's name up from the scope around the entry's message, and names
    // another type found there
    String scope = entryScope;
    while (!scope.isEmpty()) {
      int d = scope.lastIndexOf('.');
      scope = d < 0 ? "" : scope.substring(0, d);
      String candidate = scope.isEmpty() ? entry.getName() : scope + "." + entry.getName();
      var other = v.message(candidate);
      if (other != null) {
        if (!candidate.equals(entryName)) {
          message += " Maybe you meant \"." + candidate + "\"?";
        }
        break;
      }
    }
    v.report(f, "type", message);
  }

  /** protoc's check of jstype: only 64-bit integer fields may have one. */
  private void jsType(FieldDescriptorProto.Builder f) {
    FieldOptions.JSType js = f.getOptions().getJstype();
    if (js == FieldOptions.JSType.JS_NORMAL) {
      return;
    }
    switch (f.getType()) {
      case TYPE_INT64, TYPE_UINT64, TYPE_SINT64, TYPE_FIXED64, TYPE_SFIXED64 -> {
        // JS_STRING and JS_NUMBER, the only other values, are allowed
      }
      default ->
          v.report(
              f,
              "type",
              "jstype is only allowed on int64, uint64, sint64, fixed64 or sfixed64 fields.");
    }
  }

  private static boolean packable(FieldDescriptorProto.Builder f) {
    if (f.getLabel() != FieldDescriptorProto.Label.LABEL_REPEATED) {
      return false;
    }
    return switch (f.getType()) {
      case TYPE_STRING, TYPE_BYTES, TYPE_MESSAGE, TYPE_GROUP -> false;
      default -> true;
    };
  }

  private void packed(Element e) {
    if (!(e.builder() instanceof FieldDescriptorProto.Builder f)) {
      return;
    }
    if (edition >= Edition.EDITION_2024_VALUE && f.getOptions().hasCtype()) {
      v.report(
          f,
          "type",
          "ctype option is not allowed under edition 2024 and beyond. Use the feature string_type = VIEW|CORD|STRING|... instead.");
    }
    if (f.getOptions().getLazy() || f.getOptions().getUnverifiedLazy()) {
      // a delimited message field is a group to protoc here
      boolean delimited =
          e.resolved() != null
              && e.resolved().getMessageEncoding() == FeatureSet.MessageEncoding.DELIMITED
              && !mapFields.containsKey(f);
      if (f.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE || delimited) {
        v.report(f, "type", "[lazy = true] can only be specified for submessage fields.");
      }
      if (f.getOptions().getUnverifiedLazy() && f.hasExtendee()) {
        v.report(f, "type", "Extensions cannot be marked as unverified_lazy.");
      }
    }
    if (f.getOptions().getPacked() && !packable(f)) {
      v.report(f, "type", "[packed = true] can only be specified for repeated primitive fields.");
    }
    if (f.hasExtendee()) {
      var target = v.message(f.getExtendee().substring(1));
      if (target != null
          && target.getOptions().getMessageSetWireFormat()
          && (f.getLabel() != FieldDescriptorProto.Label.LABEL_OPTIONAL
              || f.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE)) {
        v.report(f, "type", "Extensions of MessageSets must be optional messages.");
      }
    } else {
      DescriptorProto.Builder owner = owners.get(f);
      if (owner != null && owner.getOptions().getMessageSetWireFormat()) {
        v.report(f, "name", "MessageSets cannot have fields, only extensions.");
      }
    }
    if (f.hasExtendee() && liteExtendingNonLite(e.fullName())) {
      v.report(
          f,
          "extendee",
          "Extensions to non-lite types can only be declared in non-lite files.  Note that you cannot extend a non-lite type to contain a lite type, but the reverse is allowed.");
    }
    syntheticMapEntry(e, f);
    jsType(f);
    if (f.getJsonName().indexOf('\0') >= 0) {
      v.report(f, "json_name", "json_name cannot have embedded null characters.");
    }
  }
}
