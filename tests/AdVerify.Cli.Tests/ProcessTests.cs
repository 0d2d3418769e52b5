using System.Diagnostics;
using NUnit.Framework;

namespace AdVerify.Cli.Tests;

/// <summary>Runs the real executable as a separate process, as a user's shell would.</summary>
public class ProcessTests
{
    private static (int Code, string Out, string Err) RunProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AdVerify.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.That(p.WaitForExit(60_000), Is.True, "adverify did not finish within a minute");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void ExitCodesReachTheShell()
    {
        Assert.That(RunProcess("eval", "1+1").Code, Is.EqualTo(0));
        var bad = RunProcess("eval", "sin(");
        Assert.That(bad.Code, Is.EqualTo(2));
        Assert.That(bad.Err, Does.Contain("^"));
        Assert.That(bad.Err, Does.Not.Contain("Exception"));
    }

    [Test]
    public void MillionCharacterInputDoesNotCrash()
    {
        // One argv string is limited to 128 KiB on Linux, so long input comes from a file (@path).
        var file = Path.Combine(Path.GetTempPath(), $"adverify-big-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, string.Join("+", Enumerable.Repeat("x", 500_000)));
        var r = RunProcess("eval", "@" + file, "--at", "x=1");
        File.Delete(file);
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        Assert.That(r.Out.Trim(), Is.EqualTo("500000"));
    }

    [Test]
    public void VerifiesAUsersAssemblyInItsOwnProcess()
    {
        var r = RunProcess("verify", "--assembly", UserLibraries.Sample);
        Assert.That(r.Code, Is.EqualTo(0), r.Err + r.Out);
        Assert.That(r.Out, Does.Contain("4 cases, 11 points: 11 consistent").And.Contain("Pricing.Call"));
        var missing = RunProcess("verify", "--assembly", "Missing.dll");
        Assert.That(missing.Code, Is.EqualTo(2));
        Assert.That(missing.Err.Trim(), Does.StartWith("adverify: Missing.dll: the file does not exist"));
    }
}
