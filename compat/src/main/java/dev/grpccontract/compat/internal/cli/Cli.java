package dev.grpccontract.compat.internal.cli;

import dev.grpccontract.compat.Finding;
import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
import dev.grpccontract.compiler.Diagnostic;
import dev.grpccontract.compiler.ProtoCompilationException;
import dev.grpccontract.compiler.ProtoCompiler;
import dev.grpccontract.proto.ProtoSchema;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code grpc-contract} command with its {@code compat} subcommand. */
@Command(
    name = "grpc-contract",
    mixinStandardHelpOptions = true,
    description = "gRPC contract tools.",
    subcommands = {Cli.Compat.class})
public final class Cli implements Callable<Integer> {
  static final int OK = 0;
  static final int INPUT_ERROR = 1;
  static final int BREAKING = 100;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = new CommandLine(new Cli());
    line.setOut(out);
    line.setErr(err);
    line.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter w = e.getCommandLine().getErr();
          w.println("grpc-contract: " + e.getMessage());
          e.getCommandLine().usage(w);
          return INPUT_ERROR;
        });
    line.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("grpc-contract: " + e);
          return INPUT_ERROR;
        });
    line.setCaseInsensitiveEnumValuesAllowed(true);
    return line.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return INPUT_ERROR;
  }

  /** {@code grpc-contract compat}. */
  @Command(
      name = "compat",
      mixinStandardHelpOptions = true,
      description = {
        "Reports the breaking changes from a baseline schema to the current one, with buf's rule"
            + " ids.",
        "Exit codes: 0 nothing breaks, 100 breaking changes found, 1 usage or input error."
      })
  static final class Compat implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "FILE",
        description = "The current schema: .proto files, or descriptor sets (any other name).")
    List<Path> files = new ArrayList<>();

    @Option(
        names = "--against",
        required = true,
        paramLabel = "FILE",
        description =
            "The baseline: a descriptor set (protoc --include_imports) or a .proto file;"
                + " repeat for more files.")
    List<Path> against = new ArrayList<>();

    @Option(
        names = {"-I", "--proto_path"},
        paramLabel = "DIR",
        description = "Import path for the current .proto files (repeatable).")
    List<Path> importPaths = new ArrayList<>();

    @Option(
        names = "--against-proto_path",
        paramLabel = "DIR",
        description = "Import path for the baseline's .proto files (default: the -I paths).")
    List<Path> againstImportPaths = new ArrayList<>();

    @Option(
        names = "--profile",
        paramLabel = "PROFILE",
        description = "WIRE_JSON (default), WIRE, FILE, PACKAGE or GRPC_CLIENTS.")
    Profile profile = Profile.WIRE_JSON;

    @Option(
        names = "--ignore",
        paramLabel = "RULE",
        split = ",",
        description = "Rule ids to leave out (repeatable or comma-separated).")
    List<String> ignoredRules = new ArrayList<>();

    @Option(
        names = "--ignore-element",
        paramLabel = "NAME",
        split = ",",
        description = "Full names, files or directories whose findings are left out.")
    List<String> ignoredElements = new ArrayList<>();

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "text (default), json (one object per line) or junit (JUnit XML).")
    Format format = Format.text;

    enum Format {
      text,
      json,
      junit
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      SchemaCompatibility check;
      try {
        check =
            SchemaCompatibility.withProfile(profile)
                .ignoringRules(ignoredRules.toArray(new String[0]))
                .ignoringElements(ignoredElements.toArray(new String[0]));
      } catch (IllegalArgumentException e) {
        err.println("grpc-contract compat: " + e.getMessage());
        return INPUT_ERROR;
      }
      ProtoSchema before;
      ProtoSchema after;
      try {
        before =
            load(
                against,
                againstImportPaths.isEmpty() ? importPaths : againstImportPaths,
                "baseline");
        after = load(files, importPaths, "current schema");
      } catch (InputException e) {
        err.println("grpc-contract compat: " + e.getMessage());
        return INPUT_ERROR;
      }
      List<Finding> findings = check.findings(before, after);
      Formats.write(format.name(), findings, out);
      out.flush();
      return SchemaCompatibility.anyBreaking(findings) ? BREAKING : OK;
    }

    private static ProtoSchema load(List<Path> inputs, List<Path> importPaths, String role) {
      List<Path> protos = new ArrayList<>();
      ProtoSchema schema = null;
      for (Path input : inputs) {
        if (!Files.isRegularFile(input)) {
          throw new InputException("the " + role + " file " + input + " does not exist");
        }
        if (input.getFileName().toString().endsWith(".proto")) {
          protos.add(input);
        } else {
          try {
            ProtoSchema set = ProtoSchema.fromDescriptorSet(input);
            schema = schema == null ? set : schema.plus(set);
          } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InputException("the " + role + " " + e.getMessage());
          }
        }
      }
      if (!protos.isEmpty()) {
        ProtoSchema compiled = compile(protos, importPaths, role);
        schema = schema == null ? compiled : schema.plus(compiled);
      }
      return schema;
    }

    private static ProtoSchema compile(List<Path> protos, List<Path> importPaths, String role) {
      ProtoCompiler.Builder compiler = ProtoCompiler.builder().includeSourceInfo(true);
      List<Path> roots = new ArrayList<>();
      for (Path p : importPaths) {
        roots.add(p.toAbsolutePath().normalize());
      }
      List<String> names = new ArrayList<>();
      for (Path proto : protos) {
        Path abs = proto.toAbsolutePath().normalize();
        Path root = null;
        for (Path r : roots) {
          if (abs.startsWith(r)) {
            root = r;
            break;
          }
        }
        if (root == null) {
          root = abs.getParent();
          roots.add(root);
        }
        names.add(root.relativize(abs).toString().replace('\\', '/'));
      }
      roots.forEach(compiler::addImportPath);
      try {
        return ProtoSchema.fromCompilation(compiler.build().compile(names), role + " " + names);
      } catch (ProtoCompilationException e) {
        StringBuilder text = new StringBuilder("the " + role + " does not compile:");
        for (Diagnostic d : e.diagnostics()) {
          text.append(System.lineSeparator()).append("  ").append(d);
        }
        throw new InputException(text.toString());
      }
    }
  }

  /** A mistake in the command's input, reported with exit code 1. */
  static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message);
    }
  }
}
