# What the PowerShell Gallery shows and what the package carries: the built manifest and the shipped files.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Get-ModuleManifestPath
    $script:Data = Import-PowerShellDataFile $script:Manifest
    $script:Dir = Split-Path $script:Manifest
}

Describe 'Gallery manifest' {
    It 'declares only what was tested: PowerShell 7.4 (the oldest engine the suite runs on) Core' {
        $script:Data.PowerShellVersion | Should -Be '7.4'
        $script:Data.CompatiblePSEditions | Should -Be @('Core')
        $script:Data.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $script:Data.PrivateData.PSData.Tags | Should -Not -Contain 'PSEdition_Desktop'
    }

    It 'has a description, tags, project and licence URIs' {
        $script:Data.Description.Length | Should -BeGreaterThan 80
        $script:Data.PrivateData.PSData.Tags.Count | Should -BeGreaterOrEqual 5
        $script:Data.PrivateData.PSData.Tags | ForEach-Object { $_ | Should -Not -Match '\s' }
        [Uri]::IsWellFormedUriString($script:Data.PrivateData.PSData.ProjectUri, 'Absolute') | Should -BeTrue
        [Uri]::IsWellFormedUriString($script:Data.PrivateData.PSData.LicenseUri, 'Absolute') | Should -BeTrue
    }

    It 'carries the release notes of this version from CHANGELOG.md' {
        $notes = $script:Data.PrivateData.PSData.ReleaseNotes
        $notes | Should -Not -Be 'See CHANGELOG.md.'
        $notes | Should -Match '^### '
        $notes | Should -Match '(?m)^### Added'
        $notes | Should -Match 'Export-ExternalUserConfiguration'
        $notes | Should -Not -Match '## \[Unreleased\]'
    }

    It 'ships the licence and a notice for every third-party assembly' {
        Test-Path (Join-Path $script:Dir 'LICENSE') | Should -BeTrue
        $notices = Get-Content -Raw (Join-Path $script:Dir 'THIRD-PARTY-NOTICES.md')
        $rows = @($notices -split "`n" | Where-Object { $_ -match '^\| [^-]' } | Select-Object -Skip 1 | ForEach-Object { ($_ -split '\|')[1] })
        $patterns = $rows | ForEach-Object { $_ -split ',' } | ForEach-Object { ($_ -replace '\(.*', '').Trim() } | Where-Object { $_ }
        $missing = foreach ($dll in Get-ChildItem (Join-Path $script:Dir 'dependencies') -Filter '*.dll') {
            $name = [IO.Path]::GetFileNameWithoutExtension($dll.Name)
            if (-not ($patterns | Where-Object { $name -like $_ -or $name -like "$_.*" -or "$name.Core" -eq $_ })) { $name }
        }
        $missing | Should -BeNullOrEmpty -Because 'every shipped assembly is named in THIRD-PARTY-NOTICES.md'
    }
}
