<#
.SYNOPSIS
    Packs the built module for Azure Automation: a .zip with the module folder at its root.

.DESCRIPTION
    Azure Automation (runtime environments, and the classic Modules page) takes a module as a .zip file whose root
    holds the module folder, with no version folder inside it. This writes exactly that from out/AcsTeamsSecurity:

        AcsTeamsSecurity-<version>.zip
          AcsTeamsSecurity/
            AcsTeamsSecurity.psd1, AcsTeamsSecurity.dll, ..., dependencies/, en-US/

    It refuses a module folder without its manifest, and a file path longer than Automation's limit (140
    characters for a module file once unpacked; the check leaves room for the sandbox's own prefix).
    Called by build.ps1 -Task Package and by tests/Pester/Package.Tests.ps1.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

$module = (Resolve-Path $ModulePath).Path.TrimEnd('/', '\')
$name = Split-Path -Leaf $module
if (-not (Test-Path (Join-Path $module "$name.psd1"))) { throw "$module has no $name.psd1: build the module first (build.ps1 -Task Build)." }
$longest = Get-ChildItem -Recurse -File $module | ForEach-Object { "$name/" + [IO.Path]::GetRelativePath($module, $_.FullName) } | Sort-Object Length -Descending | Select-Object -First 1
if ($longest.Length -gt 100) { throw "The module path '$longest' is $($longest.Length) characters long; Azure Automation refuses module files whose path exceeds 140 characters." }

Remove-Item -Force $DestinationPath -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force -Path (Split-Path $DestinationPath) | Out-Null
[IO.Compression.ZipFile]::CreateFromDirectory($module, $DestinationPath, [IO.Compression.CompressionLevel]::Optimal, $true)
Get-Item $DestinationPath
