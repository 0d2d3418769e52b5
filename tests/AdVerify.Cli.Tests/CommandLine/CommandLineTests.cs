using System.CommandLine;
using AdVerify.Cli.CommandLine;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.CommandLine;

/// <summary>The conventions of the command line on System.CommandLine: syntax, help, response files, suggestions, messages and exit codes.</summary>
public class CommandLineTests
{
    private static void AssertBadInput(CliRunner.Result r, string message)
    {
        Assert.That(r.ExitCode, Is.EqualTo(CliApp.BadInput), r.Out);
        Assert.That(r.Err.TrimEnd(), Is.EqualTo("adverify: " + message));
    }

    private static string TempFile(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adverify-cl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static IEnumerable<string> VerbNames() => CliApp.Verbs().Select(v => v.Name);

    [TestCaseSource(nameof(VerbNames))]
    public void EveryVerbHasItsOwnHelp(string verb)
    {
        var spec = CliApp.Verbs().Single(v => v.Name == verb);
        foreach (var args in new[] { new[] { verb, "--help" }, [verb, "-h"], ["help", verb] })
        {
            var r = CliRunner.Run(args);
            Assert.That(r.ExitCode, Is.EqualTo(CliApp.Ok), r.Err);
            Assert.That(r.Out, Does.StartWith("usage: adverify " + spec.Usage + "\n"));
            Assert.That(r.Out, Does.Contain(spec.Description));
            foreach (var option in spec.Options)
            {
                Assert.That(r.Out, Does.Contain("  " + option.Name), $"{string.Join(" ", args)} lists {option.Name}");
            }
        }
    }

    [Test]
    public void OverviewListsEveryVerbAndTheExitCodes()
    {
        var r = CliRunner.Run("--help");
        Assert.That(r.ExitCode, Is.EqualTo(CliApp.Ok));
        foreach (var verb in CliApp.Verbs())
        {
            Assert.That(r.Out, Does.Contain("  adverify " + verb.Usage));
        }

        Assert.That(r.Out, Does.Contain("exit codes: 0 success, 1 verification failed, 2 bad input, 3 internal error"));
        var none = CliRunner.Run();
        Assert.That(none.ExitCode, Is.EqualTo(CliApp.BadInput));
        Assert.That(none.Err, Does.Contain("usage:"));
        Assert.That(CliRunner.Run("--version").Out.Trim(), Is.EqualTo("0.1.0"));
    }

    [TestCase("--at", "x=3")]
    [TestCase("--at=x=3")]
    [TestCase("--at:x=3")]
    public void OptionsFollowPosixConventions(params string[] at)
    {
        var after = CliRunner.Run(["eval", "x^2", .. at]);
        var before = CliRunner.Run([.. at.Prepend("eval"), "x^2"]);
        Assert.That(after.Out.Trim(), Is.EqualTo("9"), after.Err);
        Assert.That(before.Out.Trim(), Is.EqualTo("9"), before.Err);
    }

    [Test]
    public void ResponseFilesHoldArguments()
    {
        var rsp = TempFile("args.rsp", "# the seed, as a response file\n\"log(x*y) + sin(z)\"\n--at x=2,y=3,z=1   --json\n");
        var r = CliRunner.Run("eval", "@" + rsp);
        Assert.That(r.ExitCode, Is.EqualTo(CliApp.Ok), r.Err);
        Assert.That(r.Out, Does.Contain("\"value\": 2.633230454035951"));

        var whole = TempFile("verb.rsp", "grad x*y --at x=2,y=3 --json");
        Assert.That(CliRunner.Run("@" + whole).Out, Does.Contain("\"x\": 3"));

        // Any other @path is still an expression file.
        var expr = TempFile("expr.txt", "x^2 + 1");
        Assert.That(CliRunner.Run("eval", "@" + expr, "--at", "x=2").Out.Trim(), Is.EqualTo("5"));

        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".rsp");
        AssertBadInput(CliRunner.Run("eval", "@" + missing), $"response file '{missing}' does not exist");
    }

