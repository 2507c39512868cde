package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import dev.grpccontract.compiler.internal.Tokenizer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the source code info of one file while it is parsed, in protoc's order: a location is
 * listed when the parser starts reading its element, and its span ends at the last token read
 * before the element is finished. Comments are attached when the parser steps over the end of a
 * declaration: a semicolon, or an opening or closing brace.
 *
 * <p>Option statements are recorded under their uninterpreted path ({@code ..., 999, index}); once
 * the options are interpreted, {@link #build} moves them to the path of the option they set and
 * drops those removed for source retention, as protoc does before writing a descriptor set.
 */
final class SourceInfoRecorder {

  /** One location being recorded. */
  static final class Location {
    private int[] path;
    private int startLine;
    private int startColumn;
    private int endLine = -1;
    private int endColumn = -1;
    private String leading = "";
    private String trailing = "";
    private List<String> detached = List.of();
    private final List<Location> sink;

    /** The option statement this location stands for, when it is one. */
    private OptionEntry option;

    private Location(int[] path, Token start, List<Location> sink) {
      this.path = path;
      this.startLine = start.line();
      this.startColumn = start.column();
      this.sink = sink;
    }

    /** A copy of {@code other} whose path has {@code value} at {@code index}. */
    private Location(Location other, int index, int value) {
      this.path = other.path.clone();
      this.path[index] = value;
      this.startLine = other.startLine;
      this.startColumn = other.startColumn;
      this.endLine = other.endLine;
      this.endColumn = other.endColumn;
      this.leading = other.leading;
      this.trailing = other.trailing;
      this.detached = other.detached;
      this.option = other.option;
      this.sink = other.sink;
    }

    int pathLength() {
      return path.length;
    }
  }

  /** The token protoc reports as "previous" before anything was read. */
  private static final Token START = new Token(Tokenizer.Kind.START, "", 0, 0, 0, 0);

  private final String text;
  private final List<Token> tokens;
  private final List<Location> locations = new ArrayList<>();

  /** The comments read before the next declaration, which it gets when it ends. */
  private String upcomingLeading;

  private List<String> upcomingDetached;

  /** Starts recording for the tokens of {@code text}, reading the comments before the first. */
  SourceInfoRecorder(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
    CommentScanner.Comments first = CommentScanner.between(text, null, tokens.get(0));
    upcomingLeading = first.leading();
    upcomingDetached = new ArrayList<>(first.detached());
  }

  private Location add(Location l) {
    l.sink.add(l);
    return l;
  }

  /** The file's own location, starting at {@code at}. */
  Location root(Token at) {
    return add(new Location(new int[0], at, locations));
  }

  Location open(Location parent, Token at) {
    return add(new Location(parent.path.clone(), at, parent.sink));
  }

  Location open(Location parent, Token at, int a) {
    int[] p = Arrays.copyOf(parent.path, parent.path.length + 1);
    p[p.length - 1] = a;
    return add(new Location(p, at, parent.sink));
  }

  Location open(Location parent, Token at, int a, int b) {
    int[] p = Arrays.copyOf(parent.path, parent.path.length + 2);
    p[p.length - 2] = a;
    p[p.length - 1] = b;
    return add(new Location(p, at, parent.sink));
  }

  /**
   * Starts a location whose children go to a separate list (protoc's extension range options, which
   * are parsed once and then copied to every range of the statement).
   */
  Location openDetached(Location parent, Token at, int a, List<Location> sink) {
    int[] p = Arrays.copyOf(parent.path, parent.path.length + 1);
    p[p.length - 1] = a;
    Location l = new Location(p, at, sink);
    sink.add(l);
    return l;
  }

  /**
   * Copies the locations parsed into {@code sink} once per range index, replacing the path element
   * at {@code index}; the location of the index itself is left out.
   */
  void copyForEach(List<Location> sink, int index, int fromRange, int toRange) {
    for (int range = fromRange; range < toRange; range++) {
      for (Location l : sink) {
        if (l.path.length == index + 1) {
          continue;
        }
        locations.add(new Location(l, index, range));
      }
    }
  }

  static void addPath(Location l, int element) {
    int[] p = Arrays.copyOf(l.path, l.path.length + 1);
    p[p.length - 1] = element;
    l.path = p;
  }

  static void startAt(Location l, Token t) {
    l.startLine = t.line();
    l.startColumn = t.column();
  }

  static void startAt(Location l, Location other) {
    l.startLine = other.startLine;
    l.startColumn = other.startColumn;
  }

  static void endAt(Location l, Token t) {
    l.endLine = t.line();
    l.endColumn = t.endColumn();
  }

  static void markOption(Location l, OptionEntry option) {
    l.option = option;
  }

  /** Ends a location at the token before {@code p}, unless it was ended explicitly. */
  void close(Location l, int p) {
    if (l.endColumn < 0) {
      endAt(l, p > 0 ? tokens.get(p - 1) : START);
    }
  }

  /**
   * The parser stepped over the end of a declaration, {@code text}, and is now at token {@code p}.
   * The comments before the declaration and after its end go to {@code owner} (when not null);
   * those before the next token are kept for the next declaration.
   */
  void endOfDeclaration(String text, Location owner, int p) {
    CommentScanner.Comments c = CommentScanner.between(this.text, tokens.get(p - 1), tokens.get(p));
    String leading = upcomingLeading;
    upcomingLeading = c.leading();
    if (owner != null) {
      List<String> detachedBefore = upcomingDetached;
      upcomingDetached = new ArrayList<>(c.detached());
      owner.leading = leading;
      owner.trailing = c.trailing();
      owner.detached = detachedBefore;
    } else if (text.equals("}")) {
      upcomingDetached = new ArrayList<>(c.detached());
    } else {
      upcomingDetached.addAll(c.detached());
    }
  }

  /**
   * The finished source code info: option statements moved to the interpreted option's path (their
   * name and value parts are not kept, as in protoc), then every location under a path stripped for
   * source retention left out.
   */
  SourceCodeInfo build(List<int[]> strippedPaths) {
    SourceCodeInfo.Builder info = SourceCodeInfo.newBuilder();
    for (Location l : locations) {
      int[] path = l.path;
      if (l.option != null && l.option.interpretedPath != null) {
        int[] suffix = l.option.interpretedPath;
        // the uninterpreted path ends with 999 and the option's index
        int base = path.length - 2;
        int[] moved = Arrays.copyOf(path, base + suffix.length);
        System.arraycopy(suffix, 0, moved, base, suffix.length);
        path = moved;
      }
      if (isStripped(path, strippedPaths)) {
        continue;
      }
      SourceCodeInfo.Location.Builder b = info.addLocationBuilder();
      for (int e : path) {
        b.addPath(e);
      }
      b.addSpan(l.startLine).addSpan(l.startColumn);
      if (l.endLine != l.startLine) {
        b.addSpan(l.endLine);
      }
      b.addSpan(l.endColumn);
      if (!l.leading.isEmpty()) {
        b.setLeadingComments(l.leading);
      }
      if (!l.trailing.isEmpty()) {
        b.setTrailingComments(l.trailing);
      }
      b.addAllLeadingDetachedComments(l.detached);
    }
    return info.build();
  }

  private static boolean isStripped(int[] path, List<int[]> strippedPaths) {
    for (int[] s : strippedPaths) {
      if (s.length <= path.length && Arrays.equals(s, 0, s.length, path, 0, s.length)) {
        return true;
      }
    }
    return false;
  }
}
