#!/usr/bin/env bash
# A newcomer's path, on the packed packages, in a folder outside the repository:
#   1. the adverify tool installs from the local feed;
#   2. every ```csharp and ```fsharp block of README.md becomes the single source file of a fresh
#      project (dotnet new console | nunit | classlib) that references only the packages the README
#      tells the user to add; it must build, then run (console), pass its tests (nunit), or pass
#      `adverify verify --assembly` with the installed tool (library: a user's class library with
#      [Verify] functions); a cake block is a user's build.cake, run with Cake in the folder of the
#      library block before it (--assemblies=its dll);
#   3. the installed tool runs `adverify verify`.
#
#   bash .ci/consumer.sh            # packs first (dotnet cake --target=Pack)
#   CONSUMER_NO_PACK=1 bash .ci/consumer.sh   # reuse artifacts/packages
#
# How a block is built comes from an HTML comment on the line before its fence (invisible on a
# code host):   <!-- snippet: KIND PACKAGE... -->   KIND is console or nunit; the packages are
# what the README's text tells the user to `dotnet add package`. KIND library is a class library
# verified with the installed tool; KIND cake is a build.cake (no packages). Without a comment a csharp block
# is a console app with AdVerify, an fsharp block a console app with AdVerify.FSharp.
# <!-- snippet: none REASON --> leaves a block out (say why). A failure names README.md:LINE.
#
# The temp folder's NuGet.config keeps the machine's sources and adds artifacts/packages; the
# packages folder is private to the run (NUGET_PACKAGES), so a re-packed 0.1.0 is never shadowed
# by an older copy in the global cache. Prints "consumer: N passed, M failed"; exits 1 on a failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

feed="$root/artifacts/packages"
if [[ "${CONSUMER_NO_PACK:-}" != "1" ]]; then
  dotnet tool restore >/dev/null && dotnet cake --target=Pack >/dev/null || { echo "consumer: dotnet cake --target=Pack failed"; exit 1; }
