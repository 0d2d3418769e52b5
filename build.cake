// AdVerify build script: dotnet tool restore && dotnet cake --target=<Task>
// Tasks: Clean, Build, Test, Default (= Test). No addins: they are not available here.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var solution = "./AdVerify.sln";

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

Task("Default")
    .IsDependentOn("Test");

RunTarget(target);
