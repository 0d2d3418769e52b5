// AdVerify build script: dotnet tool restore && dotnet cake --target=<Task>
// Tasks: Clean, Build, Test, Verify, Notebooks, Pack, Default (= Test). No addins: they are not available here.
//   Verify     runs `adverify verify` on the default catalogue and on every verification/*.json, and
//              `adverify verify --assembly …` on the assemblies named by --assemblies=path1;path2 (default:
//              the sample class library samples/AdVerify.Samples.Library), writing every report format to
//              artifacts/verification/<name>/ (the assemblies' to artifacts/verification/assemblies/);
//              fails on a failed case or on bad input (a missing assembly, a marked function that cannot be verified).
//   Notebooks  runs notebooks/run-all.sh (every notebook headless with dotnet-repl); fails on a failed cell.
//   Pack       packs every project under src/ (the C# and F# libraries and the adverify tool) into artifacts/packages.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var solution = "./AdVerify.sln";
var sampleLibrary = $"./samples/AdVerify.Samples.Library/bin/{configuration}/net10.0/AdVerify.Samples.Library.dll";
// The users' assemblies whose [Verify]-marked functions the Verify task verifies, separated by ';' (empty: none).
var assemblies = Argument("assemblies", sampleLibrary)
    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

Task("Clean")
    .Does(() =>
{
    CleanDirectories("./src/**/bin/" + configuration);
    CleanDirectories("./src/**/obj");
    CleanDirectories("./tests/**/bin/" + configuration);
    CleanDirectories("./tests/**/obj");
    CleanDirectories("./benchmarks/**/bin/" + configuration);
    CleanDirectories("./benchmarks/**/obj");
    CleanDirectory("./artifacts");
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = new DotNetMSBuildSettings().TreatAllWarningsAs(MSBuildTreatAllWarningsAs.Error),
    });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
    });
});

Task("BuildCli")
    .Description("Builds the adverify command line (and the library) in the chosen configuration.")
    .Does(() =>
{
    DotNetBuild("./src/AdVerify.Cli/AdVerify.Cli.csproj", new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = new DotNetMSBuildSettings().TreatAllWarningsAs(MSBuildTreatAllWarningsAs.Error),
    });
});

Task("BuildSampleLibrary")
    .Description("Builds the sample class library whose marked functions the Verify task checks by default.")
    .WithCriteria(() => assemblies.Contains(sampleLibrary))
    .Does(() =>
{
    DotNetBuild("./samples/AdVerify.Samples.Library/AdVerify.Samples.Library.csproj", new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = new DotNetMSBuildSettings().TreatAllWarningsAs(MSBuildTreatAllWarningsAs.Error),
    });
});

Task("Verify")
    .Description("Verifies the default catalogue, every verification/*.json catalogue and the [Verify]-marked functions of --assemblies with the CLI; fails on a failed case.")
    .IsDependentOn("BuildCli")
    .IsDependentOn("BuildSampleLibrary")
    .Does(() =>
{
    var cli = MakeAbsolute(File($"./src/AdVerify.Cli/bin/{configuration}/net10.0/AdVerify.Cli.dll")).FullPath;
    var runs = new List<(string Name, string[] Arguments)> { ("default", new string[0]) };
    runs.AddRange(GetFiles("./verification/*.json")
        .OrderBy(f => f.FullPath, StringComparer.Ordinal)
        .Select(f => (f.GetFilenameWithoutExtension().FullPath, new[] { MakeAbsolute(f).FullPath })));
    if (assemblies.Length > 0)
    {
        runs.Add(("assemblies", assemblies.SelectMany(a => new[] { "--assembly", MakeAbsolute(File(a)).FullPath }).ToArray()));
    }

    var failed = new List<string>();
    foreach (var (name, arguments) in runs)
    {
        var outDir = MakeAbsolute(Directory($"./artifacts/verification/{name}"));
        EnsureDirectoryExists(outDir);
        var args = new ProcessArgumentBuilder().AppendQuoted(cli).Append("verify");
        foreach (var argument in arguments)
        {
            args.AppendQuoted(argument);
        }

        args.Append("--out").AppendQuoted(outDir.FullPath);
        var exit = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = args,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }, out IEnumerable<string> stdout, out IEnumerable<string> stderr);
        var lines = stdout.ToList();
        var details = lines.SkipWhile(l => l != "details:").Skip(1).TakeWhile(l => l.Length > 0)
            .Where(l => l.Contains(": discrepancy:") || l.Contains(": error:")).ToList();
        var headline = lines.LastOrDefault(l => l.Trim().Length > 0) ?? "(no output)";
        Information($"verify {name}: {headline} -> {outDir.FullPath}");
        if (exit != 0)
        {
            foreach (var line in stderr.Where(l => l.Length > 0 && !l.Contains("\r") && !l.TrimStart().StartsWith("wrote ")))
            {
                Warning($"  {line}");
            }

            foreach (var line in details)
            {
                Warning($"  {line}");
            }

            failed.Add($"{name} (exit code {exit})");
        }
    }

    if (failed.Count > 0)
    {
        throw new CakeException($"Verification failed: {string.Join(", ", failed)}; reports in artifacts/verification/");
    }
});

Task("Notebooks")
    .Description("Runs every notebook headless (notebooks/run-all.sh); fails when a cell fails.")
    .Does(() =>
{
    var exit = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(File("./notebooks/run-all.sh")).FullPath),
        WorkingDirectory = MakeAbsolute(Directory(".")),
    });
    if (exit != 0)
    {
        throw new CakeException($"notebooks/run-all.sh failed with exit code {exit}; executed notebooks in artifacts/notebooks/");
    }
});

Task("Pack")
    .Description("Packs every project under src/ (AdVerify, AdVerify.NUnit, AdVerify.FSharp, AdVerify.Interactive, the adverify tool) into artifacts/packages.")
    .Does(() =>
{
    var output = MakeAbsolute(Directory("./artifacts/packages"));
    CleanDirectory(output);
    // C# and F# projects alike (AdVerify.FSharp is an .fsproj).
    var projects = GetFiles("./src/*/*.csproj").Concat(GetFiles("./src/*/*.fsproj"));
    foreach (var project in projects.OrderBy(f => f.FullPath, StringComparer.Ordinal))
    {
        DotNetPack(project.FullPath, new DotNetPackSettings
        {
            Configuration = configuration,
            OutputDirectory = output,
            MSBuildSettings = new DotNetMSBuildSettings().TreatAllWarningsAs(MSBuildTreatAllWarningsAs.Error),
        });
    }

    foreach (var package in GetFiles(output.FullPath + "/*.nupkg").OrderBy(f => f.FullPath, StringComparer.Ordinal))
    {
        Information($"packed {package.GetFilename()}");
    }
});

Task("Default")
    .IsDependentOn("Test");

RunTarget(target);