fi
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
for p in AdVerify AdVerify.NUnit AdVerify.FSharp AdVerify.Cli; do
  [[ -f "$feed/$p.$version.nupkg" ]] || { echo "consumer: $feed/$p.$version.nupkg is missing (run dotnet cake --target=Pack)"; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/adverify-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/packages"
cat > "$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <!-- No <clear />: the machine's usual sources stay; the local feed is added. -->
    <add key="adverify-local" value="$feed" />
  </packageSources>
</configuration>
XML

# Extract the blocks: one file per block, and a manifest "LINE LANG KIND PACKAGES...".
blocks="$work/blocks"
mkdir -p "$blocks"
awk -v out="$blocks" '
  function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
  !fence && /^<!--[ \t]*snippet:/ { marker = $0; sub(/^<!--[ \t]*snippet:[ \t]*/, "", marker); sub(/[ \t]*-->[ \t]*$/, "", marker); markerLine = NR; next }
  !fence && /^```/ {
    fence = 1; lang = trim(substr($0, 4)); start = NR + 1
    spec = (markerLine == NR - 1) ? marker : ""
    if (lang == "csharp" || lang == "fsharp") {
      if (spec == "") spec = (lang == "csharp") ? "console AdVerify" : "console AdVerify.FSharp"
      file = out "/" start "." (lang == "csharp" ? "cs" : "fs")
      print start, lang, spec > (out "/manifest")
      printf "" > file
    } else { file = "" }
    next
  }
  fence && /^```[ \t]*$/ { fence = 0; if (file != "") close(file); file = ""; next }
  fence && file != "" { print > file }
' README.md

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
# failure MESSAGE [LOG [README_LINE_OF_THE_BLOCK]]: compiler positions in the block's file become README.md lines.
failure() {
  failed=$((failed + 1)); echo "FAIL  $1"
  [[ -f "${2:-}" ]] || return 0
  grep -E "error|Failed|failed|Exception|^adverify:|discrepancy" "$2" | grep -v "^ *[0-9]* Error(s)" | sort -u | head -n 15 |
    awk -v first="${3:-0}" '{
      if (first > 0 && match($0, /(Program|Snippet|Library)\.(cs|fs)\(([0-9]+),([0-9]+)\)/)) {
        pos = substr($0, RSTART, RLENGTH); sub(/^[^(]*\(/, "", pos); split(pos, lc, ",")
        rest = substr($0, RSTART + RLENGTH); sub(/ \[[^]]*\]$/, "", rest)
        print "      README.md:" (first + lc[1] - 1) ":" (lc[2] + 0) rest
      } else print "      " $0 }'
}

# The tool first: library and cake blocks use it.
tool_log="$work/tool.log"
tool_ok=0
(cd "$work" && dotnet tool install AdVerify.Cli --version "$version" --tool-path "$work/tools" --add-source "$feed" >"$tool_log" 2>&1) && tool_ok=1
library=""

while read -r line lang kind packages; do
  where="README.md:$line ($lang block, $kind${packages:+: $packages})"
  if [[ "$kind" == "none" ]]; then
    echo "SKIP  $where"
    continue
  fi
  dir="$work/snippet-$line"
  log="$work/snippet-$line.log"
  if [[ "$kind" == "cake" ]]; then
    # A user's build.cake, run in the folder of the library block before it, with Cake as a local tool.
    [[ -n "$library" ]] || { failure "$where: a cake block needs a library block before it"; continue; }
    cake_version="$(sed -n '/"cake.tool"/,/version/s/.*"version": *"\([^"]*\)".*/\1/p' "$root/.config/dotnet-tools.json" | head -n 1)"
    cp "$blocks/$line.cs" "$library/build.cake"
    if ! (cd "$work" && { [[ -f .config/dotnet-tools.json ]] || dotnet new tool-manifest >"$log" 2>&1; } && dotnet tool install cake.tool --version "$cake_version" >>"$log" 2>&1); then
      failure "$where: installing Cake $cake_version failed" "$log"; continue
    fi
    if (cd "$library" && PATH="$work/tools:$PATH" timeout 600 dotnet cake build.cake --assemblies="bin/Release/net10.0/$(basename "$library").dll" >>"$log" 2>&1) &&
       [[ -f "$library/artifacts/verification/verification.json" ]]; then
      pass "$where runs with Cake and writes artifacts/verification"
    else
      failure "$where: dotnet cake build.cake failed" "$log"
    fi
    continue
  fi
  template="$kind"
  [[ "$kind" == "library" ]] && template="classlib"
  [[ "$kind" == "console" || "$kind" == "nunit" || "$kind" == "library" ]] || { failure "$where: unknown kind '$kind' (console, nunit, library or cake)"; continue; }
  lang_option=(); [[ "$lang" == "fsharp" ]] && lang_option=(-lang "F#")
  if ! (cd "$work" && dotnet new "$template" "${lang_option[@]}" -o "snippet-$line" >"$log" 2>&1); then failure "$where: dotnet new $template failed" "$log"; continue; fi
  ext="cs"; [[ "$lang" == "fsharp" ]] && ext="fs"
  if [[ "$kind" == "console" ]]; then
    cp "$blocks/$line.$ext" "$dir/Program.$ext"
  elif [[ "$kind" == "library" ]]; then
    rm -f "$dir"/Class1.*
    cp "$blocks/$line.$ext" "$dir/Library.$ext"
  else
    # The block is the project's only source file: it replaces the template's test file.
    rm -f "$dir"/UnitTest1.* "$dir"/Tests.fs "$dir"/Program.fs
    cp "$blocks/$line.$ext" "$dir/Snippet.$ext"
    if [[ "$lang" == "fsharp" ]]; then
      sed -i 's#<Compile Include="[^"]*"\s*/>#<Compile Include="Snippet.fs" />#' "$dir"/*.fsproj
    fi
  fi
  ok=1
  for p in $packages; do
    v=(); [[ "$p" == AdVerify* ]] && v=(--version "$version")
    (cd "$dir" && dotnet add package "$p" "${v[@]}" >>"$log" 2>&1) || { failure "$where: dotnet add package $p failed" "$log"; ok=0; break; }
  done
  [[ $ok -eq 1 ]] || continue
  if ! (cd "$dir" && dotnet build -c Release >>"$log" 2>&1); then failure "$where does not compile as written" "$log" "$line"; continue; fi
  if [[ "$kind" == "console" ]]; then
    (cd "$dir" && timeout 300 dotnet run -c Release --no-build >>"$log" 2>&1) && pass "$where builds and runs" || failure "$where builds but fails when run" "$log" "$line"
  elif [[ "$kind" == "library" ]]; then
    library="$dir"
    if [[ $tool_ok -ne 1 ]]; then failure "$where: the adverify tool did not install" "$tool_log"; continue; fi
    (cd "$dir" && timeout 300 "$work/tools/adverify" verify --assembly "bin/Release/net10.0/snippet-$line.dll" >>"$log" 2>&1) &&
      pass "$where builds and adverify verify --assembly passes ($(tail -n 1 "$log"))" || failure "$where: adverify verify --assembly fails" "$log" "$line"
  else
    (cd "$dir" && timeout 600 dotnet test -c Release --no-build >>"$log" 2>&1) && pass "$where builds and its tests pass ($(grep -oE 'Passed: *[0-9]+' "$log" | tail -n 1))" || failure "$where: its tests fail" "$log" "$line"
  fi
done < "$blocks/manifest"

# The tool, installed as the README says (into a private folder instead of --global), run as the README's main job.
if [[ $tool_ok -eq 1 ]]; then
  if "$work/tools/adverify" verify >>"$tool_log" 2>&1; then
    pass "dotnet tool install AdVerify.Cli; adverify verify ($(tail -n 1 "$tool_log"))"
  else
    failure "the installed adverify verify failed" "$tool_log"
  fi
else
  failure "dotnet tool install AdVerify.Cli failed" "$tool_log"
fi

echo "consumer: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
