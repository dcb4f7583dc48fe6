# ARM reads of Communication Services resources and their diagnostic settings: the emulator's answers (paging,
# api-version gating, 403/404 bodies) and the module's internal ArmClient against them. No cmdlet uses ArmClient
# yet, so the client is reached through the context by reflection; replace that with the cmdlet when it exists.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:Emu = Start-TestEmulator
    Register-EmulatorEnvironment -Emulator $script:Emu | Out-Null
    $script:Id = Get-TestIdentity
    $script:Production = '2ab33998-4d29-46d9-bda1-ec5ae3e9d04a'
    $script:Development = 'a8be43a2-e3cc-4245-88cc-1060aa21c144'
    $script:Provider = 'providers/Microsoft.Communication/communicationServices'
    $script:Preview = '2025-05-01-preview'
    $armScope = 'https://management.azure.com/.default'
    $script:Tokens = @{
        Reader       = Get-TestAccessToken -Emulator $script:Emu -Scope $armScope
        GlobalReader = Get-TestAccessToken -Emulator $script:Emu -Scope $armScope -ClientId '320ac1b7-49d2-44fa-a9ae-f9bcef6618c4' -Secret 'Cto8Q~EmuSecret-GlobalReaderApp-b7cbecff0db10f43e98fdfecb37908ed07ad9a98'
        TeamsComms   = Get-TestAccessToken -Emulator $script:Emu -Scope $armScope -ClientId '1f084a73-2d4b-47e6-b473-8f246564daf6' -Secret 'Cto8Q~EmuSecret-TeamsCommsApp-f4988a883f86256b93353400eda2c78644abe7b1'
        NoPerms      = Get-TestAccessToken -Emulator $script:Emu -Scope $armScope -ClientId $script:Id.NoPermsAppId -Secret $script:Id.NoPermsAppSecret
    }

    function Invoke-Arm([string] $Path, [string] $Token = $script:Tokens.Reader, [string] $ApiVersion = $script:Preview) {
        $uri = if ($Path -like 'https://*') { $Path } else { "$($script:Emu.BaseUrl)/arm/$Path" + $(if ($ApiVersion) { "?api-version=$ApiVersion" } else { '' }) }
        $status = 0
        $body = Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $Token" } -SkipHttpErrorCheck -StatusCodeVariable status
        [pscustomobject]@{ Status = $status; Body = $body }
    }

    function Get-ArmClient($Context) {
        $flags = [Reflection.BindingFlags]'NonPublic,Instance'
        $clients = $Context.GetType().GetProperty('Clients', $flags).GetValue($Context)
        $clients.GetType().GetMethod('Arm', $flags).Invoke($clients, @())
    }

    function Invoke-ArmClient($Client, [string] $Method, [object[]] $Arguments) {
        $flags = [Reflection.BindingFlags]'NonPublic,Instance'
        $plain = [object[]] @(foreach ($a in $Arguments) { $a.PSObject.BaseObject }) + [Threading.CancellationToken]::None
        $task = $Client.GetType().GetMethod($Method, $flags).Invoke($Client, $plain)
        try { $task.GetAwaiter().GetResult() }
        catch { throw $_.Exception.InnerException ?? $_.Exception }
    }
}