    [Test]
    public void TyposGetSuggestions()
    {
        AssertBadInput(CliRunner.Run("evl", "x"), "unknown command 'evl' (did you mean eval?) (commands: eval, diff, grad, graph, check, verify, merge, taylor, codegen; adverify --help shows usage)");
        var option = CliRunner.Run("grad", "x", "--at", "x=1", "--hesian");
        Assert.That(option.ExitCode, Is.EqualTo(CliApp.BadInput));
        Assert.That(option.Err, Does.StartWith("adverify: unknown option --hesian for 'adverify grad' (did you mean --hessian?) (known: --allow-unused, --at, --hessian, --json, --mode, --wrt;"));
        Assert.That(CliRunner.Run("help", "chek").Err, Does.Contain("(did you mean check?)"));
    }

    [Test]
    public void ShellCompletionThroughTheSuggestDirective()
    {
        // dotnet-suggest calls the tool as: adverify [suggest:CURSOR] "COMMAND LINE"; it lists verbs, options and option values.
        Assert.That(CliRunner.Run("[suggest:2]", "gr").Out.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), Is.EqualTo(new[] { "grad", "graph" }));
        Assert.That(CliRunner.Run("[suggest:11]", "grad x --mo").Out.Trim(), Is.EqualTo("--mode"));
        Assert.That(CliRunner.Run("[suggest:14]", "grad x --mode ").Out.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), Is.EqualTo(new[] { "forward", "reverse" }));
        Assert.That(CliRunner.Run("[suggest:21]", "verify --format json ").Out, Does.Not.Contain("markdown"), "a completed option is not offered its values again");
    }

    [Test]
    public void OptionMistakesAreNamed()
    {
        AssertBadInput(CliRunner.Run("eval", "x", "--at", "x=1", "--json=1"), "option --json takes no value");
        AssertBadInput(CliRunner.Run("eval", "x", "--at", "x=1", "--at", "x=2"), "option --at is given twice");
        AssertBadInput(CliRunner.Run("eval", "x", "--at"), "option --at needs a value (adverify eval --help shows the usage)");
    }

    [Test]
    public void PositionalArgumentsAreCounted()
    {
        AssertBadInput(CliRunner.Run("eval", "--at", "x=1"), "'adverify eval' needs an expression");

        // Issue 12: this said "takes one an expression".
        AssertBadInput(CliRunner.Run("eval", "x", "y", "--at", "x=1,y=2"), "'adverify eval' takes one expression, got 2: unexpected 'y' (quote an expression that contains spaces)");
        AssertBadInput(CliRunner.Run("merge"), "'adverify merge' needs one or more JSON report files");
        AssertBadInput(CliRunner.Run("verify", "a.json", "b.json"), "'adverify verify' takes one catalogue file, got 2: unexpected 'b.json' (quote an expression that contains spaces)");
    }

    [Test]
    public void AnInternalErrorIsExitCodeThreeWithAnApology()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["boom", "x + 1", "--at", "x=2"], stdout, stderr, CancellationToken.None, [.. CliApp.Verbs(), new ThrowingVerb()]);
        Assert.That(code, Is.EqualTo(CliApp.InternalError));
        Assert.That(stderr.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr.ToString(), Does.StartWith("adverify: internal error, sorry: this is a bug in adverify, not a problem with your input (InvalidOperationException: the bug).")
            .And.EndWith("Please report it with the command that caused it: adverify boom 'x + 1' --at x=2\n"));
        Assert.That(stderr.ToString(), Does.Not.Contain("   at "));
    }

    [Test]
    public void ANewVerbIsOneClass()
    {
        // The extension point other verbs (taylor, codegen, verify --assembly) use: a Verb subclass.
        var r = new StringWriter();
        var code = CliApp.Run(["boom", "--help"], r, new StringWriter(), CancellationToken.None, [.. CliApp.Verbs(), new ThrowingVerb()]);
        Assert.That(code, Is.EqualTo(CliApp.Ok));
        Assert.That(r.ToString(), Does.StartWith("usage: adverify boom EXPR [--at x=2]").And.Contain("--at x=2,y=3"));
    }

    /// <summary>A verb with a bug: it throws what no input should cause.</summary>
    private sealed class ThrowingVerb : Verb
    {
        private readonly Option<string> _at = CommonOptions.At();

        public override string Name => "boom";

        public override string Usage => "boom EXPR [--at x=2]";

        public override string Description => "Fails with an exception no input should cause.";

        public override Positionals Positionals => Positionals.OneExpression;

        public override IReadOnlyList<Option> Options => [_at];

        public override int Execute(Invocation run) => throw new InvalidOperationException("the bug");
    }
}
