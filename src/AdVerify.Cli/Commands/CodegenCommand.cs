using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify codegen EXPR --lang csharp|fsharp [--wrt …] [--name N]</c>: standalone source of the value and gradient.</summary>
public sealed class CodegenCommand : Verb
{
    private readonly Option<string> _lang = CommonOptions.Value("--lang", "csharp|fsharp", "the language (default: csharp)", "csharp", "fsharp");
    private readonly Option<string> _wrt = CommonOptions.Wrt("the gradient's variables, separated by commas (default: every variable of the expression, sorted)");
    private readonly Option<bool> _allowUnused = CommonOptions.AllowUnused();
    private readonly Option<string> _name = CommonOptions.Value("--name", "Generated", "the class (C#) or module (F#) name (default: Generated)");

    /// <inheritdoc />
    public override string Name => "codegen";

    /// <inheritdoc />
    public override string Usage => "codegen EXPR [--lang csharp|fsharp] [--wrt x,y] [--name Generated]";

    /// <inheritdoc />
    public override string Description =>
        "Prints C# (a static class with Value and ValueAndGradient) or F# (a module with value and valueAndGradient) source computing EXPR and " +
        "its symbolic gradient, sharing subexpressions, that compiles on its own with no AdVerify reference. Functions without a System.Math " +
        "form (erf, the gamma family, Bessel, Airy) are refused with a message naming them.";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_lang, _wrt, _allowUnused, _name];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var expr = CommandSupport.ParseExpression(run.Single());
        var language = run.Value(_lang) switch
        {
            null or "csharp" or "cs" or "c#" => TargetLanguage.CSharp,
            "fsharp" or "fs" or "f#" => TargetLanguage.FSharp,
            var other => throw new UsageException($"--lang {other}: expected csharp or fsharp"),
        };
        var wrt = CommandSupport.ReadWrt(run.Value(_wrt), expr, run.Flag(_allowUnused));
        var name = run.Value(_name) ?? "Generated";
        if (!Expr.IsValidName(name))
        {
            throw new UsageException($"--name {name}: expected an identifier (a letter or '_' followed by letters, digits or '_')");
        }

        string source;
        try
        {
            source = CodeGenerator.Generate(expr, language, wrt, name);
        }
        catch (NotSupportedException e)
        {
            // A function the generator cannot emit is a property of the user's expression, not a bug.
            throw new UsageException(e.Message);
        }

        run.Out.Write(source);
        return CliApp.Ok;
    }
}