AfterAll {
    Disconnect-AcsTeamsSecurity -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Emulated ARM: communicationServices' -Tag 'Arm' {
    It 'lists a subscription in pages of two that link to the next page' {
        $first = Invoke-Arm "subscriptions/$script:Production/$script:Provider"
        $first.Status | Should -Be 200
        @($first.Body.value).Count | Should -Be 2
        $first.Body.nextLink | Should -BeLike "$($script:Emu.BaseUrl)/arm/subscriptions/$script:Production/${script:Provider}?api-version=$script:Preview&`$skipToken=2"
        $second = Invoke-Arm $first.Body.nextLink
        @($second.Body.value).Count | Should -Be 1
        $second.Body.PSObject.Properties.Name | Should -Not -Contain 'nextLink'
        @($first.Body.value + $second.Body.value).name | Should -Be @('contoso-acs', 'contoso-acs-secure', 'contoso-acs-chat')
    }

    It 'serves the documented resource shape, with the security properties from 2025-05-01-preview only' {
        $new = (Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication-secure/$script:Provider/contoso-acs-secure").Body
        $new.type | Should -Be 'Microsoft.Communication/CommunicationServices'
        $new.id | Should -Be "/subscriptions/$script:Production/resourceGroups/rg-communication-secure/$script:Provider/contoso-acs-secure"
        $new.identity.type | Should -Be 'SystemAssigned'
        $new.identity.tenantId | Should -Be $script:Id.ContosoId
        $new.properties.disableLocalAuth | Should -BeTrue
        $new.properties.publicNetworkAccess | Should -Be 'Disabled'
        $new.properties.immutableResourceId | Should -Be '1e2e0e39-5de2-484e-a8a1-b308499243a4'
        $new.properties.hostName | Should -Be 'contoso-acs-secure.unitedstates.communication.azure.com'
        $old = (Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication-secure/$script:Provider/contoso-acs-secure" -ApiVersion '2023-04-01').Body
        $old.properties.PSObject.Properties.Name | Should -Not -Contain 'disableLocalAuth'
        $old.properties.PSObject.Properties.Name | Should -Not -Contain 'publicNetworkAccess'
        $old.identity.type | Should -Be 'SystemAssigned'
        $insecure = (Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication/$script:Provider/contoso-acs").Body
        $insecure.PSObject.Properties.Name | Should -Not -Contain 'identity'
        $insecure.properties.disableLocalAuth | Should -BeFalse
    }

    It 'answers 403 AuthorizationFailed naming the action and scope to a caller without a role' {
        $r = Invoke-Arm "subscriptions/$script:Development/$script:Provider"
        $r.Status | Should -Be 403
        $r.Body.error.code | Should -Be 'AuthorizationFailed'
        $r.Body.error.message | Should -Match "perform action 'Microsoft.Communication/communicationServices/read' over scope '/subscriptions/$script:Development'"
        (Invoke-Arm "subscriptions/$script:Development/resourceGroups/rg-communication-eu/$script:Provider/contoso-acs-eu").Status | Should -Be 403
        (Invoke-Arm "subscriptions/$script:Production/$script:Provider" -Token $script:Tokens.NoPerms).Status | Should -Be 403
    }

    It 'grants reads through a resource-group assignment and filters the subscription list to it' {
        $list = Invoke-Arm "subscriptions/$script:Development/$script:Provider" -Token $script:Tokens.GlobalReader
        $list.Status | Should -Be 200
        @($list.Body.value).name | Should -Be @('contoso-acs-eu')
        (Invoke-Arm "subscriptions/$script:Development/resourceGroups/rg-other/$script:Provider" -Token $script:Tokens.GlobalReader).Status | Should -Be 403
    }

    It 'answers the ARM 404 bodies for unknown subscriptions, resource groups and resources' {
        $r = Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication/$script:Provider/nope"
        $r.Status | Should -Be 404
        $r.Body.error.code | Should -Be 'ResourceNotFound'
        $r.Body.error.message | Should -Be "The Resource 'Microsoft.Communication/communicationServices/nope' under resource group 'rg-communication' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"
        (Invoke-Arm "subscriptions/00000000-0000-0000-0000-000000000001/$script:Provider").Body.error.code | Should -Be 'SubscriptionNotFound'
        (Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-nope/$script:Provider").Body.error.code | Should -Be 'ResourceGroupNotFound'
    }

    It 'requires api-version' {
        $r = Invoke-Arm "subscriptions/$script:Production/$script:Provider" -ApiVersion ''
        $r.Status | Should -Be 400
        $r.Body.error.code | Should -Be 'MissingApiVersionParameter'
    }

    It 'lists diagnostic settings, and refuses them to a role without Microsoft.Insights reads' {
        $path = "subscriptions/$script:Production/resourceGroups/rg-communication-secure/$script:Provider/contoso-acs-secure/providers/Microsoft.Insights/diagnosticSettings"
        $r = Invoke-Arm $path -ApiVersion '2021-05-01-preview'
        $setting = @($r.Body.value)[0]
        $setting.type | Should -Be 'Microsoft.Insights/diagnosticSettings'
        $setting.properties.workspaceId | Should -BeLike '*/workspaces/law-contoso-security'
        ($setting.properties.logs | Where-Object category -EQ 'AuthOperational').enabled | Should -BeTrue
        $denied = Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication/$script:Provider/contoso-acs/providers/Microsoft.Insights/diagnosticSettings" -Token $script:Tokens.TeamsComms -ApiVersion '2021-05-01-preview'
        $denied.Status | Should -Be 403
        $denied.Body.error.message | Should -Match "'Microsoft.Insights/diagnosticSettings/read'"
        (Invoke-Arm "subscriptions/$script:Production/resourceGroups/rg-communication/$script:Provider/contoso-acs" -Token $script:Tokens.TeamsComms).Status | Should -Be 200
    }
}

Describe 'ArmClient against the emulator' -Tag 'Arm' {
    BeforeAll {
        $script:Ctx = Connect-TestTenant
        $script:Arm = Get-ArmClient $script:Ctx
    }

    It 'follows nextLink and maps every resource of the subscription' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $list = @(Invoke-ArmClient $script:Arm 'ListCommunicationServicesAsync' @($script:Production))
        $list.Name | Should -Be @('contoso-acs', 'contoso-acs-secure', 'contoso-acs-chat')
        @(Get-EmulatorRequest -Emulator $script:Emu -Service arm).Count | Should -Be 2
        $secure = $list | Where-Object Name -EQ 'contoso-acs-secure'
        $secure.ResourceGroup | Should -Be 'rg-communication-secure'
        $secure.DisableLocalAuth | Should -BeTrue
        $secure.ManagedIdentityType | Should -Be 'SystemAssigned'
        $secure.PublicNetworkAccess | Should -Be 'Disabled'
        $secure.LinkedDomains.Count | Should -Be 1
        $insecure = $list | Where-Object Name -EQ 'contoso-acs'
        $insecure.DisableLocalAuth | Should -BeFalse
        $insecure.ManagedIdentityType | Should -BeNullOrEmpty
        $insecure.ImmutableResourceId | Should -Be '1475c6ac-baa0-425c-8df5-77d8766e3c25'
    }

    It 'reads diagnostic settings: <Name> -> <Expected>' -ForEach @(
        @{ Name = 'contoso-acs'; Expected = $false; Settings = @() }
        @{ Name = 'contoso-acs-secure'; Expected = $true; Settings = @('auth-to-law') }
        @{ Name = 'contoso-acs-chat'; Expected = $false; Settings = @('chat-only', 'all-logs-no-destination') }
    ) {
        $resource = @(Invoke-ArmClient $script:Arm 'ListCommunicationServicesAsync' @($script:Production)) | Where-Object Name -EQ $Name
        Invoke-ArmClient $script:Arm 'EnrichWithDiagnosticsAsync' @($resource) | Out-Null
        $resource.AuthLogsCollected | Should -Be $Expected
        @($resource.DiagnosticSettings) | Should -Be $Settings
    }

    It 'retries a throttled page (the emulator fault middleware applies to ARM)' {
        Invoke-EmulatorControl -Emulator $script:Emu -Method Post -Path 'faults' -Body @{ service = 'arm'; pathPattern = 'communicationServices$'; status = 429; retryAfter = '0'; count = 1 } | Out-Null
        @(Invoke-ArmClient $script:Arm 'ListCommunicationServicesAsync' @($script:Production)).Count | Should -Be 3
    }

    It 'reports PermissionDenied with the action and scope to grant for an unreadable subscription' {
        $err = { Invoke-ArmClient $script:Arm 'ListCommunicationServicesAsync' @($script:Development) } | Should -Throw -PassThru
        $err.Exception.ErrorId | Should -Be 'PermissionDenied'
        # Called outside a cmdlet: the client names the action and scope; the role comes from the running cmdlet's [RequiredPermission] (Audit.Tests).
        $err.Exception.Message | Should -Match "Microsoft.Communication/communicationServices/read on subscription $script:Development"
    }

    It 'refuses a subscription id that is not a GUID before any request' {
        Clear-EmulatorRequest -Emulator $script:Emu
        $err = { Invoke-ArmClient $script:Arm 'ListCommunicationServicesAsync' @('contoso-production') } | Should -Throw -PassThru
        $err.Exception.ErrorId | Should -Be 'SubscriptionIdInvalid'
        @(Get-EmulatorRequest -Emulator $script:Emu -Service arm).Count | Should -Be 0
    }
}

Describe 'Demo tenant ACS resources' -Tag 'Arm' {
    BeforeAll {
        $script:Demo = Start-TestEmulator -Fixture 'demo-tenant.json'
        Register-EmulatorEnvironment -Emulator $script:Demo -Name 'DemoArm' | Out-Null
        $fixture = Get-Fixture 'demo-tenant.json'
        $app = $fixture.tenants[0].applications[0]
        $script:DemoCtx = Connect-AcsTeamsSecurity -TenantId $fixture.tenants[0].initialDomain -ClientId $app.clientId -ClientSecret (ConvertTo-TestSecureString $app.secrets[0]) -Environment DemoArm -PassThru
        $script:DemoArm = Get-ArmClient $script:DemoCtx
    }

    AfterAll {
        $script:DemoCtx | Disconnect-AcsTeamsSecurity
        Remove-AcsTeamsEnvironment -Name DemoArm -ErrorAction SilentlyContinue
        Stop-TestEmulator -Emulator $script:Demo
    }

    It 'gives the audit app one insecure, one secure and one half-done resource across two subscriptions' {
        $all = foreach ($sub in 'f387b07f-556c-4893-a15c-667ccbd12b66', '6d1a4f0e-93c2-4b7e-8f35-2c9e04d7b1a8') {
            foreach ($r in @(Invoke-ArmClient $script:DemoArm 'ListCommunicationServicesAsync' @($sub))) {
                Invoke-ArmClient $script:DemoArm 'EnrichWithDiagnosticsAsync' @($r) | Out-Null
                $r
            }
        }
        $all.Name | Should -Be @('northwind-acs', 'northwind-acs-eu', 'northwind-acs-dev')
        $byName = @{}; $all | ForEach-Object { $byName[$_.Name] = $_ }
        $byName['northwind-acs'].DisableLocalAuth | Should -BeFalse
        $byName['northwind-acs'].ManagedIdentityType | Should -BeNullOrEmpty
        $byName['northwind-acs'].AuthLogsCollected | Should -BeFalse
        $byName['northwind-acs-eu'].DisableLocalAuth | Should -BeTrue
        $byName['northwind-acs-eu'].ManagedIdentityType | Should -Be 'SystemAssigned'
        $byName['northwind-acs-eu'].DataLocation | Should -Be 'Europe'
        $byName['northwind-acs-eu'].AuthLogsCollected | Should -BeTrue
        $byName['northwind-acs-dev'].DisableLocalAuth | Should -BeFalse
        $byName['northwind-acs-dev'].ManagedIdentityType | Should -Be 'UserAssigned'
        $byName['northwind-acs-dev'].AuthLogsCollected | Should -BeFalse
    }
}
